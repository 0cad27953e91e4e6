import StageTestSupport
import Testing
import WFCLanguage

@testable import WFCEmit
@testable import WFCPlan

/// The TCP short link (`clients.short_link: tcp`, the vendor's 基于TCP的短链接): the native apps'
/// route and short links over TCP on 80, HTTP moved and still served, in every mode.
@Suite("The TCP short link")
struct TCPShortLinkTests {
    static let single = """
        version: 1
        mode: single
        authorized_address: im.example.com
        clients: {native: true, web: true, short_link: tcp}
        ports: {http: 8000}
        media: {storage: object}
        nodes:
          - name: node1
            public_address: 203.0.113.20
        firewall: {server_api_from: []}
        """

    static let multiNode = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        clients: {short_link: tcp}
        ports: {http: 8000}
        media: {storage: object}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
          - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
        firewall: {server_api_from: []}
        """

    @Test("single: the node binds 80 for the TCP short link and 8000 for HTTP; clients dial both on the node")
    func singleMode() throws {
        let (plan, files) = try emitted(Self.single)
        let conf = try #require(files["nodes/node1/wildfirechat.conf"])
        #expect(conf.contains("\nhttp_port 8000\nlocal_port 8000\n"))
        #expect(conf.contains("\nshort_link_tcp_port 80\nshort_link_local_tcp_port 80\n"))
        let rules = try #require(files["nodes/node1/iptables.rules"])
        #expect(rules.contains("-A wfc-input -p tcp -m tcp --dport 80 -m comment --comment \"TCP short link\" -j ACCEPT"))
        #expect(rules.contains("--dport 8000 -m comment --comment \"HTTP\""))
        #expect(plan.probeChecks.filter { $0.kind == .shortLink }.map(\.title) == ["short-link node1 im.example.com:80"])
        let checklist = try #require(files["CHECKLIST.md"])
        #expect(checklist.contains("call the SDK's `useTcpShortLink` before it connects"))
        #expect(checklist.contains("- [ ] TCP short link of `node1`: `nc -vz -w 5 im.example.com 80` connects"))
        #expect(checklist.contains("`static ROUTE_PORT = 8000;`"))
    }

    @Test("multi-node: the gateway balances the route at layer 4; each node is dialled on its own address")
    func multiNodeMode() throws {
        let (plan, files) = try emitted(Self.multiNode)
        let stream = try #require(files["gateway/stream.d/wfc-stream.conf"])
        #expect(stream.contains("upstream wfc_short_link {\n    # node1 (t.yaml:9)\n    server 10.0.0.11:80;\n"))
        #expect(stream.contains("server {\n    listen 80;\n    proxy_pass wfc_short_link;\n"))
        #expect(files["gateway/conf.d/wfc-http.conf"]?.contains("listen 8000;") == true)
        #expect(
            plan.probeChecks.filter { $0.kind == .shortLink }.map(\.title) == [
                "short-link node1 203.0.113.11:80", "short-link node2 203.0.113.12:80", "short-link route im.example.com:80"
            ])
        // Nothing else the SDKs dial moved: WFC305 stays quiet with HTTP on 8000.
        #expect(!lint(Self.multiNode).diagnostics.contains { $0.code == "WFC305" })
    }

    @Test("HAProxy: a tcp frontend on 80 and a balanced tcp backend, health-checked on each node's HTTP port")
    func haproxy() throws {
        let text = Self.multiNode.replacingOccurrences(of: "gateway: {", with: "gateway: {backend: haproxy, ")
        let (_, files) = try emitted(text)
        let cfg = try #require(files["gateway/haproxy.cfg"])
        #expect(cfg.contains("frontend wfc-short-link-80\n    mode tcp\n"))
        #expect(cfg.contains("    default_backend wfc-short-link\n"))
        #expect(cfg.contains("backend wfc-short-link\n"))
        #expect(cfg.contains("    balance roundrobin\n"))
        #expect(cfg.contains("    server node2 10.0.0.12:80 check port 8000\n"))
    }

    @Test("single entry: each node's own short-link port on the gateway, and what it binds", arguments: [1, 2])
    func singleEntry(_ n: Int) throws {
        let (plan, files) = try emitted(try sampleText("single-entry-tcp-short-link"))
        let conf = try #require(files["nodes/node\(n)/wildfirechat.conf"])
        #expect(conf.contains("\nshort_link_tcp_port 1009\(n)\nshort_link_local_tcp_port 80\n"))
        #expect(files["gateway/stream.d/wfc-stream.conf"]?.contains("server {\n    listen 1009\(n);\n    proxy_pass 10.0.0.1\(n):80;\n") == true)
        #expect(plan.probeChecks.contains { $0.title == "short-link node\(n) im.example.com:1009\(n)" })
        #expect(
            files["nodes/node\(n)/iptables.rules"]?.contains("-A wfc-input -s 10.0.0.10/32 -p tcp -m tcp --dport 80 -m comment --comment \"TCP short link\"")
                == true)
    }

    @Test("the rules: HTTP left on the short link's port, built-in storage, another port without the SDK, inert keys, the community edition")
    func rules() {
        let codes = { (text: String) in lint(text).diagnostics.map(\.code).sorted() }
        #expect(codes(Self.single.replacingOccurrences(of: "ports: {http: 8000}\n", with: "")) == ["WFC309"])
        #expect(codes(Self.single.replacingOccurrences(of: "storage: object", with: "storage: builtin")) == ["WFC309"])
        #expect(codes(Self.single.replacingOccurrences(of: "{http: 8000}", with: "{http: 8000, short_link_tcp: 8001}")) == ["WFC311"])
        let sdk = Self.single.replacingOccurrences(of: "short_link: tcp}", with: "short_link: tcp, sdk: custom-ports}")
        #expect(codes(sdk.replacingOccurrences(of: "{http: 8000}", with: "{http: 8000, short_link_tcp: 8001}")).isEmpty)
        #expect(
            codes(Self.single.replacingOccurrences(of: ", short_link: tcp", with: "").replacingOccurrences(of: "{http: 8000}", with: "{short_link_tcp: 80}"))
                == ["WFC306"])
        #expect(
            codes(Self.multiNode.replacingOccurrences(of: "private_address: 10.0.0.12}", with: "private_address: 10.0.0.12, ports: {short_link_tcp: 81}}")) == [
                "WFC306"
            ])
        #expect(
            codes(Self.single.replacingOccurrences(of: "web: true, ", with: "").replacingOccurrences(of: "native: true", with: "native: false, web: true")) == [
                "WFC306"
            ])
        #expect(
            codes(
                Self.single.replacingOccurrences(of: "mode: single\n", with: "mode: single\nedition: community\n").replacingOccurrences(
                    of: "web: true, ", with: "")
            ).contains("WFC108"))
    }

    @Test("a gateway on a node: in single entry that node binds its own port, dialled directly; without one, WFC109 (not WFC301)")
    func gatewayOnNode() throws {
        let text =
            try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/e2e/topologies/single-entry-gateway-on-node.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "clients: {native: true, web: true}", with: "clients: {native: true, web: true, short_link: tcp}")
            .replacingOccurrences(of: "storage: builtin", with: "storage: object")
            .replacingOccurrences(of: "websocket: 18081}", with: "websocket: 18081, short_link_tcp: 10091}")
            .replacingOccurrences(of: "websocket: 18082}", with: "websocket: 18082, short_link_tcp: 10092}") + "ports: {http: 8000}\n"
        let (plan, files) = try emitted(text)
        #expect(files["nodes/im-a/wildfirechat.conf"]?.contains("\nshort_link_tcp_port 10091\nshort_link_local_tcp_port 10091\n") == true)
        let stream = try #require(files["gateway/stream.d/wfc-stream.conf"])
        #expect(stream.contains("    server 127.0.0.1:10091;\n") && !stream.contains("listen 10091;"))
        #expect(plan.probeChecks.contains { $0.title == "short-link im-a im.example.com:10091" })
        let multi =
            try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/e2e/topologies/multi-node-gateway-on-node.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "https: true}", with: "https: true, short_link: tcp}") + "ports: {http: 8000}\n"
        #expect(lint(multi).diagnostics.map(\.code) == ["WFC109"])
        #expect(lint(text.replacingOccurrences(of: ", short_link_tcp: 10091}", with: "}")).diagnostics.map(\.code) == ["WFC109"])
    }

    @Test("single entry: a node left on the short link's route port is WFC304, with a port of its own suggested")
    func singleEntryNodeOnRoutePort() throws {
        let text = try sampleText("single-entry-tcp-short-link").replacingOccurrences(of: ", short_link_tcp: 10092", with: "")
        let found = lint(text).diagnostics
        #expect(found.map(\.code) == ["WFC304"])
        #expect(found.first?.message == "node `node2` uses port 80 (like the gateway's TCP short-link route) on the shared public address")
        #expect(found.first?.helps == ["give `node2` a port of its own in its `ports`: `ports.short_link_tcp` 10092 is free"])
    }
}
