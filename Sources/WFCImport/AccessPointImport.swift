import WFCCore

/// A host's file given to `wfc import` by name (`--access-point`, `--turn`): what it says,
/// and where it is.
public struct ImportedFile<Facts: Sendable>: Sendable {
    public var name: String
    public var path: String
    public var facts: Facts

    public init(name: String, path: String, facts: Facts) {
        self.name = name
        self.path = path
        self.facts = facts
    }
}

/// An access point's proxy configuration (nginx or HAProxy), read as a gateway's is.
public typealias ImportedAccessPoint = ImportedFile<GatewayFacts>

/// One `server.backup_address` entry: `HOST:HTTP:TCP:WS`.
struct BackupEntry: Equatable {
    var host: String
    var http: Int
    var tcp: Int
    var websocket: Int

    /// Each entry of a node's value in order; nil for one that is not `HOST:HTTP:TCP:WS`.
    static func entries(of node: ImportedNode) -> [(text: String, entry: BackupEntry?)] {
        (node.value("server.backup_address") ?? "").split(separator: ",").map { text in
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let http = Int(parts[1]), let tcp = Int(parts[2]), let ws = Int(parts[3]) else { return (String(text), nil) }
            return (String(text), BackupEntry(host: parts[0], http: http, tcp: tcp, websocket: ws))
        }
    }
}

extension Importer {
    /// Access points from their proxies' files: each layer-4 listener passes one of a node's
    /// ports (HTTP, long connection, WebSocket) on a port of its own. The node's backup entry
    /// with those ports is this access point's, and gives its public address; an entry so
    /// matched is not the node's own `backup`.
    static func accessPoints(
        _ given: [ImportedAccessPoint], nodes: [ImportedNode], addresses: [[String]], quote q: (String) -> String
    ) -> (matched: [MatchedAccessPoint], consumed: [Int: Set<Int>]) {
        var matched: [MatchedAccessPoint] = [], consumed: [Int: Set<Int>] = [:]
        for ap in given {
            // Per node: the access point's port for each of the node's.
            var ports: [Int: (http: Int?, tcp: Int?, websocket: Int?, source: String)] = [:]
            for l in ap.facts.listeners where l.targets.count == 1 {
                let t = l.targets[0]
                guard let i = addresses.firstIndex(where: { $0.contains(t.host) }) ?? (nodes.count == 1 ? 0 : nil) else { continue }
                let node = nodes[i]
                var p = ports[i] ?? (nil, nil, nil, l.source)
                if t.port == node.int("port") ?? Defaults.tcp {
                    p.tcp = l.port
                } else if t.port == node.int("websocket_port") {
                    p.websocket = l.port
                } else if t.port == node.boundHTTP {
                    p.http = l.port
                }
                ports[i] = p
            }
            var publicAddress: (String, String)?
            var entries: [String] = []
            for i in nodes.indices {
                guard let p = ports[i] else { continue }
                let ownEntries = BackupEntry.entries(of: nodes[i])
                if let at = ownEntries.indices.first(where: { e in
                    !(consumed[i]?.contains(e) ?? false)
                        && ownEntries[e].entry.map { $0.http == p.http && $0.tcp == p.tcp && $0.websocket == p.websocket } == true
                }), let entry = ownEntries[at].entry {
                    consumed[i, default: []].insert(at)
                    publicAddress = publicAddress ?? (entry.host, nodes[i].source("server.backup_address"))
                }
                let fields = [("http", p.http), ("tcp", p.tcp), ("websocket", p.websocket)].map { "\($0.0): \($0.1.map(String.init) ?? "0")" }
                entries.append("      \(q(nodes[i].name)): {\(fields.joined(separator: ", "))}   # \(p.source)")
            }
            matched.append(MatchedAccessPoint(file: ap, publicAddress: publicAddress, ports: entries))
        }
        return (matched, consumed)
    }

    /// The `access_points` lines, written after the nodes (their placeholders in text order).
    static func accessPointLines(_ matched: [MatchedAccessPoint], hole: (String, String) -> String, quote q: (String) -> String) -> [String] {
        var lines: [String] = []
        for (k, m) in matched.enumerated() {
            lines.append("  - name: \(q(m.file.name))   # \(m.file.path)")
            if let (host, source) = m.publicAddress {
                lines.append("    public_address: \(q(host))   # \(source): the backup entry with its ports")
            } else {
                lines.append("    public_address: \(hole("access_points[\(k)].public_address", "the address clients of its region dial"))")
            }
            lines.append("    private_address: \(hole("access_points[\(k)].private_address", "the address the nodes see its connections come from"))")
            if m.file.facts.backend != "nginx" { lines.append("    backend: \(m.file.facts.backend)   # \(m.file.path)") }
            lines += ["    ports:"] + m.ports
        }
        return lines.isEmpty ? [] : ["access_points:"] + lines
    }
}

/// An access point's file with what it says: the public address its backup entries give, and
/// each node's ports as `ports:` lines.
struct MatchedAccessPoint {
    var file: ImportedAccessPoint
    var publicAddress: (String, String)?
    var ports: [String]
}
