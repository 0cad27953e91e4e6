import StageTestSupport
import Testing
import WFCLanguage

@testable import WFCEmit
@testable import WFCPlan

/// Calls of the free edition: TURN servers as hosts, their turnserver.conf and their firewall.
@Suite("Calls: TURN servers")
struct CallsTests {
    static let topology = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
          - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
        firewall: {server_api_from: []}
        calls:
          turn:
            - {name: turn1, public_address: 203.0.113.30, private_address: 10.0.0.30, user: wfc, password: {env: TURN1}}
            - {name: turn2, public_address: 203.0.113.12, user: wfc, password: {env: TURN2}, relay_ports: 40000-59999}
        """

    @Test("TURN servers follow the gateway in the hosts; one on a node's address shares that node's machine and firewall")
    func hosts() throws {
        let (plan, files) = try emitted(Self.topology)
        #expect(plan.hosts.map(\.name) == ["node1", "node2", "gateway", "turn1", "turn2"])
        #expect(plan.gatewayHost?.name == "gateway" && plan.gatewayIndex == 2)
        #expect(plan.hosts[3].machine == nil && plan.hosts[4].machine == 1)
        #expect(plan.hosts[3].folder == "calls/turn1" && plan.hostNames.suffix(2) == ["turn1", "turn2"])
        // Its own machine: SSH, 3478 over TCP and UDP, the relay range over UDP.
        let own = try #require(files["calls/turn1/iptables.rules"])
        for rule in [
            "-A wfc-input -p tcp -m tcp --dport 3478 -m comment --comment \"TURN\" -j ACCEPT",
            "-A wfc-input -p udp -m udp --dport 3478 -m comment --comment \"TURN\" -j ACCEPT",
            "-A wfc-input -p udp -m udp --dport 49152:65535 -m comment --comment \"TURN relay\" -j ACCEPT",
            "-A wfc-input -p tcp -m tcp --dport 22 -m comment --comment \"SSH\" -j ACCEPT"
        ] {
            #expect(own.contains(rule), "\(rule)")
        }
        // On node2's machine: node2's firewall opens turn2's ports; turn2 has no firewall of its own.
        #expect(files["calls/turn2/iptables.rules"] == nil)
        let shared = try #require(files["nodes/node2/iptables.rules"])
        #expect(shared.contains("--dport 40000:59999 -m comment --comment \"TURN relay\""))
        #expect(shared.contains("-p udp -m udp --dport 3478"))
        #expect(files["calls/turn2/turnserver.conf"]?.contains("min-port=40000\nmax-port=59999\n") == true)
        // The inventory lists both; only turn1 applies a firewall.
        let inventory = try #require(files["ansible/inventory.yml"])
        #expect(inventory.contains("wfc_turn:\n          hosts:\n            turn1:"))
        #expect(
            inventory.contains(
                "turn2:\n              ansible_host: \"203.0.113.12\"\n              wfc_folder: calls/turn2\n              wfc_kind: turn\n              wfc_firewall: false"
            ))
    }

    @Test("turnserver.conf: behind 1:1 NAT coturn binds the private address and announces the public one; without a private one it binds the public")
    func natAddresses() throws {
        let (_, files) = try emitted(Self.topology)
        let behindNAT = try #require(files["calls/turn1/turnserver.conf"])
        #expect(behindNAT.contains("listening-ip=\"10.0.0.30\"\nrelay-ip=\"10.0.0.30\"\nexternal-ip=\"203.0.113.30/10.0.0.30\"\n"))
        let direct = try #require(files["calls/turn2/turnserver.conf"])
        #expect(direct.contains("listening-ip=\"203.0.113.12\"\nrelay-ip=\"203.0.113.12\"\nexternal-ip=\"203.0.113.12\"\n"))
        #expect(direct.contains("lt-cred-mech\nfingerprint\nrealm=\"im.example.com\"\n"))
        #expect(direct.contains("no-tls\nno-dtls\nno-cli\n"))
    }

    @Test("a hostile password stays one quoted value on one line; what coturn cannot read never gets there (WFC406)")
    func hostilePassword() throws {
        let hostile = "p\"a#s= s;\\x"
        #expect(TurnServerConf.setting("user", "wfc:" + hostile) == "user=\"wfc:p\"a#s= s;\\x\"")
        for bad in ["two\nlines", "0xdeadbeef", " leading", "trailing ", "", String(repeating: "a", count: 513), "nul\0"] {
            #expect(Grammar.turnConfigValueProblem(bad) != nil, "\(bad.debugDescription)")
        }
        // A `#` with a space is fine for coturn, unlike the IM server's parser.
        #expect(Grammar.turnConfigValueProblem(hostile) == nil)
        #expect(Grammar.imConfigValueProblem(hostile) != nil)
    }

    @Test("every node of the plan keeps its IM config: calls of the free edition touch no IM key")
    func imConfigUntouched() throws {
        let (plan, files) = try emitted(Self.topology)
        let without = try emitted(Self.topology.components(separatedBy: "calls:")[0])
        #expect(plan.nodes.map(\.imConfig) == without.plan.nodes.map(\.imConfig))
        #expect(files["nodes/node1/wildfirechat.conf"] == without.files["nodes/node1/wildfirechat.conf"])
    }
}
