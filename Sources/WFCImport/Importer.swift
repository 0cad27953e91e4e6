import WFCCore

/// One node's IM config, as the server reads it.
public struct ImportedNode: Sendable {
    public var name: String
    public var path: String
    public var settings: IMConfigSettings
    /// Its `hazelcast.xml`, when given, and where it is.
    public var hazelcast: (facts: HazelcastFacts, path: String)?

    public init(name: String, path: String, settings: IMConfigSettings, hazelcast: (facts: HazelcastFacts, path: String)? = nil) {
        self.name = name
        self.path = path
        self.settings = settings
        self.hazelcast = hazelcast
    }

    func value(_ key: String) -> String? { settings.values[key]?.value }
    func int(_ key: String) -> Int? { value(key).flatMap { Int($0) } }
    /// `file:line` of a key, for the comment on the value it gives.
    func source(_ key: String) -> String { settings.values[key].map { "\(path):\($0.line)" } ?? path }
}

/// What `wfc import` writes: the topology, and what it inferred and left to the operator.
public struct ImportResult: Sendable {
    public var topology: String
    /// One line per inference that is not a value read as is.
    public var inferred: [String] = []
    /// The keys left as placeholders (WFC701 until filled in).
    public var placeholders: [String] = []
    /// What the files themselves get wrong, at their lines (WFC706).
    public var findings: [ImportFinding] = []
}

/// The deployment's facts (each node's IM config, the gateway's listeners) → topology.yaml,
/// every value commented with its source. It records what is deployed, mistakes included: a
/// `server.ip` other than what the mode demands is written as the node's `server_ip`, for lint
/// to report at that line. What the files cannot say is a placeholder (`<fill in: …>`).
public enum Importer {
    /// The marker lint reports as WFC701.
    static func placeholder(_ what: String) -> String { "<fill in: \(what)>" }

