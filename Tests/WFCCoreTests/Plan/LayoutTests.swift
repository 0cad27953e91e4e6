import Foundation
import Testing
@testable import WFCCore

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
        #expect(lines(p.nodes[0]) == [
            "server.ip im.example.com", "port 1883", "http_port 80", "local_port 8080", "http.admin.port 18080", "node_id 1",
            "websocket_port 8083", "websocket_proxy_host im.example.com", "websocket_proxy_secure_port 8084",
            "local.media.storage.remote_server_url https://im.example.com/media",
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

    @Test("quick HTTPS: nginx passes to the node over loopback; no firewall file is written for the gateway")
    func quickHTTPSArtifacts() throws {
        let p = try plan("single-https-nginx")
        let files = Emitter.artifacts(p, provenance: Provenance(input: "t.yaml"),
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
        #expect(lines(p.nodes[0]) == ["server.ip im.example.com", "port 1883", "http_port 80", "local_port 8080",
                                      "http.admin.port 18080", "node_id 1", "websocket_port 8083"])
        #expect(openings(p.hosts[0]) == ["18080 from 192.168.1.0/24", "1883", "22", "8080", "8083"])
        #expect(p.entryEndpoints.map(\.url) == ["http://im.example.com/"])
        let checklist = ChecklistEmitter.render(p, provenance: Provenance(input: "t.yaml"))
        #expect(checklist.contains("| TCP | `203.0.113.30:80` | `192.168.1.10:8080` |"))
        #expect(checklist.contains("| TCP | `203.0.113.30:1883` | `192.168.1.10:1883` |"))
        #expect(checklist.contains("HTTP 80→8080"))
    }

    @Test("port mapping: each port clients dial that the router sends elsewhere is one WFC308, with the mapping that works")
    func mappingMismatch() throws {
        let url = repositoryRoot.appendingPathComponent("samples/single-port-mapped/topology.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
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
        let multi = "version: 1\nmode: multi-node\nauthorized_address: im.example.com\nfirewall: {server_api_from: []}\n"
            + "gateway: {on: n1}\nnodes:\n  - {name: n1, public_address: 203.0.113.5}\n"
        #expect(lint(multi).diagnostics.map(\.code) == ["WFC109"])
    }
}
