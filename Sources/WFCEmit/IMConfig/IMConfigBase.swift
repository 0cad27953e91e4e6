/// `wfc build --im-base FILE`: the operator's complete `wildfirechat.conf`, as the vendor
/// ships it, into which each node's network keys are set in place. Every other byte stays
/// as it was. The IM server's parser (docs/domain.md) reads one `key value` per line, split at
/// the first space; a line whose first non-blank character is `#` is a comment; lines end
/// at LF, CR or CRLF.
public struct IMConfigBase: Sendable {
    /// A line of the base: its text and the line end it had ("" for a last line without one).
    struct Line: Sendable {
        var text: [UInt8]
        var end: [UInt8]
    }

    let lines: [Line]

    /// A base the server would not read whole: where and why.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The largest base accepted: the vendor's file is a few KiB.
    public static let sizeLimit = 1024 * 1024

    /// Splits the base into lines and refuses what the merge cannot carry over intact: bytes
    /// that are not UTF-8 text (the output is text), NUL bytes, and a line the server would
    /// stop reading at (a `#` after a value on a line of more than two words), unless it is
    /// one of the network keys the merge replaces.
    public init(_ bytes: [UInt8], replacing keys: Set<String>) throws(Problem) {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let line = (bytes.firstIndex { $0 >= 0x80 }.map { bytes[..<$0].count { $0 == 0x0A } } ?? 0) + 1
            throw Problem(line: line, message: "the file is not UTF-8 text")
        }
        var lines: [Line] = []
        var start = 0, i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0:
                throw Problem(line: lines.count + 1, message: "a NUL byte")
            case 0x0A:
                lines.append(Line(text: Array(bytes[start..<i]), end: [0x0A]))
                i += 1
                start = i
            case 0x0D:
                let crlf = i + 1 < bytes.count && bytes[i + 1] == 0x0A
                lines.append(Line(text: Array(bytes[start..<i]), end: crlf ? [0x0D, 0x0A] : [0x0D]))
                i += crlf ? 2 : 1
                start = i
            default:
                i += 1
            }
        }
        if start < bytes.count { lines.append(Line(text: Array(bytes[start...]), end: [])) }
        for (n, line) in lines.enumerated() {
            guard case .entry(let key, stops: true) = Self.read(line.text), !keys.contains(key) else { continue }
            throw Problem(
                line: n + 1,
                message: "the IM server stops reading the file at this line (a `#` on a line that is not exactly "
                    + "two words split by single spaces), and every key after it is lost; move the comment to a line of its own")
        }
        self.lines = lines
    }

    /// How the IM server reads one line (moquette's ConfigurationParser, which wildfirechat's
    /// server uses): Java's `trim()`, which drops every character up to U+0020 at both ends
    /// (tabs, vertical tabs, form feeds, not only spaces); a `#` first makes a comment, a `#`
    /// elsewhere makes the line stop the file unless `split(" ")` gives exactly two fields;
    /// the key is what stands before the first space, trimmed again.
    enum Read: Equatable {
        /// A blank line or a comment.
        case skipped
        /// A setting; `stops`: the server throws here and drops every later line.
        case entry(key: String, stops: Bool)
    }

    static func trimmed(_ text: some Collection<UInt8>) -> ArraySlice<UInt8> {
        let bytes = ArraySlice(text)
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }), let last = bytes.lastIndex(where: { $0 > 0x20 }) else { return [] }
        return bytes[first...last]
    }

    static func read(_ text: [UInt8]) -> Read {
        let line = trimmed(text)
        guard !line.isEmpty, line.first != UInt8(ascii: "#") else { return .skipped }
        // Java's split drops trailing empty fields; a trimmed line has none.
        let stops =
            line.contains(UInt8(ascii: "#"))
            && line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false).count != 2
        let key = line.firstIndex(of: UInt8(ascii: " ")).map { trimmed(line[..<$0]) } ?? line
        return .entry(key: String(decoding: key, as: UTF8.self), stops: stops)
    }

    static func isComment(_ text: [UInt8]) -> Bool {
        trimmed(text).first == UInt8(ascii: "#")
    }

    /// The key the server gives an active line, as it compares them; nil for comments and
    /// blank lines.
    static func key(_ text: [UInt8]) -> String? {
        if case .entry(let key, _) = read(text) { return key }
        return nil
    }

    /// The key a commented-out setting would set (`#websocket_proxy_port 8888`, `## key`):
    /// one or two words after the `#`s, so that prose ("# port is the TCP port") is left alone.
    static func commentedKey(_ text: [UInt8]) -> String? {
        guard isComment(text) else { return nil }
        let body = Array(trimmed(text).drop { $0 == UInt8(ascii: "#") || $0 <= 0x20 })
        guard body.split(separator: UInt8(ascii: " ")).count <= 2 else { return nil }
        return key(body)
    }

    /// The active lines (1-based) that set one of `owned` that `setting` leaves out: what the
    /// merge comments out, since the topology says otherwise (`Plan.imNetworkKeys`).
    package func stale(owned: Set<String>, setting: Set<String>) -> [(line: Int, key: String)] {
        lines.enumerated().compactMap { n, line in
            guard let key = Self.key(line.text), owned.contains(key), !setting.contains(key) else { return nil }
            return (n + 1, key)
        }
    }

    /// The base with `entries` set: on each active line of the key; else on the first line
    /// that comments it out; else appended at the end, after a comment saying so. An active
    /// line of a key in `owned` that `entries` do not set is commented out (`stale`).
    package func merged(_ entries: [(key: String, value: String)], owned: Set<String> = [], note: String) -> String {
        var out = lines.map { String(decoding: $0.text, as: UTF8.self) }
        for (line, _) in stale(owned: owned, setting: Set(entries.map { $0.key })) { out[line - 1] = "#" + out[line - 1] }
        var active: [String: [Int]] = [:], commented: [String: Int] = [:]
        for (n, line) in lines.enumerated() {
            if let key = Self.commentedKey(line.text) {
                if commented[key] == nil { commented[key] = n }
            } else if let key = Self.key(line.text) {
                active[key, default: []].append(n)
            }
        }
        var appended: [String] = []
        for (key, value) in entries {
            if let at = active[key] {
                for n in at { out[n] = "\(key) \(value)" }
            } else if let n = commented[key] {
                out[n] = "\(key) \(value)"
            } else {
                appended.append("\(key) \(value)")
            }
        }
        var text = zip(out, lines).map { $0 + String(decoding: $1.end, as: UTF8.self) }.joined()
        if !appended.isEmpty {
            if let last = lines.last, last.end.isEmpty { text += "\n" }
            text += "# \(note)\n" + appended.map { $0 + "\n" }.joined()
        }
        return text
    }
}

