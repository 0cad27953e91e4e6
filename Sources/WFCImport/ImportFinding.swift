import WFCCore

/// A finding about an imported file: its rule, where it stands and what it says. It becomes a
/// diagnostic once the file it names is read as a `SourceFile`.
public struct ImportFinding: Sendable {
    public var rule: Rule
    public var file: String
    /// 1-based.
    public var line: Int
    public var column: Int
    public var message: String
    public var label: String
    public var helps: [String] = []

    /// Over the written text from its column to the end of its line.
    public func diagnostic(in source: SourceFile) -> Diagnostic {
        let index = max(0, min(line - 1, source.lineStarts.count - 1))
        let bytes = source.lineBytes(index)
        let lineStart = source.lineStarts[index]
        let start = lineStart + min(max(column - 1, 0), bytes.count)
        let end = max(start, lineStart + (bytes.lastIndex { $0 > 0x20 }.map { $0 - bytes.startIndex + 1 } ?? 0))
        return rule.diagnostic(message, at: Span(start: source.mark(at: start), end: source.mark(at: end)), label: label, helps: helps)
    }
}

extension Importer {
    /// WFC706's other half: a node port clients are sent to through the gateway that no
    /// gateway listener reaches. In single entry each node's long connection, HTTP and WS
    /// ports are reached only through the gateway; a WS or WSS proxy port is the gateway's
    /// port for one node, and must be one it listens on.
    static func unreachedFindings(
        nodes: [ImportedNode], listeners: [GatewayFacts.Listener], privateAddresses: [String?], mode: String
    ) -> [ImportFinding] {
        guard !listeners.isEmpty, mode != "single" else { return [] }
        var out: [ImportFinding] = []
        for (i, node) in nodes.enumerated() {
            func finding(_ key: String, _ message: String, _ label: String, _ help: String) {
                out.append(
                    ImportFinding(
                        rule: .gatewayUpstreamMismatch, file: node.path, line: node.settings.values[key]?.line ?? 1, column: 1, message: message,
                        label: label, helps: [help]))
            }
            if mode == "single-entry", let address = privateAddresses[i] {
                let reached = Set(listeners.flatMap { $0.targets.filter { $0.host == address || loopbackHosts.contains($0.host) }.map { $0.port } })
                // With the TLS long link the plain one stays bound, and no client is sent to it.
                for key in ["port", "local_port", "websocket_port"] where node.value(key) != nil && !(key == "port" && node.value("ssl_port") != nil) {
                    guard let port = node.int(key), !reached.contains(port) else { continue }
                    finding(
                        key, "`\(node.name)` listens on \(port) (`\(key)`), but no gateway route passes to it",
                        "single entry: clients reach this only through the gateway",
                        "give the gateway a listener for this node that passes to \(address):\(port)")
                }
            }
            let listened = Set(listeners.map { $0.port })
            for key in ["websocket_proxy_port", "websocket_proxy_secure_port"] {
                guard let port = node.int(key), !listened.contains(port) else { continue }
                finding(
                    key, "web clients are sent to the gateway's \(port) (`\(key)` of `\(node.name)`), where the gateway does not listen",
                    "no gateway listener on \(port)", "give the gateway a listener on \(port) that passes to `\(node.name)`'s WebSocket port")
            }
        }
        return out
    }

    /// WFC706: each gateway target that reaches a node must be a port the node binds. A
    /// target on loopback reaches the node the gateway runs on; another, the node whose
    /// private address it is; with one node, that node.
    static func upstreamFindings(
        nodes: [ImportedNode], listeners: [GatewayFacts.Listener], privateAddresses: [String?], others: Set<String>
    ) -> [ImportFinding] {
        var out: [ImportFinding] = []
        var seen = Set<String>()
        // Names served for the app server and services pass to them, not to a node.
        for l in listeners where !l.serverNames.contains(where: others.contains) {
            // One upstream used by two servers (80 and 443) is one finding, at its line.
            for t in l.targets where seen.insert("\(t.place.file):\(t.place.line):\(t.place.column)").inserted {
                let index =
                    loopbackHosts.contains(t.host) || nodes.count == 1 ? 0 : privateAddresses.firstIndex { $0 == t.host }
                guard let index, index < nodes.count else { continue }
                let node = nodes[index]
                let bound = node.boundPorts
                guard !bound.contains(t.port) else { continue }
                let (file, line, column) = t.place
                out.append(
                    ImportFinding(
                        rule: .gatewayUpstreamMismatch, file: file, line: line, column: column,
                        message: "the gateway passes to \(t.host):\(t.port), where `\(node.name)` does not listen",
                        label: "no listener of \(node.name) on \(t.port)",
                        helps: [
                            "`\(node.name)` binds " + bound.sorted().map(String.init).joined(separator: ", ") + " (\(node.path)): point the gateway at one of "
                                + "these, or set the node's `local_port` to \(t.port)"
                        ]))
            }
        }
        return out
    }
}

extension Importer {
    /// The network keys the topology carries once imported (or derives: the proxy host, the
    /// files' URL); any other network key a node sets is WFC705's.
    static let importedKeys: Set<String> = [
        "server.ip", "port", "http_port", "local_port", "http.admin.port", "node_id", "websocket_port", "https_port", "secure_websocket_port",
        "jks_path", "key_store_password", "key_manager_password", "websocket_proxy_host", "websocket_proxy_port", "websocket_proxy_secure_port",
        "local.media.storage.remote_server_url", "ssl_port", "short_link_tcp_port", "short_link_local_tcp_port", "server.backup_address",
        "media.backup_server_url", "media.backup_server_port", "conference.client_list", "conference.signal_server_address",
        "conference.record_strategy"
    ]

    /// WFC705: each network key a node sets that the import leaves behind, at its line.
    static func unmodelledFindings(_ nodes: [ImportedNode]) -> [ImportFinding] {
        nodes.flatMap { node in
            node.settings.values.filter { key, setting in
                // The recordings' path inside janus's container: what wfc writes, unless moved.
                !importedKeys.contains(key) && !(key == "conference.record_path" && setting.value == Defaults.recordPath)
                    && (Plan.imNetworkKeys.contains(key) || Plan.conferenceKeys.contains(key) || Plan.builtinBackupMediaKeys.contains(key))
            }.sorted { $0.value.line < $1.value.line }.map { key, setting in
                ImportFinding(
                    rule: .unmodelledNetworkKey, file: node.path, line: setting.line, column: 1,
                    message: "`\(key)` is not carried into the imported topology", label: "a build from it would not write this",
                    helps: ["add it to the topology by hand (docs/language.md), or keep this file's line with `wfc build --im-base`"])
            }
        }
    }
}

extension ImportedNode {
    /// The HTTP port the IM server binds: `local_port`, else `http_port`.
    var boundHTTP: Int { int("local_port") ?? int("http_port") ?? Defaults.http }

    /// The ports the IM server binds, defaults included.
    var boundPorts: Set<Int> {
        var out: Set<Int> = [boundHTTP, int("port") ?? Defaults.tcp]
        for key in ["websocket_port", "https_port", "secure_websocket_port", "ssl_port", "short_link_local_tcp_port", "http.admin.port"] {
            if let p = int(key) { out.insert(p) }
        }
        return out
    }
}
