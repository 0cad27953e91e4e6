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

    @Test("a declared firewall opens a TURN server by its name (to: turn1), and WFC503 lists the hosts it may name")
    func declaredRules() throws {
        let declared = Self.topology.replacingOccurrences(
            of: "firewall: {server_api_from: []}",
            with: """
                firewall:
                  server_api_from: []
                  allow:
                    - {to: all, ports: [22]}
                    - {to: gateway, ports: [80]}
                    - {to: nodes, ports: [80, 1883]}
                    - {to: nodes, ports: [5701], from: [10.0.0.11, 10.0.0.12]}
                    - {to: [turn1, node2], ports: [3478]}
                    - {to: [turn1, node2], ports: [3478, 49152-65535, 40000-59999], protocol: udp}
                """)
        let (_, files) = try emitted(declared)
        let rules = try #require(files["calls/turn1/iptables.rules"])
        #expect(rules.contains("-A wfc-input -p udp -m udp --dport 49152:65535 -m comment --comment \"firewall.allow[5] t.yaml:17\" -j ACCEPT"), "\(rules)")
        #expect(rules.contains("-A wfc-input -p tcp -m tcp --dport 3478 -m comment --comment \"firewall.allow[4] t.yaml:16\" -j ACCEPT"))
        // Without the UDP rule: WFC501 names the UDP ports as such, and the range whole.
        let noUDP = lint(
            declared.replacingOccurrences(of: "ports: [3478, 49152-65535, 40000-59999], protocol: udp}", with: "ports: [40000-59999], protocol: udp}"))
        #expect(
            noUDP.diagnostics.map(\.message) == [
                "the firewall of `turn2` does not open 3478/udp", "the firewall of `turn1` does not open 3478/udp and 49152-65535/udp"
            ])
        let typo = lint(declared.replacingOccurrences(of: "[turn1, node2], ports: [3478]}", with: "[turn2x, node2], ports: [3478]}"))
        let found = try #require(typo.diagnostics.first { $0.code == "WFC503" })
        #expect(found.message == "`turn2x` names no host")
        #expect(found.notes.first == "the hosts are `node1`, `node2`, `turn1` and `turn2`")
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

/// Calls of the advanced edition: the vendor's janus media servers.
@Suite("Calls: media servers (janus)")
struct MediaServerTests {
    static let topology = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        media: {storage: object}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, private_address: 10.0.0.11, ports: {tcp: 1883, http: 8001}}
          - {name: node2, private_address: 10.0.0.12, ports: {tcp: 1884, http: 8002}}
        firewall: {server_api_from: []}
        calls:
          edition: advanced
          media_servers:
            - {name: media1, public_address: 203.0.113.41, private_address: 10.0.0.41, client_id: A1-b2.c3_d4, interface: ens3}
            - {name: media2, public_address: 203.0.113.42, rtp_ports: 30000-39999}
          spare_client_ids: [spare-3]
          recording: {strategy: 1, host_path: /srv/janus/recordings}
        """

    @Test("every node gets the client list, its own private IP for signalling and the recording at the vendor's fixed path")
    func conferenceKeys() throws {
        let (plan, files) = try emitted(Self.topology)
        for (node, ip) in [("node1", "10.0.0.11"), ("node2", "10.0.0.12")] {
            let conf = try #require(files["nodes/\(node)/wildfirechat.conf"])
            #expect(
                conf.hasSuffix(
                    "conference.client_list A1-b2.c3_d4,media2,spare-3\nconference.signal_server_address \(ip)\n"
                        + "conference.record_strategy 1\nconference.record_path /opt/janus/share/janus/recordings\n"))
        }
        #expect(plan.imConfigKeys.isSubset(of: plan.imOwnedKeys))
    }

    @Test("clients reach the RTP range over UDP; the nodes admit the media servers on their HTTP and MQTT ports; janus's API stays closed")
    func firewalls() throws {
        let (plan, files) = try emitted(Self.topology)
        #expect(plan.hosts.map(\.name) == ["node1", "node2", "gateway", "media1", "media2"])
        let media = try #require(files["calls/media2/iptables.rules"])
        #expect(media.contains("-A wfc-input -p udp -m udp --dport 30000:39999 -m comment --comment \"media (RTP)\" -j ACCEPT"))
        #expect(!media.contains("8088") && !media.contains("8188"))
        // Single entry: a node's own ports are the gateway's, and now the media servers' too.
        let node = try #require(files["nodes/node2/iptables.rules"])
        for source in ["10.0.0.41/32", "203.0.113.42/32"] {
            #expect(node.contains("-A wfc-input -s \(source) -p tcp -m tcp --dport 80 -m comment --comment \"HTTP\" -j ACCEPT"), "\(source)")
            #expect(node.contains("-A wfc-input -s \(source) -p tcp -m tcp --dport 1884 -m comment --comment \"TCP long connection\" -j ACCEPT"))
        }
        let closed = plan.probeChecks.filter { $0.kind == .closed && $0.endpoint.node == "media1" }.map(\.endpoint.port)
        #expect(closed == Plan.janusAPIPorts)
        #expect(plan.probeChecks.contains { $0.kind == .media && $0.endpoint.node == "media2" && $0.endpoint.port == 30000 })
    }

    @Test("configure-janus.sh and docker-run.sh: libconfig strings, sed and the shell each quote the values; DOCKER_IP is the public address")
    func scripts() throws {
        let (_, files) = try emitted(Self.topology)
        let configure = try #require(files["calls/media1/configure-janus.sh"])
        #expect(configure.contains("set_value janus.jcfg rtp_port_range '\"20000-40000\"'\n"))
        #expect(configure.contains("set_value janus.jcfg ice_enforce_list '\"ens3\"'\n"))
        #expect(configure.contains("set_value janus.transport.mqtt.jcfg im_host '\"im.example.com\"'\nset_value janus.transport.mqtt.jcfg im_port 80\n"))
        #expect(configure.contains("set_value janus.transport.mqtt.jcfg client_id '\"A1-b2.c3_d4\"'\n"))
        #expect(files["calls/media2/configure-janus.sh"]?.contains("ice_enforce_list") == false)
        let run = try #require(files["calls/media1/docker-run.sh"])
        #expect(run.contains("  -e DOCKER_IP=203.0.113.41 \\\n"))
        #expect(run.contains("  -v /srv/janus/recordings:/opt/janus/share/janus/recordings \\\n"))
        // Hostile values, for the day a value is less restricted than the language makes it today.
        #expect(JanusConfig.string("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(JanusConfig.sedReplacement("a|b&c\\d") == "a\\|b\\&c\\\\d")
        #expect(Shell.quote(JanusConfig.sedReplacement(JanusConfig.string("it's"))) == "'\"it'\\''s\"'")
    }
}
