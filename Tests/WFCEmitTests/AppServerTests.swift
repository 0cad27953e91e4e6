import StageTestSupport
import Testing
import WFCLanguage

@testable import WFCEmit
@testable import WFCPlan

/// `app_server` (issue 35, item 2): the vendor's app server as a service with its own route
/// (its nginx config: 100 MB bodies, 100 s reads, client address passed, no CORS headers,
/// HTTP redirected with HTTPS pages), a Server API caller, and the checklist's settings.
@Suite("The app server")
struct AppServerTests {
    static func topology(on: String, extra: String = "") -> String {
        """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        clients: {web: true, https: true}
        tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key}
        media: {storage: builtin}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, private_address: 10.0.0.11, ports: {http: 10081, tcp: 1884, websocket: 18081}, websocket_proxy_secure_port: 5021}
          - {name: node2, private_address: 10.0.0.12, ports: {http: 10082, tcp: 1885, websocket: 18082}, websocket_proxy_secure_port: 5022}
        app_server:
          on: \(on)
          domain: app.example.com
        \(extra)
        """
    }

    func build(_ text: String) throws -> (plan: Plan, files: [String: String]) {
        try emitted(text)
    }

    @Test("on a node: the gateway routes its name to the node's private address; the node opens 8888 to the gateway alone; it calls its own node over loopback")
    func onNode() throws {
        let (plan, files) = try build(Self.topology(on: "node2"))
        let nginx = try #require(files["gateway/conf.d/wfc-http.conf"])
        #expect(nginx.contains("proxy_pass http://10.0.0.12:8888;"))
        #expect(nginx.contains("proxy_read_timeout 100s;"))
        #expect(nginx.contains("client_max_body_size 100m;"))
        #expect(nginx.contains("server_name app.example.com;\n    return 301 https://$host$request_uri;"))
        let node2 = try #require(plan.host(named: "node2"))
        let opening = try #require(node2.openings.first { $0.port == 8888 })
        #expect(opening.sources == [AddressRange("10.0.0.10")!])
        #expect(plan.host(named: "node1")?.openings.contains { $0.port == 8888 } == false)
        #expect(plan.appServer?.adminURL == "http://127.0.0.1:18080")
        #expect(plan.appServer?.clientURL == "https://app.example.com")
        let checklist = try #require(files["CHECKLIST.md"])
        #expect(checklist.contains("wfc.all_client_support_ssl=true"))
        #expect(checklist.contains("im.admin_url=http://127.0.0.1:18080"))
        #expect(checklist.contains("`APP_SERVER_ADDRESS = \"https://app.example.com\"`"))
    }

    @Test("beside the gateway: loopback upstream, and the gateway's address is a Server API caller on every node")
    func onGateway() throws {
        let (plan, files) = try build(Self.topology(on: "gateway"))
        #expect(try #require(files["gateway/conf.d/wfc-http.conf"]).contains("proxy_pass http://127.0.0.1:8888;"))
        #expect(plan.serverAPIFrom == [AddressRange("10.0.0.10")!])
        #expect(plan.host(named: "node1")?.openings.contains { $0.port == 18080 && $0.sources == [AddressRange("10.0.0.10")!] } == true)
        #expect(plan.appServer?.adminURL == "http://10.0.0.11:18080")
        // HAProxy: the same route, its read timeout and redirect.
        var haproxy = plan
        haproxy.gateway?.backend = .haproxy
        let cfg = HAProxyEmitter.render(haproxy, gateway: try #require(haproxy.gatewayHost), provenance: Provenance(input: "t.yaml"))
        #expect(cfg.contains("http-request redirect scheme https code 301 if { req.hdr(host),field(1,:) -i app.example.com }"))
        #expect(cfg.contains("    timeout server 100s\n    server app-server 127.0.0.1:8888\n"))
    }

    @Test("without a domain the clients dial its port, which the firewall opens to them")
    func direct() throws {
        let text =
            "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - {name: im1, public_address: 203.0.113.20}\napp_server: {on: im1}\n"
        let (plan, files) = try build(text)
        #expect(plan.host(named: "im1")?.openings.contains { $0.port == 8888 && $0.sources == nil } == true)
        #expect(plan.appServer?.clientURL == "http://203.0.113.20:8888")
        #expect(try #require(files["CHECKLIST.md"]).contains("wfc.all_client_support_ssl=false"))
    }
}

extension AppServerTests {
    @Test("an external balancer's sheet routes the app server's name to its node, and the checklist says so")
    func balancerSheet() throws {
        let text = Self.topology(on: "node1").replacingOccurrences(
            of: "gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}",
            with: "gateway: {public_address: 203.0.113.10, backend: external, source_ranges: [10.0.0.0/8]}")
        let (_, files) = try build(text)
        let sheet = try #require(files["gateway/listeners.json"])
        #expect(sheet.contains("\"host\": \"app.example.com\""))
        #expect(sheet.contains("\"address\": \"10.0.0.11\""))
        #expect(sheet.contains("\"read_timeout_seconds\": 100"))
        #expect(sheet.contains("\"redirect\": \"https\""))
        #expect(
            try #require(files["CHECKLIST.md"]).contains(
                "`app.example.com` to 10.0.0.11:8888 (bodies up to 100m, reads waiting 100 s; on HTTP a redirect to HTTPS)"))
    }
}