    public static func topology(nodes: [ImportedNode], gateway: (facts: GatewayFacts, path: String)?) -> ImportResult {
        var result = ImportResult(topology: "")
        var lines = ["# Imported by `wfc import`: every value names the file and line it comes from.", "version: 1"]
        func q(_ s: String) -> String { YAML.quote(s) }
        func hole(_ key: String, _ what: String) -> String {
            result.placeholders.append(key)
            return q(placeholder(what))
        }

        let ips = nodes.map { $0.value("server.ip") ?? "" }
        let listeners = gateway?.facts.listeners ?? []
        // The route: where the gateway serves HTTP on the native clients' port, balanced.
        let route = listeners.first { !$0.stream && !$0.ssl && $0.targets.count > 0 && ($0.port == 80 || $0.targets.count == nodes.count) }
        let onLoopback = route?.targets.allSatisfy { $0.host == "127.0.0.1" || $0.host == "::1" || $0.host == "localhost" } ?? false
        let mode: String
        if gateway == nil || (nodes.count == 1 && onLoopback) {
            mode = nodes.count == 1 ? "single" : (Set(ips).count == 1 ? "single-entry" : "multi-node")
        } else {
            mode = Set(ips).count == 1 && nodes.count > 1 ? "single-entry" : nodes.count == 1 ? "single-entry" : "multi-node"
        }
        result.inferred.append(
            "mode \(mode): "
                + (gateway == nil
                    ? "no gateway given" : Set(ips).count == 1 ? "every node's server.ip is one address" : "each node's server.ip is its own"))
        lines.append("mode: \(mode)")

        // The authorized address: what single and single entry advertise; the route's name in multi-node.
        let unusable = ["0.0.0.0", "127.0.0.1", "localhost", "::", "::1"]
        var authorized: String?
        if mode != "multi-node", let ip = ips.first, !ip.isEmpty, !unusable.contains(ip) {
            authorized = ip
            lines.append("authorized_address: \(q(ip))   # \(nodes[0].source("server.ip")) server.ip")
        } else if let name = route?.serverNames.first(where: { $0 != "_" && $0 != "localhost" }), let route {
            authorized = name
            lines.append("authorized_address: \(q(name))   # \(route.serverNameSource ?? route.source) server_name")
        } else {
            lines.append("authorized_address: \(hole("authorized_address", "the licensed domain or IP clients use"))")
        }

        let web = nodes.contains { $0.value("websocket_port") != nil }
        let https =
            nodes.contains { $0.value("secure_websocket_port") != nil || $0.value("websocket_proxy_secure_port") != nil } || listeners.contains { $0.ssl }
        lines.append("clients:")
        lines.append("  native: true")
        lines.append(
            "  web: \(web)" + (web ? "   # websocket_port is set (\(nodes.first { $0.value("websocket_port") != nil }?.source("websocket_port") ?? ""))" : ""))
        if https && web { lines.append("  https: true") }

        // TLS: the node's keystore (its passwords never copied), or the gateway's certificate.
        var tls: [String] = []
        if let jks = nodes.first(where: { $0.value("jks_path") != nil }) {
            tls.append("  jks_path: \(q(jks.value("jks_path") ?? ""))   # \(jks.source("jks_path"))")
            for (key, env) in [("key_store_password", "WFC_KEY_STORE_PASSWORD"), ("key_manager_password", "WFC_KEY_MANAGER_PASSWORD")]
            where jks.value(key) != nil {
                tls.append("  \(key): {env: \(env)}   # \(jks.source(key)) holds it: not copied")
                result.inferred.append("\(key) is read from $\(env) at build time: set it to the value in \(jks.source(key))")
            }
        }
        if let ssl = listeners.first(where: { $0.ssl && $0.certificate != nil }), let certificate = ssl.certificate {
            tls.append("  certificate: \(q(certificate.path))   # \(certificate.source)")
            if let key = ssl.certificateKey { tls.append("  certificate_key: \(q(key.path))   # \(key.source)") }
        }
        if !tls.isEmpty { lines += ["tls:"] + tls }

        // Ports every node shares: the first node's, where they leave the defaults.
        let first = nodes[0]
        var shared: [String] = []
        let perNode = mode == "single-entry"
        if !perNode, let p = first.int("port"), p != Defaults.tcp { shared.append("  tcp: \(p)   # \(first.source("port"))") }
        if !perNode, let p = first.int("websocket_port"), p != Defaults.websocket {
            shared.append("  websocket: \(p)   # \(first.source("websocket_port"))")
        }
        if let p = first.int("http.admin.port"), p != Defaults.admin { shared.append("  admin: \(p)   # \(first.source("http.admin.port"))") }
        if let h = nodes.compactMap(\.hazelcast).first, let port = h.facts.port, port.value != Defaults.cluster {
            shared.append("  cluster: \(port.value)   # \(h.path):\(port.line)")
        }
        if let p = first.int("https_port"), p != Defaults.https { shared.append("  https: \(p)   # \(first.source("https_port"))") }
        if let p = first.int("secure_websocket_port"), p != Defaults.secureWebsocket {
            shared.append("  secure_websocket: \(p)   # \(first.source("secure_websocket_port"))")
        }
        if let local = first.int("local_port"), let http = first.int("http_port") {
            if !perNode && http != Defaults.http { shared.append("  http: \(http)   # \(first.source("http_port"))") }
            let bound = perNode ? Defaults.http : http
            if local != bound && !(onLoopback && local == Defaults.localBesideGateway) {
                shared.append("  local: \(local)   # \(first.source("local_port"))")
            }
        }
        if !shared.isEmpty { lines += ["ports:"] + shared }

        if let gateway {
            lines.append("gateway:")
            if gateway.facts.backend != "nginx" { lines.append("  backend: \(gateway.facts.backend)   # \(gateway.path)") }
            if onLoopback {
                lines.append("  on: \(q(first.name))   # \(route?.source ?? gateway.path): the route passes to this host itself")
            } else if let bound = listeners.first(where: { $0.address.map { !unusable.contains($0) } ?? false }), let address = bound.address {
                lines.append("  public_address: \(q(address))   # \(bound.source) the address it listens on")
            } else {
                lines.append("  public_address: \(hole("gateway.public_address", "the gateway's public address (nginx listens on every address)"))")
            }
        }

        lines += services(listeners, authorized: authorized, nodes: nodes, onLoopback: onLoopback, quote: q)
        lines.append("nodes:")
        var privateAddresses: [String?] = []
        for (i, node) in nodes.enumerated() {
            lines.append("  - name: \(q(node.name))   # \(node.path)")
            let ip = ips[i]
            // A node is found on the gateway by a port of its own: its long connection in single
            // entry, its WS or WSS proxy port; else the route's servers are taken in order.
            let ownPorts = [node.int("websocket_proxy_port"), node.int("websocket_proxy_secure_port")].compactMap { $0 }
            let own =
                (listeners.first { $0.stream && $0.port == node.int("port") }
                ?? listeners.first { !$0.stream && ownPorts.contains($0.port) && $0.targets.count == 1 })?.targets.first
            let byOrder = route.flatMap { i < $0.targets.count ? $0.targets[i] : nil }
            if mode == "multi-node" {
                if Host(ip)?.address != nil {
                    lines.append("    public_address: \(q(ip))   # \(node.source("server.ip")) server.ip")
                } else {
                    lines.append("    domain: \(q(ip))   # \(node.source("server.ip")) server.ip")
                    lines.append("    public_address: \(hole("nodes[\(i)].public_address", "the address \(ip) resolves to"))")
                }
            }
            privateAddresses.append((own ?? (onLoopback ? nil : byOrder))?.host)
            // The interface its cluster cache binds, when the gateway does not name the node.
            let interface = node.hazelcast.flatMap { h in h.facts.interfaces.first { Host($0.address)?.address != nil }.map { ($0, h.path) } }
            if own == nil, let (bound, path) = interface, nodes.count > 1 {
                lines.append("    private_address: \(q(bound.address))   # \(path):\(bound.line) the interface its cluster cache binds")
            } else if let target = own ?? (onLoopback ? nil : byOrder) {
                lines.append(
                    "    private_address: \(q(target.host))   # \(target.source)"
                        + (own == nil ? " (the route's servers, matched to the nodes in order: check it)" : ""))
                if own == nil { result.inferred.append("\(node.name)'s private address \(target.host): the route's server of the same position") }
            }
            if let id = node.int("node_id"), id != i + 1 { lines.append("    node_id: \(id)   # \(node.source("node_id"))") }
            for (key, topologyKey) in [("websocket_proxy_port", "websocket_proxy_port"), ("websocket_proxy_secure_port", "websocket_proxy_secure_port")] {
                if let p = node.int(key) { lines.append("    \(topologyKey): \(p)   # \(node.source(key))") }
            }
            if perNode {
                var ports: [String] = []
                if let p = node.int("port") { ports.append("tcp: \(p)") }
                if let p = node.int("http_port") { ports.append("http: \(p)") }
                if let p = node.int("websocket_port") { ports.append("websocket: \(p)") }
                if !ports.isEmpty { lines.append("    ports: {\(ports.joined(separator: ", "))}   # \(node.path)") }
            }
            // What is deployed, mistakes included: lint reports a server.ip the mode does not want.
            if unusable.contains(ip) || (mode != "multi-node" && authorized != nil && ip != authorized) {
                lines.append("    server_ip: \(q(ip))   # \(node.source("server.ip")) server.ip, as deployed")
            }
        }
        result.findings = upstreamFindings(nodes: nodes, listeners: listeners, privateAddresses: privateAddresses) + unmodelledFindings(nodes)
        // A file name may hold a line break: no comment may end early and start a key (the
        // values are quoted already, their controls escaped).
        result.topology = lines.map(\.escapingControls).joined(separator: "\n") + "\n"
        return result
    }

    /// Services the gateway serves by another name (the vendor's app server beside nginx):
    /// each name once, on the host its target is, with its body limit.
    static func services(
        _ listeners: [GatewayFacts.Listener], authorized: String?, nodes: [ImportedNode], onLoopback: Bool, quote q: (String) -> String
    ) -> [String] {
        var out: [String] = [], seen = Set<String>()
        for l in listeners where !l.stream && l.targets.count == 1 {
            guard let name = l.serverNames.first, name != authorized, name != "_", !seen.contains(name), let t = l.targets.first,
                t.host == "127.0.0.1" || t.host == "::1", let label = name.split(separator: ".").first, Grammar.isNodeName(String(label))
            else { continue }
            seen.insert(name)
            let on = onLoopback ? nodes[0].name : "gateway"
            out += [
                "  - name: \(q(String(label)))   # \(l.serverNameSource ?? l.source)", "    on: \(q(on))", "    ports: [\(t.port)]   # \(t.source)",
                "    domain: \(q(name))   # \(l.serverNameSource ?? l.source)"
            ]
            if let body = l.maxBody { out.append("    max_upload: \(q(body.value))   # \(body.source)") }
        }
        return out.isEmpty ? [] : ["services:"] + out
    }
}
