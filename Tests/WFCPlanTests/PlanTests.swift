import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

@Suite("Plan")
struct PlanTests {
    func plan(_ sample: String) throws -> Plan {
        try #require(try lintSample(sample).plan)
    }

    func config(_ node: PlanNode) -> [String] {
        node.imConfig.map { entry in
            switch entry.value {
            case .text(let t): return "\(entry.key) \(t)"
            case .secret(let s): return "\(entry.key) <\(s)>"
            }
        }
    }

    @Test("multi-node https: server.ip is each node's own address; proxy host and ports per node")
    func multiNodeHTTPS() throws {
        let p = try plan("multi-node-https")
        #expect(
            config(p.nodes[1]) == [
                "server.ip 203.0.113.12", "port 1883", "http_port 80", "local_port 80", "http.admin.port 18080",
                "node_id 2", "websocket_port 8083", "websocket_proxy_host im.example.com",
                "websocket_proxy_port 5018", "websocket_proxy_secure_port 5021",
                "local.media.storage.remote_server_url https://im.example.com/media/node2"
            ])
        let gateway = try #require(p.host(named: "gateway"))
        #expect(gateway.listeners.map(\.port.value) == [80, 443, 5017, 5020, 5018, 5021, 5019, 5022])
        #expect(p.flows(into: gateway).filter(\.isRequired).map(\.port.value).sorted() == [80, 443, 5017, 5018, 5019, 5020, 5021, 5022])
        let node = try #require(p.host(named: "node1"))
        #expect(p.flows(into: node).filter(\.isRequired).map { "\($0.port.value)\($0.isFromGateway ? "/gw" : "")" } == ["80", "1883", "8083/gw"])
        #expect(node.gatewaySources?.map(\.description) == ["10.0.0.10"])
        #expect(node.openings.map(\.port) == [22, 80, 1883, 8083, 18080, 5701], "declared rules are used as written")
    }

    /// Single entry with node `a` pasted twice before node `b` (found by fuzzing).
    static let pastedCopy =
        "version: 1\nmode: single-entry\nauthorized_address: im.example.com\nclients: {web: true}\n"
        + "gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}\nfirewall: {server_api_from: []}\nnodes:\n"
        + "  - {name: a, private_address: 10.0.0.11, ports: {tcp: 11881, http: 10081, websocket: 18081}}\n"
        + "  - {name: a, private_address: 10.0.0.11, ports: {tcp: 11881, http: 10081, websocket: 18081}}\n"
        + "  - {name: b, private_address: 10.0.0.12, ports: {tcp: 11882, http: 10082, websocket: 18082}}\n"

    @Test("a pasted copy before another node: each node keeps its own host, IM config and gateway ports (found by fuzzing)")
    func copyBeforeAnotherNode() throws {
        let p = try #require(lint(Self.pastedCopy).plan)
        #expect(p.nodes.map(\.index) == [0, 1] && p.copies.count == 1)
        #expect(p.host(named: "b")?.listeners.contains { $0.port.value == 11882 } == true)
        let files = Emitter.artifacts(p, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
        let b = try #require(files.first { $0.path == "nodes/b/wildfirechat.conf" }?.contents)
        #expect(b.contains("\nport 11882\n") && b.contains("\nhttp_port 10082\n"))
        let nginx = try #require(files.first { $0.path == "gateway/conf.d/wfc-http.conf" }?.contents)
        #expect(nginx.contains("# b: HTTP (short links) on 10082 to its port 10.0.0.12:80"))
    }

    @Test("one node identity: a gateway flow's purpose, its upstream and the node's host name the same node, even after a copy")
    func oneNodeIdentity() throws {
        let p = try #require(lint(Self.pastedCopy).plan)
        let gateway = try #require(p.gatewayHost)
        let proxied = p.flows(into: gateway).filter { $0.upstreamNode != nil }
        #expect(proxied.count == 6, "each node's TCP, WebSocket and short-link ports")
        for f in proxied {
            let node = try #require(f.upstreamNode)
            #expect(f.purpose.upstreamNode == node)
            #expect(p.nodes[node.index].name.value == node.name)
            #expect(p.hosts[node.index].kind == .node(node))
            #expect(f.node(in: p) == node)
        }
        #expect(Set(proxied.compactMap(\.upstreamNode?.name)) == ["a", "b"])
    }

    @Test("the gateway's source is its address on the network it shares with each node")
    func gatewaySourcePerNode() throws {
        // A private gateway address, nodes with public addresses only: the gateway reaches them
        // from its public address, and the derived node firewalls must admit that one.
        let text =
            "version: 1\nmode: multi-node\nauthorized_address: im.example.com\nclients: {web: true, https: true}\n"
            + "tls: {certificate: /c.pem, certificate_key: /k.pem}\n"
            + "gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}\nnodes:\n"
            + "  - {name: a, public_address: 203.0.113.11, websocket_proxy_port: 5017, websocket_proxy_secure_port: 5020}\n"
            + "  - {name: b, public_address: 203.0.113.12, private_address: 10.0.0.12, websocket_proxy_port: 5018, websocket_proxy_secure_port: 5021}\n"
        let p = try #require(lint(text).plan)
        #expect(p.host(named: "a")?.gatewaySources?.map(\.description) == ["203.0.113.10"])
        #expect(p.host(named: "b")?.gatewaySources?.map(\.description) == ["10.0.0.10"])
        let ws = try #require(p.host(named: "a")?.openings.first { $0.port == 8083 })
        #expect(ws.sources?.map(\.description) == ["203.0.113.10"])
    }

    @Test("the flows of single entry with HTTPS: who reaches which port of which host, and how")
    func flows() throws {
        let text = try sampleText("single-entry-https")
        let p = try #require(lint(text).plan)
        let lines = p.flows.map { "\($0.from) -> \(p.hosts[$0.host].name):\($0.port.value) \($0.purpose.summary) [\($0.route.rawValue)]" }
        #expect(lines.contains("the gateway (172.16.0.10) -> im-a:80 HTTP [gateway HTTP proxy]"))
        #expect(lines.contains("the gateway (172.16.0.10) -> im-a:11881 TCP long connection [gateway layer 4]"))
        #expect(lines.contains("the gateway (172.16.0.10) -> im-b:18082 WebSocket [gateway WS and WSS proxy (TLS ended at the gateway)]"))
        #expect(lines.contains("the other nodes -> im-a:5701 cluster cache (Hazelcast) [direct]"))
        #expect(lines.contains("the Server API callers -> im-b:18080 Server API (admin) [direct]"))
        #expect(lines.contains("native clients -> gateway:10082 HTTP (short links) to im-b [direct]"))
        #expect(lines.contains("web clients on HTTPS pages -> gateway:5021 WSS proxy to im-b [direct]"))
        #expect(lines.contains("operators (SSH) -> gateway:22 SSH [direct]"))
        #expect(!lines.contains { $0.hasPrefix("native clients") && $0.contains("-> im-") }, "clients never reach a node directly in single entry")
        // The derived firewall is exactly the flows.
        for (i, host) in p.hosts.enumerated() {
            #expect(host.openings.map(\.port) == p.flows.filter { $0.host == i }.map(\.port.value))
        }
    }

    @Test("derived rules open the cluster port to the nodes and the admin port to the Server API callers only")
    func nonClientTraffic() throws {
        let text =
            "version: 1\nmode: single-entry\nauthorized_address: im.example.com\n"
            + "gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}\nnodes:\n"
            + "  - {name: a, private_address: 10.0.0.11}\n  - {name: b, private_address: 10.0.0.12, ports: {tcp: 1884}}\n"
            + "firewall: {server_api_from: [10.0.5.0/24]}\n"
        let p = try #require(lint(text).plan)
        let a = try #require(p.host(named: "a"))
        let cluster = try #require(a.openings.first { $0.purpose == .cluster })
        #expect(cluster.port == 5701)
        #expect(cluster.sources?.map(\.description) == ["10.0.0.11", "10.0.0.12"])
        let admin = try #require(a.openings.first { $0.purpose == .admin })
        #expect(admin.sources?.map(\.description) == ["10.0.5.0/24"])
        #expect(p.host(named: "gateway")?.openings.contains { $0.purpose == .cluster || $0.purpose == .admin } == false)
    }

    @Test("single-entry: server.ip is the authorized address, the gateway streams each node's ports")
    func singleEntry() throws {
        let p = try plan("single-entry")
        #expect(p.nodes.map { config($0)[0] } == Array(repeating: "server.ip im.example.com", count: 3))
        let gateway = try #require(p.host(named: "gateway"))
        #expect(
            gateway.listeners.map { "\($0.port.value) \($0.purpose.summary)" } == [
                "80 HTTP",
                "10081 HTTP (short links) to node1", "11881 TCP stream to node1", "18081 WebSocket proxy to node1",
                "10082 HTTP (short links) to node2", "11882 TCP stream to node2", "18082 WebSocket proxy to node2",
                "10083 HTTP (short links) to node3", "11883 TCP stream to node3", "18083 WebSocket proxy to node3"
            ])
        // The vendor's node config: the node binds 80 and tells clients its own ports.
        #expect(config(p.nodes[0]).prefix(4) == ["server.ip im.example.com", "port 11881", "http_port 10081", "local_port 80"])
        let node2 = try #require(p.host(named: "node2"))
        #expect(
            node2.openings.map { "\($0.port) \($0.sources?.map(\.description) ?? ["any"])" } == [
                "22 [\"any\"]", "80 [\"10.0.0.10\"]", "11882 [\"10.0.0.10\"]", "18082 [\"10.0.0.10\"]",
                "5701 [\"10.0.0.11\", \"10.0.0.12\", \"10.0.0.13\"]", "18080 [\"10.0.0.0/8\"]"
            ])
    }

    @Test("single https: the node serves TLS itself; secrets stay references")
    func singleHTTPS() throws {
        let p = try plan("single-https")
        #expect(
            config(p.nodes[0]) == [
                "server.ip im.example.com", "port 1883", "http_port 80", "local_port 80", "http.admin.port 18080",
                "node_id 1", "websocket_port 8083", "https_port 443", "secure_websocket_port 8084",
                "jks_path /etc/im-server/config/im.example.com.jks",
                "key_store_password <env:WFC_KEY_STORE_PASSWORD>", "key_manager_password <env:WFC_KEY_MANAGER_PASSWORD>"
            ])
        #expect(p.hosts.count == 1)
        #expect(p.hosts[0].listeners.map(\.port.value) == [80, 1883, 8083, 443, 8084, 18080, 5701])
    }

    @Test("defaults point at what implies them and say so")
    func defaults() throws {
        let p = try plan("multi-node")
        #expect(p.nodes[2].nodeID.isDefault)
        #expect(p.nodes[2].nodeID.span == p.nodes[2].name.span)
        #expect(p.nodes[0].tcp.described == "`ports.tcp` 1883 (the default)")
    }
}

