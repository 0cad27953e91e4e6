import StageTestSupport
import Testing
import WFCLanguage

@testable import WFCEmit
@testable import WFCPlan

/// The advanced edition behind a single TURN port (`calls.relay`, the vendor's 单端口化和强制TCP化
/// blog): the TURN servers are the only public hosts of the calls, janus stays private.
@Suite("Calls: janus behind TURN servers")
struct CallsRelayTests {
    static func topology(relay: String = "tcp", media2: String = "public_address: 203.0.113.42, private_address: 10.0.0.42") -> String {
        """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: object}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
          - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
        firewall: {server_api_from: []}
        calls:
          edition: advanced
          relay: \(relay)
          turn:
            - {name: turn1, public_address: 203.0.113.30, private_address: 10.0.0.30, user: wfc, password: {env: TURN1}}
          media_servers:
            - {name: media1, private_address: 10.0.0.41}
            - {name: media2, \(media2)}
        """
    }

    @Test("coturn relays at its private address; janus announces its own private address, a public one or not")
    func addresses() throws {
        let (_, files) = try emitted(Self.topology())
        let conf = try #require(files["calls/turn1/turnserver.conf"])
        for line in ["listening-ip=\"10.0.0.30\"", "relay-ip=\"10.0.0.30\"", "external-ip=\"10.0.0.30\""] {
            #expect(conf.contains(line + "\n"), "\(line)")
        }
        #expect(!conf.contains("203.0.113.30"))
        #expect(files["calls/media1/docker-run.sh"]?.contains("  -e DOCKER_IP=10.0.0.41 \\\n") == true)
        #expect(files["calls/media2/docker-run.sh"]?.contains("  -e DOCKER_IP=10.0.0.42 \\\n") == true)
    }

    @Test("only 3478 is public; the relay range admits the media servers and the RTP range the TURN server, over UDP")
    func firewalls() throws {
        let (_, files) = try emitted(Self.topology())
        let turn = try #require(files["calls/turn1/iptables.rules"])
        #expect(turn.contains("-A wfc-input -p udp -m udp --dport 3478 -m comment --comment \"TURN\" -j ACCEPT"))
        #expect(turn.contains("-A wfc-input -p tcp -m tcp --dport 3478 -m comment --comment \"TURN\" -j ACCEPT"))
        for source in ["10.0.0.41/32", "10.0.0.42/32"] {
            #expect(turn.contains("-A wfc-input -s \(source) -p udp -m udp --dport 49152:65535 -m comment --comment \"TURN relay\" -j ACCEPT"))
        }
        #expect(!turn.contains("-A wfc-input -p udp -m udp --dport 49152:65535"))
        for host in ["media1", "media2"] {
            let media = try #require(files["calls/\(host)/iptables.rules"])
            #expect(media.contains("-A wfc-input -s 10.0.0.30/32 -p udp -m udp --dport 20000:40000 -m comment --comment \"media (RTP)\" -j ACCEPT"))
            #expect(!media.contains("-A wfc-input -p udp"), "\(host): no UDP port open to everyone")
        }
        // The nodes still admit every media server on HTTP and MQTT.
        #expect(files["nodes/node1/iptables.rules"]?.contains("-A wfc-input -s 10.0.0.41/32 -p tcp -m tcp --dport 1883") == true)
    }

    @Test("the apps get the TURN server over TCP and call forceRelay; the checklist tests the path with coturn's tools")
    func checklist() throws {
        let (_, files) = try emitted(Self.topology())
        let checklist = try #require(files["CHECKLIST.md"])
        #expect(checklist.contains("`{\"turn:203.0.113.30:3478?transport=tcp\", \"wfc\", PASSWORD}`"))
        #expect(checklist.contains("call the call SDK's `forceRelay`"))
        #expect(!checklist.contains("remove any TURN server"))
        #expect(checklist.contains("`turnutils_uclient -c -n 5 -t -p 3478 -u wfc -w PASSWORD -e 10.0.0.41 -r 20000 203.0.113.30`"))
        #expect(checklist.contains("`turnutils_peer -L 10.0.0.42 -p 20000` on media2"))
        #expect(checklist.contains("carrying 10.0.0.30 (in front of janus, its private address: janus relays there)."))
        // Over UDP with `single-port`.
        let single = try #require(try emitted(Self.topology(relay: "single-port")).files["CHECKLIST.md"])
        #expect(single.contains("`{\"turn:203.0.113.30:3478\", \"wfc\", PASSWORD}`"))
        #expect(single.contains("`turnutils_uclient -c -n 5 -p 3478 "))
    }

    @Test("the probe expects the private relayed address and tries no datagram; a private janus gets no knock")
    func probe() throws {
        let (plan, _) = try emitted(Self.topology())
        let relay = try #require(plan.probeChecks.first { $0.kind == .relay })
        #expect(relay.expected == Host("10.0.0.30") && relay.behindRelay)
        let media = plan.probeChecks.filter { $0.kind == .media }
        #expect(media.map(\.endpoint.host.text) == ["10.0.0.41", "203.0.113.42"])
        #expect(media.map(\.expected) == [Host("10.0.0.41"), Host("10.0.0.42")])
        #expect(media.map(\.answerPort) == [nil, 22])
        // janus's API is checked closed where it has a public address.
        #expect(plan.probeChecks.filter { $0.kind == .closed && $0.endpoint.node == "media2" }.map(\.endpoint.port) == Plan.janusAPIPorts)
    }

    @Test("each call host's required address, by mode (WFC005); WFC605 leaves a private janus alone")
    func requiredAddresses() {
        let codes = { (text: String) in lint(text).diagnostics.map(\.code) }
        #expect(codes(Self.topology(media2: "public_address: 203.0.113.42")) == ["WFC005"])
        #expect(codes(Self.topology(relay: "none", media2: "public_address: 203.0.113.42")) == ["WFC005"])
        let noTurnPrivate = Self.topology().replacingOccurrences(of: ", private_address: 10.0.0.30", with: "")
        #expect(codes(noTurnPrivate) == ["WFC005"])
        // A name is fine for a TURN server whose relayed address is its private one.
        let named = Self.topology().replacingOccurrences(of: "public_address: 203.0.113.30", with: "public_address: turn.example.com")
        #expect(codes(named).isEmpty)
        #expect(codes(named.replacingOccurrences(of: "relay: tcp", with: "relay: none")).contains("WFC605"))
    }
}
