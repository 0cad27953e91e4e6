import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// `firewall.egress` (issue 38, item 5): a node's outbound traffic closed except to the
/// declared destinations, answers, and what the plan itself has the machine dial.
@Suite("Outbound rules")
struct EgressTests {
    static let topology = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        media: {storage: builtin}
        gateway: {on: node1}
        nodes:
          - {name: node1, public_address: 203.0.113.10, private_address: 10.0.0.11, ports: {tcp: 11881, http: 10081}}
          - {name: node2, private_address: 10.0.0.12, ports: {tcp: 11882, http: 10082}, docker: published}
          - {name: node3, private_address: "2001:db8::13", ports: {tcp: 11883, http: 10083}}
        services:
          - {name: push, on: node3, ports: [8090], from: [10.0.0.12]}
        firewall:
          backend: both
          server_api_from: [10.0.5.0/24]
          egress:
            - to: [10.0.0.53, "2001:db8::53"]
              ports: [53]
              protocol: udp
            - to: push
            - to: 198.51.100.0/24
              ports: [443, 8000-8100]

        """

    func build(_ text: String = topology) throws -> (plan: Plan, files: [String: String]) {
        try emitted(text)
    }

    @Test("the plan: declared destinations by address or name, the cluster's peers, the gateway's upstreams on its node, a service that names the node")
    func plan() throws {
        let p = try build().plan
        func summary(_ host: String) -> [String] {
            (p.host(named: host)?.egress ?? []).map { e in
                "\(e.destinations.map(\.description).joined(separator: ",")) \(e.ports?.description ?? "*")/\(e.proto.rawValue) "
                    + (e.rule.map { "egress[\($0)]" } ?? e.purpose?.summary ?? "")
            }
        }
        let node1 = summary("node1")
        #expect(node1.contains("10.0.0.53,2001:db8::53 53/udp egress[0]"))
        #expect(node1.contains("2001:db8::13 */tcp egress[1]"))
        #expect(node1.contains("198.51.100.0/24 8000-8100/tcp egress[2]"))
        #expect(node1.contains("10.0.0.11,10.0.0.12,2001:db8::13 5701/tcp cluster cache (Hazelcast)"))
        // The gateway runs on node1: its upstreams on the other nodes are dialed from there.
        #expect(node1.contains("10.0.0.12 80/tcp HTTP"))
        #expect(node1.contains("2001:db8::13 11883/tcp TCP long connection"))
        #expect(node1.contains { $0.contains("10.0.0.11") && $0.contains("to node1") } == false)
        // node2 is the one `push` admits: it dials it; node1 does not.
        #expect(summary("node2").contains("2001:db8::13 8090/tcp service push"))
        #expect(!node1.contains { $0.contains("service push") })
        // The gateway shares node1's machine, and so its outbound rules.
        #expect(summary("gateway") == node1)
        // Without egress, outbound stays open.
        #expect(
            try build(Self.topology.replacingOccurrences(of: "  egress:", with: "  unused:").components(separatedBy: "  unused:")[0]).plan.hosts.allSatisfy {
                $0.egress == nil
            })
    }

    @Test("iptables: wfc-output, declared in every file, hooked from OUTPUT only with egress; each family gets its own destinations; REJECT last")
    func iptables() throws {
        let f = try build().files
        let v4 = try #require(f["nodes/node1/iptables.rules"])
        #expect(v4.contains("#        iptables -C OUTPUT -j wfc-output 2>/dev/null || iptables -I OUTPUT 1 -j wfc-output\n"))
        #expect(v4.contains("-A wfc-output -d 10.0.0.53/32 -p udp -m udp --dport 53 -m comment --comment \"firewall.egress[0] t.yaml:17\" -j RETURN\n"))
        #expect(v4.contains("-A wfc-output -d 198.51.100.0/24 -p tcp -m tcp --dport 8000:8100 "))
        #expect(v4.contains("-A wfc-output -d 10.0.0.12/32 -p tcp -m tcp --dport 11882 -m comment --comment \"TCP long connection\" -j RETURN\n"))
        #expect(v4.hasSuffix("-A wfc-output -j REJECT\nCOMMIT\n"))
        // Answers from the host's own open ports pass by port too (a connection picked up
        // mid-stream: its first packet is NEW to conntrack).
        #expect(v4.contains("-A wfc-output -p tcp -m tcp --sport 22 -m comment --comment \"answers from 22\" -j RETURN\n"))
        #expect(!v4.contains("2001:db8"))
        #expect(
            try #require(f["nodes/node1/ip6tables.rules"]).contains(
                "-A wfc-output -d 2001:db8::13/128 -p tcp -m comment --comment \"firewall.egress[1] t.yaml:19\" -j RETURN\n"))
        let v6 = try #require(f["nodes/node1/ip6tables.rules"])
        #expect(v6.contains("-A wfc-output -d 2001:db8::53/128 -p udp -m udp --dport 53 "))
        #expect(v6.contains("-A wfc-output -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j RETURN\n"))
        #expect(!v6.contains("10.0.0.53"))
        // Docker: the container's own connections are held to the same rules.
        let docker = try #require(f["nodes/node2/iptables.rules"])
        #expect(docker.contains("-A wfc-docker -m conntrack ! --ctstate DNAT -g wfc-output\n"))
        // Without egress: the chain is still declared (emptied), and not hooked.
        let open = try build(DockerTests.topology).files
        let plain = try #require(open["nodes/node2/iptables.rules"])
        #expect(plain.contains(":wfc-output - [0:0]\n"))
        #expect(!plain.contains("-A wfc-output"))
        #expect(!plain.contains("OUTPUT"))
    }

    @Test("nftables: an egress chain used by output and by the Docker chain; nothing without egress")
    func nftables() throws {
        let f = try build().files
        let nft = try #require(f["nodes/node2/nftables.nft"])
        #expect(nft.contains("    chain egress {\n        ct state established,related accept\n"))
        #expect(nft.contains("        ip6 daddr 2001:db8::53 udp dport 53 accept comment \"firewall.egress[0] t.yaml:17\"\n"))
        #expect(nft.contains("        ip6 daddr 2001:db8::13 meta l4proto tcp accept comment \"firewall.egress[1] t.yaml:19\"\n"))
        #expect(nft.contains("        reject\n    }\n"))
        #expect(nft.contains("        tcp sport 22 accept comment \"answers from 22\"\n"))
        #expect(nft.contains("type filter hook output priority filter; policy accept;\n        oif \"lo\" accept\n        jump egress\n"))
        #expect(nft.contains("ct status & dnat == 0 jump egress\n"))
        let open = try #require(try build(DockerTests.topology).files["nodes/node1/nftables.nft"])
        #expect(!open.contains("egress") && !open.contains("hook output"))
    }

    @Test("the checklist says what stays reachable and hooks OUTPUT; plan.json lists the permissions")
    func checklistAndPlan() throws {
        let f = try build().files
        let checklist = try #require(f["CHECKLIST.md"])
        #expect(
            checklist.contains("Outbound: this host's own connections (and, with Docker, its containers') are refused except answers to inbound connections"))
        #expect(checklist.contains("iptables -C OUTPUT -j wfc-output 2>/dev/null || iptables -I OUTPUT 1 -j wfc-output; }"))
        let json = try #require(f["plan.json"])
        #expect(json.contains("\"origin\": \"firewall.egress[2]\""))
    }
}
