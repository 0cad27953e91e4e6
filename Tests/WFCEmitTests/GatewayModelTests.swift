import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan

/// The gateway's listener model against what each backend writes, read back: every sample with
/// a gateway, rendered by nginx, HAProxy and the external sheet, says exactly the model's
/// listeners (port, TLS, layer 4, pool, idle timeout) and nothing else.
@Suite("Gateway listener model")
struct GatewayModelTests {
    /// What a listener amounts to on the wire, as each backend's output is read back.
    struct Seen: Hashable, CustomStringConvertible {
        var port: Int
        var tls: Bool
        var layer4: Bool
        var pool: [String]
        var idle: Int?
        var description: String { "\(port)\(tls ? " tls" : "")\(layer4 ? " l4" : "") → \(pool.joined(separator: ",")) idle \(idle.map(String.init) ?? "-")" }
    }

    static func expected(_ listeners: [GatewayListener]) -> Set<Seen> {
        Set(listeners.map { Seen(port: $0.port.value, tls: $0.tls, layer4: $0.isLayer4, pool: $0.pool.map(\.authority), idle: $0.idleTimeout) })
    }

    static func plans() throws -> [(String, Plan)] {
        try sampleNames.compactMap { sample in
            let plan = try #require(lint(try sampleText(sample), path: "samples/\(sample)/topology.yaml").plan)
            return plan.gatewayHost == nil ? nil : (sample, plan)
        }
    }

    static func files(_ plan: Plan, backend: GatewayBackend) -> [String: String] {
        var plan = plan
        plan.gateway?.backend = backend
        let artifacts = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
        return Dictionary(uniqueKeysWithValues: artifacts.filter { $0.path.hasPrefix("gateway/") }.map { ($0.path, $0.contents) })
    }

    // MARK: nginx, read back with a tokenizer in the manner of crossplane

    indirect enum Node {
        case directive(String, [String], [Node])
        var name: String { if case .directive(let n, _, _) = self { n } else { "" } }
        var args: [String] { if case .directive(_, let a, _) = self { a } else { [] } }
        var block: [Node] { if case .directive(_, _, let b) = self { b } else { [] } }
        func all(_ name: String) -> [Node] { block.filter { $0.name == name } }
    }