/// An IM config as the server reads it (`wfc import`): each key's value from its last active
/// line, up to the line where the server stops reading, and what it drops after that line.
public struct IMConfigSettings: Sendable {
    public struct Setting: Sendable, Equatable {
        public var value: String
        /// 1-based.
        public var line: Int
    }

    public var values: [String: Setting] = [:]
    /// The line the server stops at (a `#` on a line that is not exactly two words).
    public var stoppedAt: Int? = nil
    /// The settings after it, which the server never reads: (line, key).
    public var dropped: [(line: Int, key: String)] = []

    public init(_ bytes: [UInt8]) {
        var n = 0
        for text in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            n += 1
            // CR before LF, or a CR alone: both end a line for Java's readLine.
            for (k, part) in text.split(separator: 0x0D, omittingEmptySubsequences: false).enumerated() where k == 0 || !part.isEmpty {
                let line = Array(part)
                guard case .entry(let key, let stops) = IMConfigBase.read(line) else { continue }
                if stoppedAt != nil {
                    dropped.append((n, key))
                    continue
                }
                if stops {
                    stoppedAt = n
                    continue
                }
                let trimmed = IMConfigBase.trimmed(line)
                let value = trimmed.firstIndex(of: UInt8(ascii: " ")).map { IMConfigBase.trimmed(trimmed[$0...]) } ?? []
                values[key] = Setting(value: String(decoding: value, as: UTF8.self), line: n)
            }
        }
    }
}
