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
    /// WFC706: each gateway target that reaches a node must be a port the node binds. A
    /// target on loopback reaches the node the gateway runs on; another, the node whose
    /// private address it is; with one node, that node.
    static func upstreamFindings(
        nodes: [ImportedNode], listeners: [GatewayFacts.Listener], privateAddresses: [String?], others: Set<String>
    ) -> [ImportFinding] {
        var out: [ImportFinding] = []
        var seen = Set<String>()
        let loopback: Set<String> = ["127.0.0.1", "::1", "localhost"]
        // Names served for the app server and services pass to them, not to a node.
        for l in listeners where !l.serverNames.contains(where: others.contains) {
            // One upstream used by two servers (80 and 443) is one finding, at its line.
            for t in l.targets where seen.insert("\(t.place.file):\(t.place.line):\(t.place.column)").inserted {
                let index =
                    loopback.contains(t.host) || nodes.count == 1 ? 0 : privateAddresses.firstIndex { $0 == t.host }
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
        "media.backup_server_url", "media.backup_server_port"
    ]

    /// WFC705: each network key a node sets that the import leaves behind, at its line.
    static func unmodelledFindings(_ nodes: [ImportedNode]) -> [ImportFinding] {
        nodes.flatMap { node in
            node.settings.values.filter { key, _ in
                !importedKeys.contains(key)
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
    /// The ports the IM server binds, defaults included.
    var boundPorts: Set<Int> {
        var out: Set<Int> = [int("local_port") ?? int("http_port") ?? Defaults.http, int("port") ?? Defaults.tcp]
        for key in ["websocket_port", "https_port", "secure_websocket_port", "ssl_port", "short_link_local_tcp_port", "http.admin.port"] {
            if let p = int(key) { out.insert(p) }
        }
        return out
    }
}
