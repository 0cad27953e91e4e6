/// The IM server's config parser (moquette's ConfigurationParser.parse, which wildfirechat's
/// im-server uses), written independently of wfc's merge so that it can judge its output:
/// lines end at LF, CR or CRLF (`readLine`); each line is `trim()`med as Java does, dropping
/// every character up to U+0020 at both ends; a line starting with `#` is a comment; a `#`
/// anywhere else demands that `split(" ")` give exactly two fields, and otherwise the server
/// keeps the keys read so far and stops; key and value split at the first space, each
/// trimmed again; later duplicates win.
public struct IMConfParser {
    public var values: [String: String] = [:]
    /// The 1-based line the server stopped at, if it did.
    public var stoppedAt: Int?

    public init(_ text: String) {
        var lines: [Substring] = []
        var rest = Substring(text)
        while let i = rest.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            lines.append(rest[..<i])
            rest = rest[rest.index(after: i)...]
        }
        if !rest.isEmpty { lines.append(rest) }
        /// Java's String.trim(): every scalar up to U+0020, at both ends.
        func trim(_ s: Substring) -> Substring {
            let scalars = s.unicodeScalars
            guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
                let last = scalars.lastIndex(where: { $0.value > 0x20 })
            else { return "" }
            return Substring(scalars[first...last])
        }
        for (n, raw) in lines.enumerated() {
            let line = trim(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            // Java's split(" ") keeps empty fields between spaces and drops trailing ones.
            var fields = line.split(separator: " ", omittingEmptySubsequences: false)
            while fields.last?.isEmpty == true { fields.removeLast() }
            if line.contains("#"), fields.count != 2 {
                stoppedAt = n + 1
                return
            }
            if let space = line.firstIndex(of: " ") {
                values[String(trim(line[..<space]))] = String(trim(line[line.index(after: space)...]))
            } else {
                values[String(line)] = ""
            }
        }
    }
}
