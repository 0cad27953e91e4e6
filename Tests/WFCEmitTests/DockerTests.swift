import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// `nodes[].docker` (issue 38, item 6): Docker forwards published ports past INPUT, so a node
/// with `published` gets a `DOCKER-USER` filter as well; `host` changes only the run line.
@Suite("Docker")
struct DockerTests {
    static let topology = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        gateway: {public_address: 203.0.113.10}
        nodes:
          - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11, docker: published}
          - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12, docker: host}
        firewall: {server_api_from: [10.0.5.0/24], backend: both}
        """

    func files() throws -> [String: String] {
        let plan = try #require(lint(Self.topology).plan)
        return Dictionary(
            uniqueKeysWithValues: Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues()).map { ($0.path, $0.contents) })
    }

    @Test("published: wfc-docker admits what the openings admit, for destination-NATed connections only, and drops the rest of the published ports")
    func publishedFilter() throws {
        let f = try files()
        let v4 = try #require(f["nodes/node1/iptables.rules"])
        #expect(v4.contains(":wfc-docker - [0:0]\n"))
        #expect(v4.contains("-A wfc-docker -m conntrack ! --ctstate DNAT -j RETURN\n"))
        #expect(v4.contains("-A wfc-docker -s 10.0.5.0/24 -p tcp -m conntrack --ctorigdstport 18080 -m comment --comment \"Server API (admin)\" -j RETURN\n"))
        #expect(v4.contains("-A wfc-docker -p tcp -m conntrack --ctorigdstport 18080 -m comment --comment \"published by Docker, not opened\" -j DROP\n"))
        #expect(v4.contains("# Docker: if iptables -n -L wfc-docker"))
        let v6 = try #require(f["nodes/node1/ip6tables.rules"])
        #expect(v6.contains("-A wfc-docker -p tcp -m conntrack --ctorigdstport 18080 -m comment --comment \"published by Docker, not opened\" -j DROP\n"))
        #expect(!v6.contains("10.0.5.0/24"))
        let nft = try #require(f["nodes/node1/nftables.nft"])
        #expect(nft.contains("type filter hook forward priority filter - 1; policy accept;\n        ct status & dnat == 0 accept\n"))
        #expect(nft.contains("meta l4proto tcp ct original proto-dst { 80, 1883, 5701, 18080 } drop"))
        // `host`: the firewall is as without Docker.
        #expect(f["nodes/node2/iptables.rules"]?.contains("wfc-docker") == false)
        #expect(f["nodes/node2/nftables.nft"]?.contains("chain docker") == false)
    }

    @Test("the run line publishes clients' ports one to one and the Server API and cluster port on the private address; the hook follows the firewall")
    func runLine() throws {
        let checklist = try #require(try files()["CHECKLIST.md"])
        #expect(
            checklist.contains("docker run -d --name im-server --restart unless-stopped -p 80:80 -p 1883:1883 -p 10.0.0.11:5701:5701 -p 10.0.0.11:18080:18080 ")
        )
        #expect(checklist.contains("docker run -d --name im-server --restart unless-stopped --net host "))
        let firewall = try #require(checklist.range(of: "iptables-restore --noflush < nodes/node1/iptables.rules"))
        let hook = try #require(checklist.range(of: "iptables -C DOCKER-USER -j wfc-docker"))
        #expect(firewall.lowerBound < hook.lowerBound)
    }
}
