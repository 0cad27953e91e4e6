/// `wfc build --im-base FILE`: the operator's complete `wildfirechat.conf`, as the vendor
/// ships it, into which each node's network keys are set in place. Every other byte stays
/// as it was. The IM server's parser (DOMAIN.md) reads one `key value` per line, split at
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
        for (n, line) in lines.enumerated() where !Self.isComment(line.text) && line.text.contains(UInt8(ascii: "#")) {
            let words = line.text.split(separator: UInt8(ascii: " "))
            guard words.count != 2, !keys.contains(Self.key(line.text) ?? "") else { continue }
            throw Problem(line: n + 1, message: "a `#` after the value: the IM server stops reading the file at this line; move the comment to a line of its own")
        }
        self.lines = lines
    }

    static func isComment(_ text: [UInt8]) -> Bool {
        text.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } == UInt8(ascii: "#")
    }

    /// The key of an active line: the text before its first space, past leading blanks.
    static func key(_ text: [UInt8]) -> String? {
        let body = text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard !body.isEmpty else { return nil }
        return String(decoding: body.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
    }

    /// The key a commented-out setting would set (`#websocket_proxy_port 8888`, `## key`):
    /// one or two words after the `#`s, so that prose ("# port is the TCP port") is left alone.
    static func commentedKey(_ text: [UInt8]) -> String? {
        guard isComment(text) else { return nil }
        let body = Array(text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "#") })
        guard body.split(separator: UInt8(ascii: " ")).count <= 2 else { return nil }
        return key(body)
    }

    /// The base with `entries` set: on each active line of the key; else on the first line
    /// that comments it out; else appended at the end, after a comment saying so.
    func merged(_ entries: [(key: String, value: String)], note: String) -> String {
        var out = lines.map { String(decoding: $0.text, as: UTF8.self) }
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
