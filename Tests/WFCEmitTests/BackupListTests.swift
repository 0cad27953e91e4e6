import StageTestSupport
import Testing
import WFCLanguage

@testable import WFCEmit
@testable import WFCPlan

/// `nodes[].backup` as a sequence (issue 36, item 4; the vendor's 全球接入 blog): every entry is
/// one comma-separated part of `server.backup_address`, in the order written, and clients of each
/// network dial the node's own ports through it.
@Suite("Backup addresses: one per network")
struct BackupListTests {
    static let topology = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - name: node1
            public_address: 203.0.113.11
            private_address: 10.0.0.11
            backup:
              - {address: 198.51.100.11, ports: {http: 81, tcp: 1881, websocket: 8081}}
              - address: 192.0.2.11
          - name: node2
            public_address: 203.0.113.12
            private_address: 10.0.0.12
            backup: {address: 198.51.100.12, ports: {http: 82, tcp: 1882, websocket: 8082}}
        firewall: {server_api_from: []}
        """

    @Test("each entry in order, comma separated; a single mapping stays one entry; files go to the first network's address")
    func imConfig() throws {
        let (plan, files) = try emitted(Self.topology)
        let node1 = try #require(files["nodes/node1/wildfirechat.conf"])
        #expect(node1.contains("\nserver.backup_address 198.51.100.11:81:1881:8081,192.0.2.11:80:1883:8083\n"))
        #expect(node1.contains("\nmedia.backup_server_url http://198.51.100.11\nmedia.backup_server_port 81\n"))
        #expect(files["nodes/node2/wildfirechat.conf"]?.contains("\nserver.backup_address 198.51.100.12:82:1882:8082\n") == true)
        #expect(plan.nodes[0].backups.map(\.address.value.text) == ["198.51.100.11", "192.0.2.11"])
    }

    @Test("clients of each network dial the node's own ports through its entry: flows, probe checks and a router step per entry")
    func flows() throws {
        let (plan, files) = try emitted(Self.topology)
        let dialed = plan.flows(into: plan.hosts[0]).filter(\.isFromClients).map { "\($0.dialed?.text ?? ""):\($0.dialedPort)→\($0.port.value)" }
        for want in ["198.51.100.11:81→80", "198.51.100.11:1881→1883", "192.0.2.11:80→80", "192.0.2.11:1883→1883"] {
            #expect(dialed.contains(want), "\(dialed)")
        }
        let tcp = plan.probeChecks.filter { $0.kind == .tcp && $0.endpoint.node == "node1" }.map(\.endpoint.authority)
        #expect(tcp == ["203.0.113.11:1883", "198.51.100.11:1881", "192.0.2.11:1883"])
        // The firewall opens each inside port once, whatever network it is dialled from.
        let rules = try #require(files["nodes/node1/iptables.rules"])
        #expect(rules.components(separatedBy: "--dport 1883 ").count == 2, "\(rules)")
        let checklist = try #require(files["CHECKLIST.md"])
        #expect(checklist.contains("backup address `198.51.100.11` (`198.51.100.11:81:1881:8081` in `server.backup_address`)"))
        #expect(checklist.contains("backup address `192.0.2.11` (`192.0.2.11:80:1883:8083` in `server.backup_address`)"))
    }

    @Test("a single node with two networks: each app sets the entry of the network it runs in")
    func singleNodeClients() throws {
        let text = try sampleText("single-two-networks").replacingOccurrences(
            of: "    backup:\n      address: 198.51.100.52\n", with: "    backup:\n    - address: 192.0.2.52\n    - address: 198.51.100.52\n")
        let (_, files) = try emitted(text)
        #expect(files["nodes/im1/wildfirechat.conf"]?.contains("\nserver.backup_address 192.0.2.52:80:1883:8083,198.51.100.52:10080:11883:18083\n") == true)
        #expect(
            files["CHECKLIST.md"]?.contains(
                "call `setBackupAddress` with the entry of the network it runs in (`192.0.2.52`, 80; `198.51.100.52`, 10080), then `setBackupAddressStrategy(0)`."
            )
                == true)
    }

    @Test("an entry without an address is WFC005 at that entry")
    func missingAddress() {
        let text = Self.topology.replacingOccurrences(of: "      - address: 192.0.2.11\n", with: "      - ports: {http: 81}\n")
        let result = lint(text)
        #expect(result.diagnostics.map(\.code) == ["WFC005"])
        #expect(positions(result) == ["WFC005@12:9"])
    }
}
