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

    /// A gateway target on one of these reaches the host the gateway runs on.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    public static func topology(
        nodes: [ImportedNode], gateway: (facts: GatewayFacts, path: String)?, accessPoints accessPointFiles: [ImportedAccessPoint] = [],
        turn: [ImportedTurn] = [], mediaServers: [ImportedMediaServer] = [], resolve: (String) -> [String] = { _ in [] }
    ) -> ImportResult {
        var result = ImportResult(topology: "")
        var lines = ["# Imported by `wfc import`: every value names the file and line it comes from.", "version: 1"]
        func q(_ s: String) -> String { YAML.quote(s) }
        func hole(_ key: String, _ what: String) -> String {
            result.placeholders.append(key)
            return q(placeholder(what))
        }
        /// The address a name resolves to (`--resolve`: IPv4 first, as clients dial), else a
        /// placeholder. An address is its own.
        func address(_ key: String, of name: String, _ what: String) -> String {
            if Host(name)?.address != nil { return "\(q(name))   # the address clients dial" }
            let found = resolve(name)
            guard let ip = found.first(where: { !$0.contains(":") }) ?? found.first else { return hole(key, what) }
            result.inferred.append("\(key) \(ip): what \(name) resolves to (--resolve)")
            return "\(q(ip))   # what \(name) resolves to (--resolve)"
        }

        let ips = nodes.map { $0.value("server.ip") ?? "" }
        let unusable = ["0.0.0.0", "127.0.0.1", "localhost", "::", "::1"]
        let listeners = gateway?.facts.listeners ?? []
        // The route: where the gateway serves HTTP on the native clients' port, balanced.
        let route = listeners.first { !$0.stream && !$0.ssl && $0.targets.count > 0 && ($0.port == 80 || $0.targets.count == nodes.count) }
        let onLoopback = route?.targets.allSatisfy { loopbackHosts.contains($0.host) } ?? false
        // No gateway file, yet the nodes name a gateway: their WS proxy host or the files' URL
        // under it. A cloud balancer, whose listeners are no file wfc reads.
        let namedGateway =
            gateway == nil
            ? nodes.lazy.compactMap { n in
                n.value("websocket_proxy_host").map { ($0, n.source("websocket_proxy_host")) }
                    ?? n.value("local.media.storage.remote_server_url").flatMap { url in
                        url.split(separator: "/").dropFirst().first.map {
                            (String($0.split(separator: ":")[0]), n.source("local.media.storage.remote_server_url"))
                        }
                    }
            }.first : nil
        let mode: String
        if let namedGateway, Set(ips).count > 1 || ips.first != namedGateway.0 {
            mode = Set(ips).count == 1 && nodes.count > 1 ? "single-entry" : "multi-node"
        } else if gateway == nil || (nodes.count == 1 && onLoopback) {
            mode = nodes.count == 1 ? "single" : (Set(ips).count == 1 ? "single-entry" : "multi-node")
        } else {
            mode = Set(ips).count == 1 && nodes.count > 1 ? "single-entry" : nodes.count == 1 ? "single-entry" : "multi-node"
        }
        result.inferred.append(
            "mode \(mode): "
                + (gateway == nil
                    ? "no gateway given" : Set(ips).count == 1 ? "every node's server.ip is one address" : "each node's server.ip is its own"))
        lines.append("mode: \(mode)")
        // Where every address clients are given is private, the clients are inside (政企专网).
        let given = (listeners.compactMap { $0.address } + (mode == "multi-node" ? ips : [ips.first ?? ""])).filter { !unusable.contains($0) }
            .compactMap { IPAddress($0) }
        if !given.isEmpty, given.allSatisfy({ AddressClass($0) == .private }) {
            lines.append("network: intranet   # every address clients are given is private (\(gateway?.path ?? nodes[0].source("server.ip")))")
            result.inferred.append("network intranet: every address clients are given is private")
        }

        // The authorized address: what single and single entry advertise; the route's name in multi-node.
        var authorized: String?
        if mode != "multi-node", let ip = ips.first, !ip.isEmpty, !unusable.contains(ip) {
            authorized = ip
            lines.append("authorized_address: \(q(ip))   # \(nodes[0].source("server.ip")) server.ip")
        } else if let name = route?.serverNames.first(where: { $0 != "_" && $0 != "localhost" }), let route {
            authorized = name
            lines.append("authorized_address: \(q(name))   # \(route.serverNameSource ?? route.source) server_name")
        } else if let (name, source) = namedGateway, mode == "multi-node" {
            authorized = name
            lines.append("authorized_address: \(q(name))   # \(source): the gateway the nodes name")
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
        if let short = nodes.first(where: { $0.value("short_link_tcp_port") != nil }) {
            lines.append("  short_link: tcp   # short_link_tcp_port is set (\(short.source("short_link_tcp_port")))")
        }
        // Clients dial http_port: other than 80, only the vendor's custom-port SDK does (WFC305 otherwise).
        if mode != "single-entry", let p = nodes[0].int("http_port"), p != Defaults.http {
            lines.append("  sdk: custom-ports   # \(nodes[0].source("http_port")) http_port \(p): only the custom-port SDK dials it, or it is a mistake")
        }
        if let tlsNode = nodes.first(where: { $0.value("ssl_port") != nil }) {
            lines.append("  long_link: tls   # ssl_port is set (\(tlsNode.source("ssl_port")))")
        }

        // TLS: the node's keystore (its passwords never copied), or the gateway's certificate.
        // In multi-node each node ends TLS for its own domain, with its own keystore.
        var tls: [String] = []
        func keystore(_ node: ImportedNode, indent: String) -> [String] {
            guard let path = node.value("jks_path") else { return [] }
            var out = ["\(indent)jks_path: \(q(path))   # \(node.source("jks_path"))"]
            for (key, env) in [("key_store_password", "WFC_KEY_STORE_PASSWORD"), ("key_manager_password", "WFC_KEY_MANAGER_PASSWORD")]
            where node.value(key) != nil {
                out.append("\(indent)\(key): {env: \(env)}   # \(node.source(key)) holds it: not copied")
                result.inferred.append("\(key) is read from $\(env) at build time: set it to the value in \(node.source(key))")
            }
            return out
        }
        if mode != "multi-node", let jks = nodes.first(where: { $0.value("jks_path") != nil }) { tls += keystore(jks, indent: "  ") }
        // The route's certificate: the one served for the authorized name, where one is.
        let withCertificate = listeners.filter { $0.ssl && $0.certificate != nil }
        if let ssl = withCertificate.first(where: { $0.serverNames.contains(authorized ?? "") }) ?? withCertificate.first,
            let certificate = ssl.certificate
        {
            if let key = ssl.certificateKey {
                tls.append("  certificate: \(q(certificate.path))   # \(certificate.source)")
                tls.append("  certificate_key: \(q(key.path))   # \(key.source)")
            } else if certificate.path.hasSuffix(".haproxy.pem") {
                // HAProxy's one PEM file, as wfc writes it: built from the chain and key beside it.
                let stem = certificate.path.dropLast(".haproxy.pem".count)
                tls.append("  certificate: \(q(stem + ".pem"))   # \(certificate.source) crt: the chain its bundle is built from")
                tls.append("  certificate_key: \(q(stem + ".key"))   # \(certificate.source) crt: the key its bundle is built from")
            } else {
                tls.append("  certificate: \(q(certificate.path))   # \(certificate.source) crt")
                tls.append("  certificate_key: \(hole("tls.certificate_key", "the key's own file (HAProxy's crt holds chain and key in one)"))")
            }
        }
        // Each node serving WSS itself, on its own port, where the gateway has no proxy port for it.
        if mode == "multi-node", nodes.contains(where: { $0.value("secure_websocket_port") != nil && $0.value("websocket_proxy_secure_port") == nil }) {
            tls.append("  wss: nodes   # the nodes serve WSS themselves (secure_websocket_port) with no proxy port on the gateway")
        }
        // A balancer ends HTTPS with a certificate no file here names.
        if namedGateway != nil, mode != "single", https && web, !tls.contains(where: { $0.hasPrefix("  certificate:") }) {
            tls.append("  certificate: \(hole("tls.certificate", "the certificate chain the balancer serves"))")
            tls.append("  certificate_key: \(hole("tls.certificate_key", "its key"))")
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
        if let h = nodes.compactMap({ $0.hazelcast }).first, let port = h.facts.port, port.value != Defaults.cluster {
            shared.append("  cluster: \(port.value)   # \(h.path):\(port.line)")
        }
        if !(perNode && first.value("ssl_port") != nil), let p = first.int("https_port"), p != Defaults.https {
            shared.append("  https: \(p)   # \(first.source("https_port"))")
        }
        if let p = first.int("ssl_port") { shared.append("  ssl: \(p)   # \(first.source("ssl_port"))") }
        if let p = first.int("secure_websocket_port"), p != Defaults.secureWebsocket {
            shared.append("  secure_websocket: \(p)   # \(first.source("secure_websocket_port"))")
        }
        if !perNode, let p = first.int("short_link_tcp_port"), p != Defaults.shortLinkTCP {
            shared.append("  short_link_tcp: \(p)   # \(first.source("short_link_tcp_port"))")
        }
        // In single entry the nodes' HTTP ports are their own; the route's is the gateway's.
        let routeHTTP = perNode ? route.map { ($0.port, $0.source) } : nil
        if let (port, source) = routeHTTP, port != Defaults.http { shared.append("  http: \(port)   # \(source) the route's port") }
        if let local = first.int("local_port"), let http = first.int("http_port") {
            if !perNode && http != Defaults.http { shared.append("  http: \(http)   # \(first.source("http_port"))") }
            let bound = perNode ? routeHTTP?.0 ?? Defaults.http : http
            if local != bound && !(onLoopback && local == Defaults.localBesideGateway) {
                shared.append("  local: \(local)   # \(first.source("local_port"))")
            }
        }
        if !shared.isEmpty { lines += ["ports:"] + shared }
        // The gateway is sized at twice the connections (both sides of each), 16384 at least.
        if let c = gateway?.facts.connections, c.value > 16384, c.value / 2 != Defaults.connections {
            lines += ["capacity:", "  connections: \(c.value / 2)   # \(c.source): sized for twice the connections"]
        }

        if gateway == nil, let (name, source) = namedGateway, mode != "single" {
            lines += [
                "gateway:   # \(source) names \(name): a balancer whose listeners no file here says (give --gateway FILE for nginx or HAProxy)",
                "  backend: external", "  public_address: \(address("gateway.public_address", of: name, "the address \(name) resolves to"))",
                "  source_ranges: [\(hole("gateway.source_ranges", "the addresses the balancer's connections come from"))]"
            ]
            result.inferred.append("gateway external: the nodes name \(name), and no gateway file was given")
        }
        if let gateway {
            lines.append("gateway:")
            if gateway.facts.backend != "nginx" { lines.append("  backend: \(gateway.facts.backend)   # \(gateway.path)") }
            if onLoopback {
                lines.append("  on: \(q(first.name))   # \(route?.source ?? gateway.path): the route passes to this host itself")
            } else if let bound = listeners.first(where: { $0.address.map { !unusable.contains($0) } ?? false }), let address = bound.address {
                lines.append("  public_address: \(q(address))   # \(bound.source) the address it listens on")
            } else {
                lines.append(
                    "  public_address: \(address("gateway.public_address", of: authorized ?? "", "the gateway's public address (nginx listens on every address)"))"
                )
            }
            // It passes to the nodes' private addresses: it has one on their network too, which
            // the nodes admit; no file here says which.
            if !onLoopback, let t = listeners.lazy.flatMap({ $0.targets }).first(where: { IPAddress($0.host).map { AddressClass($0) == .private } ?? false }) {
                lines.append(
                    "  private_address: \(hole("gateway.private_address", "its address on the nodes' network, where it reaches \(t.host)"))")
            }
        }

        // A node is found on the gateway by a port of its own: its long connection in single
        // entry, its WS or WSS proxy port; else the route's servers are taken in order.
        let pairing = nodes.indices.map { i in
            let node = nodes[i]
            let ownPorts = [node.int("websocket_proxy_port"), node.int("websocket_proxy_secure_port")].compactMap { $0 }
            let own =
                (listeners.first { $0.stream && $0.port == node.int("port") }
                ?? listeners.first { !$0.stream && ownPorts.contains($0.port) && $0.targets.count == 1 })?.targets.first
            return (own: own, byOrder: route.flatMap { i < $0.targets.count ? $0.targets[i] : nil })
        }
        // Every address a node is known by, for the access points' targets.
        let known = nodes.indices.map { i in
            [(pairing[i].own ?? pairing[i].byOrder)?.host, ips[i]].compactMap { $0 } + (nodes[i].hazelcast?.facts.interfaces.map { $0.address } ?? [])
        }
        let aps = accessPoints(accessPointFiles, nodes: nodes, addresses: known, quote: q)
        result.inferred += accessPointFiles.map { "access point \($0.name): its listeners matched to the nodes' ports by the addresses they pass to" }
        lines.append("nodes:")
        var privateAddresses: [String?] = []
        for (i, node) in nodes.enumerated() {
            lines.append("  - name: \(q(node.name))   # \(node.path)")
            let ip = ips[i]
            let (own, byOrder) = pairing[i]
            if mode == "multi-node" {
                if Host(ip)?.address != nil {
                    lines.append("    public_address: \(q(ip))   # \(node.source("server.ip")) server.ip")
                } else {
                    lines.append("    domain: \(q(ip))   # \(node.source("server.ip")) server.ip")
                    lines.append("    public_address: \(address("nodes[\(i)].public_address", of: ip, "the address \(ip) resolves to"))")
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
            } else if gateway == nil, namedGateway != nil, mode != "single" {
                // A balancer reaches the nodes, and they each other, at addresses no file here says.
                lines.append("    private_address: \(hole("nodes[\(i)].private_address", "where the balancer and the other nodes reach \(node.name)"))")
            }
            if let id = node.int("node_id"), id != i + 1 { lines.append("    node_id: \(id)   # \(node.source("node_id"))") }
            for (key, topologyKey) in [("websocket_proxy_port", "websocket_proxy_port"), ("websocket_proxy_secure_port", "websocket_proxy_secure_port")] {
                if let p = node.int(key) { lines.append("    \(topologyKey): \(p)   # \(node.source(key))") }
            }
            if mode == "multi-node" {
                let store = keystore(node, indent: "      ")
                if !store.isEmpty { lines += ["    tls:"] + store }
            }
            lines += backups(node, skipping: aps.consumed[i] ?? [], quote: q)
            if perNode {
                var ports: [String] = []
                if let p = node.int("port") { ports.append("tcp: \(p)") }
                if let p = node.int("http_port") { ports.append("http: \(p)") }
                if let p = node.int("websocket_port") { ports.append("websocket: \(p)") }
                if let p = node.int("short_link_tcp_port") { ports.append("short_link_tcp: \(p)") }
                if let p = node.int("ssl_port") { ports.append("ssl: \(p)") }
                if node.value("ssl_port") != nil, let p = node.int("https_port") { ports.append("https: \(p)") }
                if !ports.isEmpty { lines.append("    ports: {\(ports.joined(separator: ", "))}   # \(node.path)") }
            }
            // What is deployed, mistakes included: lint reports a server.ip the mode does not want.
            if unusable.contains(ip) || (mode != "multi-node" && authorized != nil && ip != authorized) {
                lines.append("    server_ip: \(q(ip))   # \(node.source("server.ip")) server.ip, as deployed")
            }
        }
        lines += accessPointLines(aps.matched, hole: hole, quote: q)
        let app = appServer(listeners, authorized: authorized, nodes: nodes, privateAddresses: privateAddresses, quote: q)
        let served = services(listeners, authorized: authorized, appServer: app.name, nodes: nodes, onLoopback: onLoopback, quote: q)
        lines += served.lines + app.lines
        lines += media(
            nodes, listeners: listeners.filter { $0.serverNames.isEmpty || $0.serverNames.contains(authorized ?? "") }, mode: mode, httpsWeb: https && web,
            quote: q)
        let called = calls(nodes: nodes, turn: turn, media: mediaServers, authorized: authorized, hole: hole, quote: q)
        lines += called.lines
        result.inferred += called.inferred
        // Last, so that an operator replaces it whole: the firewall is intent, in no file read here.
        lines += [
            "firewall:   # who may call the Server API: the operator's intent, which no file here says",
            "  server_api_from: [\(hole("firewall.server_api_from", "the app server's address or network; [] when it runs on a node"))]"
        ]
        result.findings =
            upstreamFindings(nodes: nodes, listeners: listeners, privateAddresses: privateAddresses, others: served.names.union(app.name.map { [$0] } ?? []))
            + unreachedFindings(nodes: nodes, listeners: listeners, privateAddresses: privateAddresses, mode: mode)
            + unmodelledFindings(nodes)
        // A file name may hold a line break: no comment may end early and start a key (the
        // values are quoted already, their controls escaped).
        result.topology = lines.map { $0.escapingControls }.joined(separator: "\n") + "\n"
        return result
    }

    /// `server.backup_address HOST:HTTP:TCP:WS,…`: the node's addresses for another network,
    /// each with the ports dialed there, as deployed. An access point's entry reads the same:
    /// the files cannot tell wfc's proxies from the operator's.
    static func backups(_ node: ImportedNode, skipping accessPoints: Set<Int>, quote q: (String) -> String) -> [String] {
        var out: [String] = []
        for (i, (text, entry)) in BackupEntry.entries(of: node).enumerated() where !accessPoints.contains(i) {
            guard let e = entry else {
                out.append("      - address: \(q(text))   # not HOST:HTTP:TCP:WS: as deployed, for lint to report")
                continue
            }
            out += ["      - address: \(q(e.host))", "        ports: {http: \(e.http), tcp: \(e.tcp), websocket: \(e.websocket)}"]
        }
        return out.isEmpty ? [] : ["    backup:   # \(node.source("server.backup_address")) server.backup_address"] + out
    }

    /// Where a cluster with HTTPS pages keeps files: on each node when its config names the URL the gateway
    /// reaches it at, else an object store. The route's body limit where it is not the default.
    static func media(_ nodes: [ImportedNode], listeners: [GatewayFacts.Listener], mode: String, httpsWeb: Bool, quote q: (String) -> String)
        -> [String]
    {
        var out: [String] = []
        if let n = nodes.first(where: { $0.value("short_link_tcp_port") != nil }) {
            out.append("  storage: object   # \(n.source("short_link_tcp_port")): the TCP short link works only with an object store (WFC309)")
        } else if let n = nodes.first(where: { $0.value("server.backup_address") != nil }) {
            // Built-in storage tells the other network where the files are; an object store does not.
            if let m = nodes.first(where: { $0.value("media.backup_server_url") != nil }) {
                out.append("  storage: builtin   # \(m.source("media.backup_server_url")) media.backup_server_url: the nodes keep the files")
            } else {
                out.append("  storage: object   # \(n.source("server.backup_address")) backups without media.backup_server_url: an object store")
            }
        } else if mode != "single" && httpsWeb {
            // Only HTTPS pages behind a gateway need the URL; elsewhere its absence says nothing.
            if let n = nodes.first(where: { $0.value("local.media.storage.remote_server_url") != nil }) {
                out.append("  storage: builtin   # \(n.source("local.media.storage.remote_server_url")) remote_server_url: each node keeps its files")
            } else {
                out.append("  storage: object   # no node sets local.media.storage.remote_server_url: the files are in an object store")
            }
        }
        if let body = listeners.first(where: { !$0.stream && $0.targets.count > 0 && $0.maxBody != nil })?.maxBody, body.value != Defaults.maxUpload {
            out.append("  max_upload: \(q(body.value))   # \(body.source)")
        }
        return out.isEmpty ? [] : ["media:"] + out
    }

    /// The vendor's app server: a name the gateway serves that passes to its port, 8888. It
    /// runs on the node or gateway whose address that is, else on a host of its own.
    static func appServer(
        _ listeners: [GatewayFacts.Listener], authorized: String?, nodes: [ImportedNode], privateAddresses: [String?], quote q: (String) -> String
    ) -> (name: String?, lines: [String]) {
        guard
            let l = listeners.first(where: {
                !$0.stream && $0.targets.count == 1 && $0.targets[0].port == Defaults.appServerPort && $0.serverNames.first.map { $0 != authorized } == true
            }), let t = l.targets.first, let name = l.serverNames.first,
            // wfc sends its plain HTTP to HTTPS; a name served on both is a service, as written.
            !(listeners.contains { $0.ssl && $0.serverNames.first == name }
                && listeners.contains { !$0.ssl && $0.serverNames.first == name && !$0.targets.isEmpty })
        else { return (nil, []) }
        var out = ["app_server:   # \(l.source) passes \(name) to \(t.host):\(t.port), the vendor app server's port"]
        if let i = privateAddresses.firstIndex(where: { $0 == t.host }) {
            out.append("  on: \(q(nodes[i].name))   # \(t.source) the address of this node")
        } else if loopbackHosts.contains(t.host) {
            out.append(
                "  on: \(q(nodes.count == 1 && listeners.allSatisfy { $0.targets.allSatisfy { $0.host == t.host } } ? nodes[0].name : "gateway"))   # \(t.source)"
            )
        } else {
            out.append("  private_address: \(q(t.host))   # \(t.source)")
        }
        out.append("  domain: \(q(name))   # \(l.serverNameSource ?? l.source)")
        if let body = listeners.first(where: { $0.serverNames.first == name && $0.maxBody != nil })?.maxBody, body.value != Defaults.appServerMaxUpload {
            out.append("  max_upload: \(q(body.value))   # \(body.source)")
        }
        return (name, out)
    }

    /// Services the gateway serves by another name (the vendor's app server beside nginx):
    /// each name once, on the host its target is, with its body limit.
    static func services(
        _ listeners: [GatewayFacts.Listener], authorized: String?, appServer: String?, nodes: [ImportedNode], onLoopback: Bool,
        quote q: (String) -> String
    ) -> (names: Set<String>, lines: [String]) {
        var out: [String] = [], seen = Set<String>()
        for l in listeners where !l.stream && l.targets.count == 1 {
            guard let name = l.serverNames.first, name != authorized, name != appServer, name != "_", !seen.contains(name), let t = l.targets.first,
                t.host == "127.0.0.1" || t.host == "::1", let label = name.split(separator: ".").first, Grammar.isNodeName(String(label))
            else { continue }
            seen.insert(name)
            let on = onLoopback ? nodes[0].name : "gateway"
            out += [
                "  - name: \(q(String(label)))   # \(l.serverNameSource ?? l.source)", "    on: \(q(on))", "    ports: [\(t.port)]   # \(t.source)",
                "    domain: \(q(name))   # \(l.serverNameSource ?? l.source)",
                // The likelier intent: reached only through the gateway, as the files show.
                "    from: [127.0.0.1/32]   # \(t.source) the gateway reaches it on loopback (add who else dials it directly)"
            ]
            if let body = l.maxBody { out.append("    max_upload: \(q(body.value))   # \(body.source)") }
        }
        return (seen, out.isEmpty ? [] : ["services:"] + out)
    }
}