@Suite("Flows drive the outputs")
struct FlowConsistencyTests {
    @Test(
        "every sample: the gateway (nginx, HAProxy, a balancer's sheet) listens on exactly its flows, and each node's IM config tells clients the ports their flows arrive on",
        arguments: sampleNames)
    func outputsFollowFlows(_ sample: String) throws {
        let text = try sampleText("\(sample)")
        let p = try #require(lint(text).plan)
        let artifacts = Emitter.artifacts(p, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
        // The gateway and every access point: the files in its folder listen on its flows.
        for gateway in p.hosts where gateway.kind == .gateway || gateway.kind.family == .accessPoint {
            let folder = gateway.folder + "/"
            let nginx = artifacts.filter { $0.path.hasPrefix(folder) && !$0.path.hasSuffix("nginx.conf") && $0.path.hasSuffix(".conf") }
                .map(\.contents).joined()
            var listened = Set<Int>()
            let haproxy = artifacts.first { $0.path == folder + "haproxy.cfg" }?.contents ?? ""
            for line in (nginx + haproxy).split(separator: "\n") {
                let words = line.split(separator: " ")
                // nginx `listen 80;`, HAProxy `bind :80` (IPv6 binds repeat a port).
                let port =
                    words.first == "listen"
                    ? words[1].trimmingCharacters(in: CharacterSet(charactersIn: ";"))
                    : words.first == "bind" ? String(words[1].split(separator: ":").last ?? "") : ""
                if let port = Int(port) { listened.insert(port) }
            }
            if let sheet = artifacts.first(where: { $0.path == folder + "listeners.json" }) {
                let json = try #require(try JSONSerialization.jsonObject(with: Data(sheet.contents.utf8)) as? [String: Any])
                listened.formUnion((json["listeners"] as? [[String: Any]] ?? []).compactMap { $0["port"] as? Int })
            }
            // A service on the gateway's host (the app server beside it) listens itself.
            let flowed = Set(
                p.flows(into: gateway).filter { f in
                    if case .service = f.purpose { return false }
                    return f.purpose != .ssh
                }.map(\.port.value))
            #expect(listened == flowed)
        }
        for node in p.nodes {
            let conf = Dictionary(
                node.imConfig.compactMap { e -> (String, String)? in
                    if case .text(let t) = e.value { return (e.key, t) } else { return nil }
                }, uniquingKeysWith: { a, _ in a })
            let arriving = p.flows.filter { $0.node(in: p) == node.ref && $0.isFromClients }
            // Through an access point: the node's backup entry for it names the port.
            let backups = (conf["server.backup_address"] ?? "").split(separator: ",").map { $0.split(separator: ":").map(String.init) }
            for f in arriving where p.hosts[f.host].kind.family == .accessPoint {
                let entry = try #require(backups.first { $0.first == f.dialed?.text && $0.contains(String(f.port.value)) })
                let field: Int
                switch f.purpose {
                case .httpProxy, .shortLinkStream: field = 1
                case .tcpStream: field = 2
                default: field = 3
                }
                #expect(entry[field] == String(f.port.value))
            }
            for f in arriving where p.hosts[f.host].kind.family != .accessPoint {
                switch f.purpose {
                case .websocketProxy: #expect(conf["websocket_proxy_port"] == String(f.port.value))
                case .secureWebsocketProxy: #expect(conf["websocket_proxy_secure_port"] == String(f.port.value))
                case .httpProxy: #expect(conf["http_port"] == String(f.port.value))
                case .tcp, .tcpStream: #expect(conf["port"] == String(f.port.value))
                default: break
                }
            }
        }
    }
}

@Suite("Sizing for long connections")
struct SizingTests {
    @Test("capacity.connections sizes nginx and the host tuning; the default is 10000")
    func sizing() throws {
        let base =
            "version: 1\nmode: single-entry\nauthorized_address: im.example.com\n"
            + "gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}\nnodes:\n"
            + "  - {name: a, private_address: 10.0.0.11, ports: {tcp: 11881, http: 10081}}\n"
            + "  - {name: b, private_address: 10.0.0.12, ports: {tcp: 11882, http: 10082}}\n"
            + "firewall: {server_api_from: []}\n"
        let byDefault = try #require(lint(base).plan).sizing
        #expect(byDefault.connections == 10_000 && byDefault.isDefault)
        #expect((byDefault.workerConnections, byDefault.workerRlimitNofile) == (20_000, 65_535))
        let big = try #require(lint(base + "capacity: {connections: 100000}\n").plan)
        #expect((big.sizing.perNode, big.sizing.workerConnections, big.sizing.workerRlimitNofile) == (50_000, 200_000, 400_000))
        #expect((big.sizing.gatewayConntrack, big.sizing.nodeConntrack) == (262_144, 262_144))
        let nginx =
            Emitter.artifacts(big, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
            .first { $0.path == "gateway/nginx.conf" }?.contents ?? ""
        #expect(nginx.contains("worker_rlimit_nofile 400000;") && nginx.contains("worker_connections 200000;"))
        let checklist =
            Emitter.artifacts(big, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
            .first { $0.path == "CHECKLIST.md" }?.contents ?? ""
        #expect(checklist.contains("The wide port range is required here: each node port takes about 50000 connections"))
        #expect(checklist.contains("LimitNOFILE=1048576"))
    }
}

@Suite("Plan: media")
struct PlanMediaTests {
    @Test("media.max_upload in bytes: digits with one unit, either case; anything else is nil")
    func maxUploadBytes() {
        func bytes(_ text: String) -> Int? { PlanMedia(storage: .builtin, maxUpload: text).maxUploadBytes }
        #expect(bytes("200m") == 200 << 20)
        #expect(bytes("2G") == 2 << 30)
        #expect(bytes("10k") == 10 << 10)
        #expect(bytes("12") == 12)
        #expect(bytes("999999999g") == 999_999_999 << 30)
        for bad in ["", "k", "1k0", "1kk", "1.5m", "-1m", "1 m"] { #expect(bytes(bad) == nil, "\(bad)") }
    }

    @Test("derived openings: a machine's are its flows' distinct ports, protocols and sources, in order, searched in turn or in a table")
    func derivedOpeningsAgainstAPlainSearch() throws {
        // Single entry: the gateway takes every node's own ports, far past the sixteen a
        // machine's list is searched in turn for; on node1's host, it shares that machine (whose
        // SSH arrives again with the gateway's flows). node40 is given node1's ports (WFC304),
        // so its flows into the gateway repeat ones made before the list became a table.
        var text = "version: 1\nmode: single-entry\nauthorized_address: im.example.com\n"
        text += "gateway: {on: node1, public_address: 198.19.255.254}\nnodes:\n"
        for i in 1...40 {
            let p = i == 40 ? 1 : i
            text += "  - {name: node\(i), private_address: 10.1.0.\(i), ports: {tcp: \(11000 + p), http: \(31000 + p), websocket: \(41000 + p)}}\n"
        }
        let p = try #require(lint(text).plan)
        var checked = 0
        for (i, host) in p.hosts.enumerated() where host.machine == nil {
            // The reference: every flow into a host of this machine, in order, kept unless an
            // earlier one had its port, protocol and sources (loopback left out).
            var expected: [Opening] = []
            for f in p.flows where (p.hosts[f.host].machine ?? f.host) == i && !f.isLoopback {
                if let s = f.sources, !s.isEmpty, s.allSatisfy({ AddressClass(range: $0) == .loopback }) { continue }
                let through = f.through ?? f.port.value
                if expected.contains(where: { $0.port == f.port.value && $0.through == through && $0.proto == f.proto && $0.sources == f.sources }) { continue }
                expected.append(Opening(port: f.port.value, through: through, proto: f.proto, sources: f.sources, span: nil, rule: nil, purpose: f.purpose))
            }
            #expect(host.openings == expected, "\(host.name)")
            checked += 1
        }
        let gateway = try #require(p.host(named: "gateway"))
        #expect(gateway.machine == 0)
        #expect(gateway.openings.count > 80)
        #expect(gateway.openings.count(where: { $0.port == 22 }) == 1)
        #expect(gateway.openings.count(where: { $0.port == 11001 }) == 1)
        #expect(p.flows.count(where: { $0.port.value == 11001 }) > 1, "node1's own port, and the gateway's for node40, on one machine")
        #expect(p.flows.count(where: { $0.port.value == 22 && ($0.host == 0 || $0.host == 40) }) == 2, "node1's and the gateway's SSH")
        #expect(checked == 40)
    }
}