extension AppServerTests {
    @Test("the apps, the probe and the monitoring are given one address: an HTTPS port other than 443 is in it")
    func oneAddress() throws {
        let (plan, _) = try build(Self.topology(on: "node1", extra: "ports: {https: 8443}"))
        let app = try #require(plan.appServer)
        #expect(app.clientURL == "https://app.example.com:8443")
        #expect(plan.probeChecks.contains { $0.kind == .appServer && $0.endpoint == app.endpoint && $0.title == "app https://app.example.com:8443/" })
    }
}

/// The app server on a host of its own (`app_server` without `on`).
@Suite("App server: a host of its own")
struct AppServerHostTests {
    static let topology = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        media: {storage: object}
        clients: {web: true, https: true}
        tls: {certificate: /etc/nginx/tls/im.pem, certificate_key: /etc/nginx/tls/im.key}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, private_address: 10.0.0.11, ports: {tcp: 1883, websocket: 8083, http: 8001}, websocket_proxy_secure_port: 9001}
          - {name: node2, private_address: 10.0.0.12, ports: {tcp: 1884, websocket: 8084, http: 8002}, websocket_proxy_secure_port: 9002}
        firewall: {server_api_from: []}
        app_server: {private_address: 10.0.0.50, domain: app.example.com}
        """

    @Test("it is a host after the others: its firewall admits the gateway alone, the nodes admit it to the Server API, the gateway dials its address")
    func ownHost() throws {
        let (plan, files) = try emitted(Self.topology)
        #expect(plan.hosts.last?.name == "app-server" && plan.hosts.last?.kind == .app && plan.appServer?.ownHost == plan.hosts.count - 1)
        let own = try #require(files["app-server/iptables.rules"])
        #expect(own.contains("-A wfc-input -s 10.0.0.10/32 -p tcp -m tcp --dport 8888 -m comment --comment \"service app-server\" -j ACCEPT"))
        let node = try #require(files["nodes/node1/iptables.rules"])
        #expect(node.contains("-A wfc-input -s 10.0.0.50/32 -p tcp -m tcp --dport 18080"))
        #expect(files["gateway/conf.d/wfc-http.conf"]?.contains("proxy_pass http://10.0.0.50:8888;") == true)
        #expect(plan.appServer?.adminURL == "http://10.0.0.11:18080")
        #expect(
            files["ansible/inventory.yml"]?.contains("wfc_app:\n          hosts:\n            app-server:\n              ansible_host: \"10.0.0.50\"") == true)
    }

    @Test("it says where it runs: `on` or an address of its own, not both and not neither")
    func placement() {
        let base = Self.topology.replacingOccurrences(of: "app_server: {private_address: 10.0.0.50, domain: app.example.com}", with: "")
        #expect(lint(base + "app_server: {domain: app.example.com}\n").diagnostics.map(\.code.rawValue) == ["WFC005"])
        #expect(lint(base + "app_server: {on: node1, private_address: 10.0.0.50}\n").diagnostics.map(\.code.rawValue) == ["WFC006"])
    }
}
