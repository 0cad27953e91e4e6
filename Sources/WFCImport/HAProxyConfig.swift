/// One line of haproxy.cfg: its words, unquoted and unescaped, and where it stands.
public struct HAProxyLine: Sendable, Equatable {
    public var words: [String]
    public var line: Int
    public var column: Int
}

/// A section of haproxy.cfg: `frontend NAME`, `backend NAME`, `listen NAME`, `defaults`, …
public struct HAProxySection: Sendable, Equatable {
    public var kind: String
    public var name: String?
    public var line: Int
    public var lines: [HAProxyLine]

    /// The lines starting with `keyword`.
    public func lines(_ keyword: String) -> [HAProxyLine] { lines.filter { $0.words.first == keyword } }
}

/// haproxy.cfg read as HAProxy reads it: a line's words split at blanks, `#` a comment where a
/// word could start, double quotes with backslash escapes, single quotes without, a backslash
/// escaping the next character; a section keyword at the start of a line opens a section.
public enum HAProxyConfig {
    static let sectionKeywords: Set<String> = [
        "global", "defaults", "frontend", "backend", "listen", "peers", "resolvers", "userlist", "cache", "program", "http-errors", "ring", "mailers"
    ]

    public static func read(_ bytes: [UInt8], file: String) throws(GatewayReadError) -> [HAProxySection] {
        guard bytes.count <= NginxConfig.maxFileBytes else { throw GatewayReadError(file: file, line: 1, message: "larger than 4 MiB") }
        var sections: [HAProxySection] = []
        for (n, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = n + 1
            var words: [String] = [], word: [UInt8] = [], started = false, column = 0
            var i = raw.startIndex
            func end() {
                if started { words.append(String(decoding: word, as: UTF8.self)) }
                word = []
                started = false
            }
            scan: while i < raw.endIndex {
                let b = raw[i]
                switch b {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    end()
                    i += 1
                case UInt8(ascii: "#") where !started:
                    break scan
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if words.isEmpty && !started { column = i - raw.startIndex + 1 }
                    started = true
                    i += 1
                    while true {
                        guard i < raw.endIndex else { throw GatewayReadError(file: file, line: line, message: "a quote that never closes") }
                        if raw[i] == b { i += 1; break }
                        if b == UInt8(ascii: "\""), raw[i] == UInt8(ascii: "\\"), i + 1 < raw.endIndex {
                            word.append(raw[i + 1])
                            i += 2
                            continue
                        }
                        word.append(raw[i])
                        i += 1
                    }
                case UInt8(ascii: "\\") where i + 1 < raw.endIndex:
                    if words.isEmpty && !started { column = i - raw.startIndex + 1 }
                    started = true
                    word.append(raw[i + 1])
                    i += 2
                default:
                    if words.isEmpty && !started { column = i - raw.startIndex + 1 }
                    started = true
                    word.append(b)
                    i += 1
                }
            }
            end()
            guard let first = words.first else { continue }
            if sectionKeywords.contains(first) {
                sections.append(HAProxySection(kind: first, name: words.count > 1 ? words[1] : nil, line: line, lines: []))
            } else if sections.isEmpty {
                throw GatewayReadError(file: file, line: line, message: "\"\(first)\" outside any section")
            } else {
                sections[sections.count - 1].lines.append(HAProxyLine(words: words, line: line, column: column))
            }
        }
        return sections
    }
}

extension GatewayFacts {
    /// The listeners of haproxy.cfg: each frontend's (and `listen`'s) binds, passing to its
    /// default backend's servers (a `listen` section's own), at layer 4 in `mode tcp`.
    public init(haproxy sections: [HAProxySection], file: String) {
        let defaultsMode = sections.last { $0.kind == "defaults" }?.lines("mode").first?.words.dropFirst().first
        if let l = sections.first(where: { $0.kind == "global" })?.lines("maxconn").first, l.words.count > 1, let n = Int(l.words[1]) {
            connections = (n, "\(file):\(l.line)")
        }
        func servers(_ s: HAProxySection) -> [Target] {
            s.lines("server").compactMap { l in
                guard l.words.count > 2, let a = Self.authority(l.words[2]) else { return nil }
                return Target(host: a.host, port: a.port, place: (file, l.line, l.column))
            }
        }
        let backends = Dictionary(sections.filter { $0.kind == "backend" }.compactMap { s in s.name.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
        for s in sections where s.kind == "frontend" || s.kind == "listen" {
            let mode = s.lines("mode").first?.words.dropFirst().first ?? defaultsMode ?? "tcp"
            let targets =
                s.kind == "listen"
                ? servers(s) : s.lines("default_backend").first.flatMap { $0.words.dropFirst().first }.flatMap { backends[$0] }.map(servers) ?? []
            for bind in s.lines("bind") {
                guard bind.words.count > 1 else { continue }
                // `:80`, `*:80`, `10.0.0.1:80`; `:::80` (IPv6) repeats an IPv4 bind.
                let address = bind.words[1]
                if address.hasPrefix(":::") || address.hasPrefix("[") { continue }
                guard let (host, port) = Self.authority(address) else { continue }
                var listener = Listener(
                    port: port, address: host.isEmpty || host == "*" ? nil : host, ssl: bind.words.contains("ssl"), stream: mode == "tcp",
                    serverNames: [], serverNameSource: nil, targets: targets, source: "\(file):\(bind.line)")
                if let crt = bind.words.firstIndex(of: "crt"), crt + 1 < bind.words.count {
                    listener.certificate = (bind.words[crt + 1], listener.source)
                }
                listeners.append(listener)
            }
        }
        backend = "haproxy"
    }
}
