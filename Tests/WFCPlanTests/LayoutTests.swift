import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan

/// The layouts beyond the three textbook modes (port mapping, a gateway on the node's host,
/// files over HTTPS): what the plan resolves for each, read off the samples.
@Suite("Plan: operator layouts")
struct LayoutTests {
    func plan(_ sample: String) throws -> Plan {
        let result = try lintSample(sample)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        return try #require(result.plan)
    }

    func lines(_ node: PlanNode) -> [String] {
        node.imConfig.map { entry in
            if case .text(let t) = entry.value { return "\(entry.key) \(t)" }
            return "\(entry.key) <secret>"
        }
    }

    func openings(_ host: HostPlan) -> [String] {
        host.openings.map { "\($0.port)" + ($0.sources.map { " from " + $0.map(\.description).joined(separator: ",") } ?? "") }.sorted()
    }

    @Test("quick HTTPS: the node binds 8080, tells clients 80 and WSS 8084 on the authorized domain, and needs no keystore")
    func quickHTTPS() throws {
        let p = try plan("single-https-nginx")
        #expect(
            lines(p.nodes[0]) == [
                "server.ip im.example.com", "port 1883", "http_port 80", "local_port 8080", "http.admin.port 18080", "node_id 1",
                "websocket_port 8083", "websocket_proxy_host im.example.com", "websocket_proxy_secure_port 8084",
                "local.media.storage.remote_server_url https://im.example.com/media"
            ])
        #expect(p.tls?.keystore == nil && p.tls?.certificate?.chain == "/etc/nginx/certs/im.example.com.pem")
        let gateway = try #require(p.gatewayHost)
        #expect(gateway.machine == 0, "the gateway shares im1's machine")
        // One machine, one firewall: the gateway's 80, 443 and 8084 and the node's 1883;
        // 8080 and 8083 come over loopback and stay shut.
        #expect(openings(p.hosts[0]) == ["1883", "22", "443", "80", "8084"])
        #expect(openings(gateway) == openings(p.hosts[0]))
        #expect(Set(p.closedEndpoints.map(\.port)) == [8080, 8083, 18080, 5701])
        #expect(p.entryEndpoints.map(\.url) == ["http://im.example.com/", "https://im.example.com/"])
    }

    @Test("a gateway with a node's address but no `on` is one machine to lint and to build: WFC301 sees it, one firewall is written")
    func sharedAddressIsOneMachine() throws {
        let text = """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            gateway: {public_address: 203.0.113.11}
            nodes:
              - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
              - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
            firewall: {server_api_from: []}

            """
        // Both on 80: one machine to the port check.
        let clash = lint(text)
        #expect(clash.diagnostics.map(\.code.description) == ["WFC301"])
        #expect(clash.diagnostics.first?.notes.contains("`node1` and `gateway` have one address: they are one machine") == true)
        // The node moved to 8080: valid, and the build writes that machine's one firewall.
        let result = lint(text + "ports: {local: 8080}\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let p = try #require(result.plan)
        let gateway = try #require(p.gatewayHost)
        #expect(gateway.machine == 0 && p.machine(of: p.index(of: gateway)) == 0)
        let paths = Set(Emitter.artifacts(p, provenance: Provenance(input: "t.yaml"), secrets: SecretValues()).map(\.path))
        #expect(!paths.contains("gateway/iptables.rules") && paths.contains("nodes/node1/iptables.rules"))
        #expect(openings(p.hosts[0]).contains("80") && openings(p.hosts[0]).contains("8080"))
    }

    @Test("quick HTTPS: nginx passes to the node over loopback; no firewall file is written for the gateway")
    func quickHTTPSArtifacts() throws {
        let p = try plan("single-https-nginx")
        let files = Emitter.artifacts(
            p, provenance: Provenance(input: "t.yaml"),
            secrets: SecretValues())
        let paths = Set(files.map(\.path))
        #expect(!paths.contains("gateway/iptables.rules") && !paths.contains("gateway/nftables.nft"))
        #expect(paths.contains("nodes/im1/iptables.rules") && paths.contains("gateway/nginx.conf"))
        let http = try #require(files.first { $0.path == "gateway/conf.d/wfc-http.conf" }?.contents)
        #expect(http.contains("server 127.0.0.1:8080;"))
        #expect(http.contains("listen 8084 ssl;") && http.contains("proxy_pass http://127.0.0.1:8083;"))
        #expect(http.contains("location /media/ {") && http.contains("proxy_pass http://wfc_http/;"))
        #expect(http.contains("client_max_body_size 200m;"))
    }

    @Test("port mapping: the firewall opens the inside ports, clients dial 80 outside, the checklist lists the router's rules")
    func portMapped() throws {
        let p = try plan("single-port-mapped")
        #expect(
            lines(p.nodes[0]) == [
                "server.ip im.example.com", "port 1883", "http_port 80", "local_port 8080",
                "http.admin.port 18080", "node_id 1", "websocket_port 8083"
            ])
        #expect(openings(p.hosts[0]) == ["18080 from 192.168.1.0/24", "1883", "22", "8080", "8083"])
        #expect(p.entryEndpoints.map(\.url) == ["http://im.example.com/"])
        let checklist = ChecklistEmitter.render(p, provenance: Provenance(input: "t.yaml"))
        #expect(checklist.contains("| TCP | `203.0.113.30:80` | `192.168.1.10:8080` |"))
        #expect(checklist.contains("| TCP | `203.0.113.30:1883` | `192.168.1.10:1883` |"))
        #expect(checklist.contains("HTTP 80→8080"))
    }

    @Test("port mapping: each port clients dial that the router sends elsewhere is one WFC308, with the mapping that works")
    func mappingMismatch() throws {
        let text = try sampleText("single-port-mapped")
        let moved = lint(text.replacingOccurrences(of: "1883: 1883", with: "1883: 21883"))
        #expect(moved.diagnostics.map(\.code) == ["WFC308"])
        #expect(moved.diagnostics.first?.helps == ["map `1883: 1883`"])
        let unmapped = lint(text.replacingOccurrences(of: ", 8083: 8083", with: ""))
        #expect(unmapped.diagnostics.map(\.message) == ["`port_mapping` of `im1` leaves 8083 (WebSocket) unmapped"])
        let local = lint(text.replacingOccurrences(of: "ports:\n  local: 8080", with: "ports:\n  local: 80"))
        #expect(local.diagnostics.map(\.message) == ["outside 80 is mapped to 8080, but `im1` serves HTTP on 80"])
    }

    @Test("gateway.on: an unknown node, own addresses, or a cluster mode are WFC109, once each")
    func gatewayOn() throws {
        let base = "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: im1\n"
        #expect(lint(base + "gateway: {on: im2}\n").diagnostics.map(\.code) == ["WFC109"])
        #expect(lint(base + "gateway: {on: im1, public_address: 203.0.113.5}\n").diagnostics.map(\.code) == ["WFC109"])
        #expect(lint(base + "gateway: {on: im1}\n").diagnostics.isEmpty)
        let multi =
            "version: 1\nmode: multi-node\nauthorized_address: im.example.com\nfirewall: {server_api_from: []}\n"
            + "gateway: {on: n1}\nnodes:\n  - {name: n1, public_address: 203.0.113.5}\n"
        #expect(lint(multi).diagnostics.map(\.code) == ["WFC109"])
    }

    @Test("two networks: server.backup_address, the backup's checks, the proxy's rules and the apps' backup address")
    func twoNetworks() throws {
        let p = try plan("single-two-networks")
        #expect(lines(p.nodes[0]).contains("server.backup_address 198.51.100.52:10080:11883:18083"))
        #expect(p.entryEndpoints.map(\.url) == ["http://im.example.com/", "http://198.51.100.52:10080/"])
        #expect(p.connectionEndpoints.map(\.authority) == ["im.example.com:1883", "198.51.100.52:11883", "im.example.com:8083", "198.51.100.52:18083"])
        // The backup's outside ports land on the node's own: nothing more to open.
        #expect(openings(p.hosts[0]) == ["18080 from 172.16.35.20", "1883", "22", "80", "8083"])
        let checklist = ChecklistEmitter.render(p, provenance: Provenance(input: "t.yaml"))
        #expect(checklist.contains("| TCP | `198.51.100.52:10080` | `172.16.35.100:80` |"))
        #expect(checklist.contains("`setBackupAddress(\"198.51.100.52\", 10080)`"))
    }

    @Test("a backup without ports advertises the node's own; with HTTPS pages its WS(S) port is the WSS one")
    func backupDefaults() throws {
        let base = "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: im1\n    backup: {address: 198.51.100.52}\n"
        let plain = try #require(lint(base).plan)
        #expect(lines(plain.nodes[0]).contains("server.backup_address 198.51.100.52:80:1883:8083"))
        let https = base.replacingOccurrences(
            of: "nodes:",
            with: "clients: {web: true, https: true}\ntls: {jks_path: /k.jks, key_store_password: {env: A}, key_manager_password: {env: B}}\nnodes:")
        let secure = try #require(lint(https).plan)
        #expect(lines(secure.nodes[0]).contains("server.backup_address 198.51.100.52:80:1883:8084"))
        let entry =
            "version: 1\nmode: single-entry\nauthorized_address: im.example.com\nfirewall: {server_api_from: []}\n"
            + "gateway: {public_address: 203.0.113.10}\nnodes:\n  - {name: n1, private_address: 10.0.0.11, backup: {address: 198.51.100.52}}\n"
        #expect(lint(entry).diagnostics.map(\.code) == ["WFC306"])
    }

    @Test("services: their ports are listeners, opened to their `from`; one beside the gateway gets its domain served")
    func services() throws {
        let p = try plan("single-https-nginx")
        #expect(p.services.map(\.name.value) == ["app-server"] && p.services[0].besideGateway)
        #expect(p.hosts[0].listeners.contains { $0.port.value == 8888 && $0.purpose == .service("app-server") })
        #expect(p.serverAPIFrom == [], "an app server on the node's host calls over loopback: no opening")
        let base = """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
            nodes:
              - {name: n1, public_address: 203.0.113.11, private_address: 10.0.0.11}
            services:
              - {name: app, on: gateway, ports: [8888]}
              - {name: minio, on: n1, ports: [9000, 40000-40010], from: [10.0.0.0/8]}
            firewall: {server_api_from: [app]}

            """
        let multi = try #require(lint(base).plan)
        #expect(lint(base).diagnostics.isEmpty, "\(lint(base).diagnostics.map(\.message))")
        #expect(multi.serverAPIFrom?.map(\.description) == ["10.0.0.10"], "the gateway's address on the nodes' network")
        #expect(openings(multi.hosts[0]).contains("18080 from 10.0.0.10"))
        #expect(openings(multi.hosts[0]).contains("9000 from 10.0.0.0/8"))
        #expect(multi.hosts[0].openings.contains { $0.port == 40000 && $0.through == 40010 })
        #expect(openings(multi.hosts[1]).contains("8888"))
        // A service on an IM port, an unknown host, an unknown caller: one diagnostic each.
        #expect(lint(base.replacingOccurrences(of: "ports: [9000,", with: "ports: [1883,")).diagnostics.map(\.code) == ["WFC301"])
        let typo = lint(base.replacingOccurrences(of: "on: n1", with: "on: n2"))
        #expect(typo.diagnostics.map(\.message) == ["a service's `on` names `n2`, which is no host"])
        #expect(typo.diagnostics.first?.helps == ["did you mean `n1`?"])
        #expect(
            lint(base.replacingOccurrences(of: "[app]", with: "[apps]")).diagnostics.map(\.message)
                == ["`server_api_from` names `apps`, which is no service"])
    }

    @Test("node-served WSS: server.ip is the node's domain, 8084 with its own keystore, no proxy ports, the domain checked")
    func nodeWSS() throws {
        let p = try plan("multi-node-node-wss")
        #expect(
            lines(p.nodes[1]) == [
                "server.ip node2.example.com", "port 1883", "http_port 80", "local_port 80", "http.admin.port 18080", "node_id 2",
                "websocket_port 8083", "secure_websocket_port 8084", "jks_path /etc/im-server/config/node2.example.com.jks",
                "key_store_password <secret>", "key_manager_password <secret>"
            ])
        #expect(openings(p.hosts[1]).contains("8084") && !openings(p.hosts[1]).contains("8083"))
        let gateway = try #require(p.gatewayHost)
        #expect(Set(p.flows(into: gateway).map(\.port.value)) == [22, 80, 443], "the gateway ends HTTPS for the route only")
        #expect(p.connectionEndpoints.map(\.url).filter { $0.hasPrefix("wss") } == ["wss://node1.example.com:8084/", "wss://node2.example.com:8084/"])
        #expect(p.nodeDomains.map { "\($0.domain.text) \($0.address.text)" } == ["node1.example.com 203.0.113.11", "node2.example.com 203.0.113.12"])
    }

    @Test("node-served WSS: a node without its domain or keystore is one WFC408 naming each field; no WFC303 for proxy ports")
    func nodeWSSMissing() throws {
        let text = try sampleText("multi-node-node-wss")
        let noDomain = lint(text.replacingOccurrences(of: "    domain: node2.example.com\n", with: ""))
        #expect(noDomain.diagnostics.map(\.message) == ["node `node2` serves WSS itself but has no `domain`"])
        let noTLS = lint(text.replacingOccurrences(of: "    tls:\n      jks_path: /etc/im-server/config/node1.example.com.jks\n", with: "    tls:\n"))
        #expect(noTLS.diagnostics.map(\.code) == ["WFC408"])
        #expect(noTLS.diagnostics.first?.message == "node `node1` serves WSS itself but has no `tls.jks_path`")
        // The seed's layout again: proxy ports are required, node keystores are inert.
        let gatewayWSS = lint(text.replacingOccurrences(of: "  wss: nodes ", with: "  wss: gateway "))
        #expect(Set(gatewayWSS.diagnostics.map(\.code)) == ["WFC303", "WFC306"])
    }

    @Test("the keystore recipe quotes every value it puts in a shell command and keeps the PKCS#12 file private")
    func keystoreRecipe() throws {
        let p = try plan("multi-node-node-wss")
        let step = try #require(ChecklistEmitter.keystoreStep(p.nodes[0], plan: p))
        #expect(step.contains("dir=$(mktemp -d)") && step.contains("-destkeypass:env WFC_KEY_PASS") && !step.contains("/tmp/"))
        #expect(Shell.quote("/etc/im-server/config/node1.example.com.jks") == "/etc/im-server/config/node1.example.com.jks")
        #expect(Shell.quote("/opt/ks`id>/tmp/x`.jks&id") == "'/opt/ks`id>/tmp/x`.jks&id'")
        #expect(Shell.quote("it's") == "'it'\\''s'")
        #expect(Shell.quote("") == "''")
    }

    func testTopology(_ name: String) throws -> Plan {
        let url = repositoryRoot.appendingPathComponent("Tests/e2e/topologies/\(name).yaml")
        let result = lint(try String(contentsOf: url, encoding: .utf8))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        return try #require(result.plan)
    }

    @Test("gateway.on in multi-node: the node binds 8080, its short links get their own gateway port, the route is balanced over loopback and the others")
    func gatewayOnMultiNode() throws {
        let p = try testTopology("multi-node-gateway-on-node")
        #expect(Array(lines(p.nodes[0]).prefix(4)) == ["server.ip 203.0.113.11", "port 1883", "http_port 10081", "local_port 8080"])
        #expect(Array(lines(p.nodes[1]).prefix(4)) == ["server.ip 203.0.113.12", "port 1883", "http_port 80", "local_port 80"])
        #expect(p.upstreamAddress(of: p.nodes[0])?.text == "127.0.0.1" && p.upstreamAddress(of: p.nodes[1])?.text == "10.0.0.12")
        #expect(p.nodeAPIEndpoints.map(\.authority) == ["203.0.113.12:80", "203.0.113.11:10081"])
        // node2 admits node1's WebSocket proxying from the gateway, which is node1's address.
        #expect(openings(p.hosts[1]).contains("8083 from 10.0.0.11"))
        #expect(!openings(p.hosts[0]).contains("8080") && openings(p.hosts[0]).contains("10081"))
        let node2 = try #require(
            lint(
                try String(
                    contentsOf: repositoryRoot.appendingPathComponent("Tests/e2e/topologies/multi-node-gateway-on-node.yaml"),
                    encoding: .utf8
                ).replacingOccurrences(of: "    ports: {http: 10081}\n", with: "")
            ).diagnostics.first)
        #expect(node2.code == "WFC109" && node2.message.hasPrefix("node `node1` runs the gateway, which takes its port 80"))
    }

    @Test("gateway.on in single entry: that node has the gateway's public address and is dialled directly on its TCP and WS ports")
    func gatewayOnSingleEntry() throws {
        let p = try testTopology("single-entry-gateway-on-node")
        let gateway = try #require(p.gatewayHost)
        #expect(gateway.machine == 0 && p.gateway?.publicAddress.value.text == "203.0.113.10")
        let ports = Set(p.flows(into: gateway).map(\.port.value))
        #expect(ports == [22, 80, 10081, 10082, 11882, 18082], "no stream for im-a's own 11881 and 18081, which it binds itself")
        #expect(openings(p.hosts[0]).contains("11881") && openings(p.hosts[0]).contains("18081"))
        #expect(Array(lines(p.nodes[0]).prefix(4)) == ["server.ip im.example.com", "port 11881", "http_port 10081", "local_port 8080"])
        let noPublic = lint(
            try String(
                contentsOf: repositoryRoot.appendingPathComponent("Tests/e2e/topologies/single-entry-gateway-on-node.yaml"),
                encoding: .utf8
            ).replacingOccurrences(of: "    public_address: 203.0.113.10\n", with: ""))
        #expect(noPublic.diagnostics.map(\.message) == ["node `im-a` runs the gateway but has no `public_address`"])
    }

    @Test("a declared firewall on the quick-HTTPS host: one machine, so `to: gateway` and `to: im1` open the same ruleset, and no port is unused")
    func quickHTTPSDeclared() throws {
        let text = try sampleText("single-https-nginx").replacingOccurrences(
            of: "firewall:\n  backend: both\n",
            with: """
                firewall:
                  backend: both
                  allow:
                    - {to: gateway, ports: [22, 80, 443, 8084]}
                    - {to: im1, ports: [1883]}

                """)
        let result = lint(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let p = try #require(result.plan)
        #expect(p.hosts[0].openings.map(\.port).sorted() == [22, 80, 443, 1883, 8084])
        let unused = lint(text.replacingOccurrences(of: "[1883]}", with: "[1883, 9999]}"))
        #expect(unused.diagnostics.map(\.message) == ["port 9999 is opened on `im1`, but nothing listens there"])
    }

    @Test("WFC505 on a rule shared by several hosts says which hosts use the port instead of telling to remove it")
    func sharedUnused() throws {
        let text = """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            media: {storage: builtin}
            gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
            nodes:
              - {name: a, private_address: 10.0.0.11, ports: {tcp: 11881, http: 10081}}
              - {name: b, private_address: 10.0.0.12, ports: {tcp: 11882, http: 10082}}
            firewall:
              server_api_from: []
              allow:
                - {to: all, ports: [22]}
                - {to: gateway, ports: [80, 10081, 10082, 11881, 11882]}
                - {to: nodes, ports: [80, 11881, 11882], from: [10.0.0.10]}
                - {to: nodes, ports: [5701], from: [10.0.0.11, 10.0.0.12]}
            """
        let d = lint(text).diagnostics
        #expect(d.map(\.code) == ["WFC505", "WFC505"])
        #expect(d.first?.helps == ["`a` uses it: keep it for that host and give `b` a rule without it"])
    }

    /// What the IM server reads from each layout sample's emitted wildfirechat.conf, with its
    /// own parser's rules (TestSupport/IMConfParser): every key the layout needs, its value.
    @Test(
        "each layout's emitted IM config, read as the server reads it",
        arguments: [
            (
                "single-https-nginx", "im1",
                [
                    "server.ip": "im.example.com", "http_port": "80", "local_port": "8080", "websocket_port": "8083",
                    "websocket_proxy_host": "im.example.com", "websocket_proxy_secure_port": "8084",
                    "local.media.storage.remote_server_url": "https://im.example.com/media"
                ]
            ),
            ("single-port-mapped", "im1", ["server.ip": "im.example.com", "port": "1883", "http_port": "80", "local_port": "8080", "websocket_port": "8083"]),
            ("single-two-networks", "im1", ["server.ip": "im.example.com", "server.backup_address": "198.51.100.52:10080:11883:18083"]),
            (
                "multi-node-node-wss", "node2",
                [
                    "server.ip": "node2.example.com", "secure_websocket_port": "8084",
                    "jks_path": "/etc/im-server/config/node2.example.com.jks",
                    "key_store_password": "store-secret", "key_manager_password": "manager-secret"
                ]
            )
        ])
    func emittedIMConfig(_ sample: String, _ node: String, _ expected: [String: String]) throws {
        let p = try plan(sample)
        var secrets: [Secret: String] = [:]
        for n in p.nodes {
            for e in n.imConfig {
                if case .secret(let s) = e.value { secrets[s] = e.key == "key_store_password" ? "store-secret" : "manager-secret" }
            }
        }
        let files = Emitter.artifacts(p, provenance: Provenance(input: "t.yaml"), secrets: SecretValues(secrets))
        let conf = IMConfParser(try #require(files.first { $0.path == "nodes/\(node)/wildfirechat.conf" }?.contents))
        #expect(conf.stoppedAt == nil)
        for (key, value) in expected { #expect(conf.values[key] == value, "\(key)") }
        // Keys the layout must not set: a node whose TLS ends elsewhere has no keystore.
        if sample != "multi-node-node-wss" { #expect(conf.values["jks_path"] == nil && conf.values["https_port"] == nil) }
    }

    @Test("the diagram labels a node clients dial with what they dial, and one only the gateway reaches with its private address")
    func diagramLabels() throws {
        let multi = ChecklistEmitter.render(try plan("multi-node-node-wss"), provenance: Provenance(input: "t.yaml"))
        #expect(multi.contains(#"h_node1["node1 node1.example.com"]"#))
        let entry = ChecklistEmitter.render(try #require(try lintSample("single-entry").plan), provenance: Provenance(input: "t.yaml"))
        #expect(entry.contains(" 10.0.0.11\"]"), "\(entry)")
    }
}