    /// Words, quoted strings, `;`, `{` and `}`; comments dropped.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = [], word = "", quote: Character? = nil
        var comment = false
        func flush() { if !word.isEmpty { out.append(word); word = "" } }
        for c in text {
            if comment { if c == "\n" { comment = false }; continue }
            if let q = quote {
                if c == q { quote = nil; out.append(word); word = "" } else { word.append(c) }
                continue
            }
            switch c {
            case "#": flush(); comment = true
            case "\"", "'": flush(); quote = c
            case ";", "{", "}": flush(); out.append(String(c))
            case " ", "\t", "\n", "\r": flush()
            default: word.append(c)
            }
        }
        flush()
        return out
    }

    static func parse(_ tokens: [String]) -> [Node] {
        var i = 0
        func block() -> [Node] {
            var nodes: [Node] = []
            while i < tokens.count, tokens[i] != "}" {
                let name = tokens[i]
                i += 1
                var args: [String] = []
                while i < tokens.count, tokens[i] != ";", tokens[i] != "{" { args.append(tokens[i]); i += 1 }
                if i < tokens.count, tokens[i] == "{" {
                    i += 1
                    let inner = block()
                    i += 1
                    nodes.append(.directive(name, args, inner))
                } else {
                    i += 1
                    nodes.append(.directive(name, args, []))
                }
            }
            return nodes
        }
        return block()
    }

    static func nginx(_ files: [String: String], authorized: String) -> Set<Seen> {
        let http = parse(tokens(files["gateway/conf.d/wfc-http.conf"] ?? ""))
        let stream = parse(tokens(files["gateway/stream.d/wfc-stream.conf"] ?? ""))
        let upstream = Node.directive("", [], http).all("upstream").first { $0.args == ["wfc_http"] }?.all("server").map { $0.args[0] } ?? []
        var seen = Set<Seen>()
        func port(_ server: Node) -> (Int, Bool)? {
            guard let listen = server.all("listen").first, let port = Int(listen.args[0]) else { return nil }
            return (port, listen.args.contains("ssl"))
        }
        for server in http where server.name == "server" {
            // Services are other host names on the route's ports: not listeners of their own.
            guard server.all("server_name").first.map({ $0.args == [authorized] }) ?? true, let (p, ssl) = port(server),
                let root = server.all("location").first(where: { $0.args == ["/"] }),
                let pass = root.all("proxy_pass").first?.args.first
            else { continue }
            let target = pass.replacingOccurrences(of: "http://", with: "")
            let idle = root.all("proxy_read_timeout").first.flatMap { Int($0.args[0].dropLast()) }
            seen.insert(Seen(port: p, tls: ssl, layer4: false, pool: target == "wfc_http" ? upstream : [target], idle: idle))
        }
        // A balanced stream (the TCP short link's route) passes to a named upstream.
        var pools: [String: [String]] = [:]
        for u in Node.directive("", [], stream).all("upstream") { pools[u.args[0]] = u.all("server").map { $0.args[0] } }
        for server in stream where server.name == "server" {
            guard let (p, ssl) = port(server), let pass = server.all("proxy_pass").first?.args.first else { continue }
            let idle = server.all("proxy_timeout").first.flatMap { Int($0.args[0].dropLast()) }
            seen.insert(Seen(port: p, tls: ssl, layer4: true, pool: pools[pass] ?? [pass], idle: idle))
        }
        return seen
    }

    // MARK: haproxy.cfg, read back by section

    typealias Section = (kind: String, name: String, lines: [[String]])

    /// `frontend NAME`, `backend NAME`… with their lines as words; comments dropped.
    static func sections(_ text: String) -> [Section] {
        var sections: [Section] = []
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            if !line.hasPrefix(" ") {
                sections.append((first, words.count > 1 ? words[1] : "", []))
            } else if !sections.isEmpty {
                sections[sections.count - 1].lines.append(words)
            }
        }
        return sections
    }

    static func haproxy(_ text: String) -> Set<Seen> {
        let sections = Self.sections(text)
        let backends = Dictionary(uniqueKeysWithValues: sections.filter { $0.kind == "backend" }.map { ($0.name, $0.lines) })
        var seen = Set<Seen>()
        for f in sections where f.kind == "frontend" {
            guard let bind = f.lines.first(where: { $0.first == "bind" }), let port = Int(bind[1].dropFirst()),
                let backend = f.lines.first(where: { $0.first == "default_backend" })?.last, let b = backends[backend]
            else { continue }
            let layer4 = f.lines.contains(["mode", "tcp"])
            let timeouts = (f.lines + b).filter { $0.count == 3 && $0[0] == "timeout" && ["client", "server", "tunnel"].contains($0[1]) }
            // WebSockets are tunnels after the upgrade: `defaults`' `timeout tunnel` holds them.
            // A frontend that routes short links serves requests, not long-lived connections.
            let requests = f.lines.contains { $0.first == "acl" && $0.contains(GatewayPolicy.shortLinkPath) }
            let idle: Int? =
                layer4
                ? timeouts.first { $0[1] == "client" }.flatMap { Int($0[2].dropLast()) }
                : (requests ? nil : tunnel(sections))
            seen.insert(
                Seen(
                    port: port, tls: bind.contains("ssl"), layer4: layer4,
                    pool: b.filter { $0.first == "server" }.map { $0[2] }, idle: idle))
        }
        return seen
    }

    static func tunnel(_ sections: [Section]) -> Int? {
        sections.first { $0.kind == "defaults" }?.lines.first { $0.count == 3 && $0[0] == "timeout" && $0[1] == "tunnel" }.flatMap { Int($0[2].dropLast()) }
    }

    // MARK: listeners.json

    static func sheet(_ text: String) throws -> Set<Seen> {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let listeners = try #require(json["listeners"] as? [[String: Any]])
        return Set(
            listeners.map { l in
                let clients = l["clients"] as? String ?? "", listener = l["listener"] as? String ?? ""
                let pool = (l["pool"] as? [[String: Any]] ?? []).map { m -> String in
                    let address = m["address"] as? String ?? "", port = m["port"] as? Int ?? 0
                    return Host(address).map { $0.authority(port) } ?? ""
                }
                // The sheet states one idle timeout for every listener; only long-lived ones depend on it.
                // A TCP listener is layer 4, whatever passes through it (the TLS long link's).
                let longLived = listener == "TCP" || clients == "WS" || clients == "WSS"
                return Seen(
                    port: l["port"] as? Int ?? 0, tls: !(l["tls"] is NSNull), layer4: listener == "TCP", pool: pool,
                    idle: longLived ? l["idle_timeout_seconds"] as? Int : nil)
            })
    }

    @Test("nginx, HAProxy and the listener sheet each say the model's listeners, for every sample with a gateway")
    func everyBackendRendersTheModel() throws {
        let plans = try Self.plans()
        #expect(plans.count >= 6)
        for (sample, plan) in plans {
            let model = Self.expected(plan.gatewayListeners)
            #expect(!model.isEmpty, "\(sample)")
            let authorized = plan.authorizedAddress.value.text
            let nginx = Self.nginx(Self.files(plan, backend: .nginx), authorized: authorized)
            #expect(nginx == model, "\(sample) nginx: \(nginx.subtracting(model)) vs \(model.subtracting(nginx))")
            let haproxy = Self.haproxy(Self.files(plan, backend: .haproxy)["gateway/haproxy.cfg"] ?? "")
            #expect(haproxy == model, "\(sample) haproxy: \(haproxy.subtracting(model)) vs \(model.subtracting(haproxy))")
            let sheet = try Self.sheet(Self.files(plan, backend: .external)["gateway/listeners.json"] ?? "")
            #expect(sheet == model, "\(sample) sheet: \(sheet.subtracting(model)) vs \(model.subtracting(sheet))")
        }
    }

    /// The model's files routes as `prefix → pool` lines.
    static func expectedFiles(_ listeners: [GatewayListener]) -> Set<String> {
        Set(listeners.flatMap { l in l.files.map { "\($0.prefix) → \($0.pool.map(\.authority).joined(separator: ","))" } })
    }

    static func nginxFiles(_ files: [String: String], authorized: String) -> Set<String> {
        let http = parse(tokens(files["gateway/conf.d/wfc-http.conf"] ?? ""))
        let upstream = Node.directive("", [], http).all("upstream").first { $0.args == ["wfc_http"] }?.all("server").map { $0.args[0] } ?? []
        var seen = Set<String>()
        for server in http where server.name == "server" && server.all("server_name").first?.args == [authorized] {
            for location in server.all("location") where location.args.first?.hasPrefix(GatewayPolicy.filesPrefix) == true {
                // The pass must end in `/`, which replaces the prefix.
                guard let pass = location.all("proxy_pass").first?.args.first, pass.hasSuffix("/") else { continue }
                let target = String(pass.dropFirst("http://".count).dropLast())
                seen.insert("\(location.args[0]) → \((target == "wfc_http" ? upstream : [target]).joined(separator: ","))")
            }
        }
        return seen
    }

    static func haproxyFiles(_ text: String) -> Set<String> {
        let sections = Self.sections(text)
        let backends = Dictionary(uniqueKeysWithValues: sections.filter { $0.kind == "backend" }.map { ($0.name, $0.lines) })
        func servers(_ name: String) -> String { (backends[name] ?? []).filter { $0.first == "server" }.map { $0[2] }.joined(separator: ",") }
        func rewrites(_ lines: [[String]], _ prefix: String) -> Bool {
            lines.contains { $0.starts(with: ["http-request", "replace-path", "^\(prefix)(.*)"]) }
        }
        var seen = Set<String>()
        for f in sections where f.kind == "frontend" {
            // The balanced pool rewrites in the frontend; a node's files go to a backend that rewrites.
            for line in f.lines where line.first == "http-request" && line.count > 2 && line[1] == "replace-path" {
                guard let i = line.firstIndex(of: "path_beg") else { continue }
                seen.insert("\(line[i + 1]) → \(servers(f.lines.first { $0.first == "default_backend" }?.last ?? ""))")
            }
            for line in f.lines where line.first == "use_backend" {
                guard let i = line.firstIndex(of: "path_beg") else { continue }
                let prefix = line[i + 1]
                if rewrites(backends[line[1]] ?? [], prefix) { seen.insert("\(prefix) → \(servers(line[1]))") }
            }
        }
        return seen
    }

    static func sheetFiles(_ text: String) throws -> Set<String> {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let listeners = try #require(json["listeners"] as? [[String: Any]])
        return Set(
            listeners.flatMap { l in
                (l["path_rules"] as? [[String: Any]] ?? []).compactMap { r -> String? in
                    guard r["rewrite_to"] as? String == "/" else { return nil }
                    let pool = (r["pool"] as? [[String: Any]] ?? []).map { m in
                        Host(m["address"] as? String ?? "").map { $0.authority(m["port"] as? Int ?? 0) } ?? ""
                    }
                    return "\(r["path"] as? String ?? "") → \(pool.joined(separator: ","))"
                }
            })
    }

    @Test("files: each backend routes the model's paths to the model's nodes (in a cluster, one path per node to that node alone)")
    func filesRoutes() throws {
        var clusters = 0
        for (sample, plan) in try Self.plans() {
            let model = Self.expectedFiles(plan.gatewayListeners)
            let authorized = plan.authorizedAddress.value.text
            #expect(Self.nginxFiles(Self.files(plan, backend: .nginx), authorized: authorized) == model, "\(sample) nginx")
            #expect(Self.haproxyFiles(Self.files(plan, backend: .haproxy)["gateway/haproxy.cfg"] ?? "") == model, "\(sample) haproxy")
            #expect(try Self.sheetFiles(Self.files(plan, backend: .external)["gateway/listeners.json"] ?? "") == model, "\(sample) sheet")
            // Each node's IM config names its own path, and that path reaches that node only.
            for l in plan.gatewayListeners where !l.files.isEmpty && plan.nodes.count > 1 {
                clusters += 1
                for node in plan.nodes {
                    let url = try #require(plan.media.remoteServerURL(of: node.name.value))
                    let route = try #require(l.files.first { url.hasSuffix(String($0.prefix.dropLast())) })
                    #expect(route.pool.map(\.node) == [node.name.value], "\(sample) \(url)")
                }
            }
        }
        #expect(clusters >= 2, "samples with a cluster serving files through the gateway")
    }

    @Test("the policies are the model's: idle timeouts of 10 minutes or more, X-Forwarded-For set on every HTTP listener")
    func policies() throws {
        for (sample, plan) in try Self.plans() {
            for l in plan.gatewayListeners {
                if let idle = l.idleTimeout { #expect(idle >= 600, "\(sample) \(l.port.value)") }
                #expect(l.setsForwardedFor == !l.isLayer4)
                #expect(l.tls == l.purpose.endsTLS)
                let balanced = l.role == .route || l.role == .shortLinkRoute
                #expect(balanced ? l.pool.count == plan.nodes.count : l.pool.count == 1, "\(sample) \(l.port.value)")
            }
        }
    }
}
