import Foundation
import StageTestSupport
import Testing
import WFCEmit
import WFCLanguage
import WFCPlan

/// Access points (全球接入): each node's entry built from the access point's own ports, after
/// the node's own backups; the nodes admit the access point; its proxy passes each port to
/// the node it names.
@Suite("Access points")
struct AccessPointTests {
    static let base = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        media: {storage: object}
        firewall: {server_api_from: []}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, private_address: 10.0.0.11, ports: {tcp: 11881, http: 10081}}
          - {name: node2, private_address: 10.0.0.12, ports: {tcp: 11882, http: 10082}}
        access_points:
          - name: ap1
            public_address: 198.51.100.20
            private_address: 10.0.0.20
            ports:
              node2: {http: 82, tcp: 1882, websocket: 8082}
              node1: {http: 81, tcp: 1881, websocket: 8081}

        """

    @Test("each node's entry is its own ports, written in any order; the nodes admit the access point alone on their bound ports")
    func accessPointBackups() throws {
        let (plan, files) = try emitted(Self.base)
        #expect(files["nodes/node1/wildfirechat.conf"]?.contains("server.backup_address 198.51.100.20:81:1881:8081\n") == true)
        #expect(files["nodes/node2/wildfirechat.conf"]?.contains("server.backup_address 198.51.100.20:82:1882:8082\n") == true)
        // node1 binds 80 and 11881 behind the gateway: the access point passes there.
        let rules = try #require(files["nodes/node1/iptables.rules"])
        #expect(rules.contains("-A wfc-input -s 10.0.0.20/32 -p tcp -m tcp --dport 80 "))
        #expect(rules.contains("-A wfc-input -s 10.0.0.20/32 -p tcp -m tcp --dport 11881 "))
        let stream = try #require(files["access/ap1/stream.d/wfc-stream.conf"])
        #expect(stream.contains("listen 1881;\n    proxy_pass 10.0.0.11:11881;\n    proxy_connect_timeout 10s;\n    proxy_timeout 3600s;"))
        #expect(stream.contains("listen 82;\n    proxy_pass 10.0.0.12:80;"))
        #expect(files["access/ap1/nginx.conf"]?.contains("http {") == false)
        // The long connection is public only through the gateway and the access point.
        #expect(plan.hosts[0].listeners.first { $0.port.value == 11881 }?.exposure == .gatewayOnly)
        // Nothing for the apps: the client step names no backup address.
        #expect(files["CHECKLIST.md"]?.contains("setBackupAddress(") == false)
    }

    @Test("the TCP short link: the access point's short-link port passes to it, and HAProxy checks each port by connecting")
    func accessPointShortLink() throws {
        let text = Self.base.replacingOccurrences(
            of: "media: {storage: object}\n", with: "media: {storage: object}\nclients: {short_link: tcp}\nports: {http: 8000}\n"
        )
        .replacingOccurrences(of: "    private_address: 10.0.0.20\n", with: "    private_address: 10.0.0.20\n    backend: haproxy\n")
        .replacingOccurrences(of: "ports: {tcp: 11881, http: 10081}", with: "ports: {tcp: 11881, http: 10081, short_link_tcp: 10181}")
        .replacingOccurrences(of: "ports: {tcp: 11882, http: 10082}", with: "ports: {tcp: 11882, http: 10082, short_link_tcp: 10182}")
        let (_, files) = try emitted(text)
        let cfg = try #require(files["access/ap1/haproxy.cfg"])
        #expect(cfg.contains("# node1: TCP short links on 81 to 10.0.0.11:80 "))
        #expect(cfg.contains("backend wfc-node1-80\n    mode tcp\n    timeout server 3600s\n    server node1 10.0.0.11:80 check\n"))
        // The node's HTTP (8000) is not what the access point reaches: each port is checked itself.
        #expect(cfg.contains("    server node1 10.0.0.11:11881 check\n"))
        #expect(!cfg.contains("httpchk"))
    }

    @Test("WSS that a gateway ends cannot pass an access point (WFC310); nodes that end WSS themselves have theirs passed through")
    func accessPointHTTPS() throws {
        let multi = """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: object}
            firewall: {server_api_from: []}
            clients: {web: true, https: true}
            tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key}
            gateway: {public_address: 203.0.113.10}
            nodes:
              - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
            access_points:
              - name: ap1
                public_address: 198.51.100.20
                private_address: 10.0.0.20
                ports:
                  node1: {http: 81, tcp: 1881, websocket: 8081}

            """
        let gatewayWSS = lint(multi).diagnostics.filter { $0.code == "WFC310" }
        #expect(gatewayWSS.map(\.message) == ["web clients on HTTPS pages cannot use an access point: their WSS ends at the gateway"])
        let nodes = multi.replacingOccurrences(
            of: "tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key}",
            with: "tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key, wss: nodes}"
        ).replacingOccurrences(
            of: "  - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}",
            with: "  - name: node1\n    public_address: 203.0.113.11\n    private_address: 10.0.0.11\n    domain: node1.example.com\n"
                + "    tls: {jks_path: /etc/im-server/config/node1.jks, key_store_password: {env: KS1}, key_manager_password: {env: KM1}}")
        let result = lint(nodes)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let plan = try #require(result.plan)
        let ws = try #require(plan.listeners(ofAccessPoint: 0).first { $0.port.value == 8081 })
        #expect(ws.pool.map(\.port) == [8084])
    }

    @Test("each clash is reported once: two ports of one access point by WFC310, a port its machine binds (SSH's too) by WFC301")
    func clashesOnce() {
        let base = """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: object}
            firewall: {server_api_from: []}
            gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
            nodes:
              - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
              - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
            access_points:
              - name: ap1

            """
        let twice =
            base + "    public_address: 198.51.100.20\n    ports:\n      node1: {http: 81, tcp: 81, websocket: 8081}\n"
            + "      node2: {http: 82, tcp: 8081, websocket: 8082}\n"
        #expect(lint(twice).diagnostics.map(\.code) == ["WFC310", "WFC310"])
        let machine =
            base + "    public_address: 203.0.113.10\n    ports:\n      node1: {http: 80, tcp: 22, websocket: 8081}\n"
            + "      node2: {http: 82, tcp: 1882, websocket: 8082}\n"
        #expect(lint(machine).diagnostics.map(\.code) == ["WFC301", "WFC301"])
    }
}
