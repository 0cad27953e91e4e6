import Foundation
import StageTestSupport
import Testing
import WFCEmit
import WFCLanguage
import WFCPlan

/// The TLS long link (`clients.long_link: tls`): the nodes end TLS on `ssl_port` and HTTPS with
/// their keystore, the plain long connection faces no client, and the apps call `useTls`.
@Suite("The TLS long link")
struct TLSLongLinkTests {
    @Test("single mode: ssl_port, https_port and the keystore in the IM config; 1883 closed to clients; the apps call useTls")
    func singleMode() throws {
        let (plan, files) = try emitted(try sampleText("single-tls-long-link"))
        let conf = try #require(files["nodes/node1/wildfirechat.conf"])
        for line in ["ssl_port 8883\n", "https_port 443\n", "jks_path /etc/im-server/config/im.example.com.jks\n", "port 1883\n"] {
            #expect(conf.contains(line), "\(line)")
        }
        let rules = try #require(files["nodes/node1/iptables.rules"])
        #expect(rules.contains("--dport 8883 -m comment --comment \"TLS long connection\" -j ACCEPT"))
        #expect(!rules.contains("--dport 1883 "))
        #expect(plan.closedEndpoints.map(\.port).contains(1883))
        #expect(plan.probeChecks.contains { $0.kind == .tls && $0.endpoint.authority == "im.example.com:8883" })
        let checklist = try #require(files["CHECKLIST.md"])
        #expect(checklist.contains("call the SDK's `useTls` before it connects"))
        // The IM server ends the TLS long link itself: no layout without a keystore is offered.
        #expect(!checklist.contains("end TLS at nginx on this host"))
        #expect(files["monitoring/blackbox.yml"]?.contains("wfc_tls_connect:\n    prober: tcp\n    timeout: \"10s\"\n    tcp:\n      tls: true\n") == true)
    }

    @Test("multi-node: each node ends TLS on its own domain with its own keystore; the gateway ends the HTTPS route for native clients")
    func multiNode() throws {
        let text = """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            clients: {long_link: tls}
            ports: {ssl: 8883}
            tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key}
            gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
            firewall: {server_api_from: []}
            media: {storage: object}
            nodes:
              - name: node1
                public_address: 203.0.113.11
                private_address: 10.0.0.11
                domain: node1.example.com
                tls: {jks_path: /etc/im-server/config/node1.jks, key_store_password: {env: KS1}, key_manager_password: {env: KM1}}

            """
        let (plan, files) = try emitted(text)
        let conf = try #require(files["nodes/node1/wildfirechat.conf"])
        #expect(conf.contains("server.ip node1.example.com\n"))
        #expect(conf.contains("ssl_port 8883\n") && conf.contains("https_port 443\n") && conf.contains("jks_path /etc/im-server/config/node1.jks\n"))
        #expect(files["gateway/conf.d/wfc-http.conf"]?.contains("listen 443 ssl;") == true)
        #expect(plan.probeChecks.contains { $0.kind == .tls && $0.endpoint.authority == "node1.example.com:8883" })
        // Without the node's own name, the certificate could not name what clients dial.
        let bare = text.replacingOccurrences(of: "    domain: node1.example.com\n", with: "")
        #expect(lint(bare).diagnostics.map(\.code) == ["WFC409"])
    }

    @Test("ports.ssl without the TLS long link is inert (WFC306)")
    func inertSSL() {
        let text = "version: 1\nmode: single\nauthorized_address: im.example.com\nports: {ssl: 8883}\nnodes:\n  - name: node1\n"
        #expect(lint(text).diagnostics.map(\.code).contains("WFC306"))
    }
}
