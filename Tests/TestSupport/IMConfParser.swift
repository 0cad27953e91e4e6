/// The IM server's config parser as DOMAIN.md describes it, written independently of wfc's
/// merge so that it can judge its output: lines end at LF, CR or CRLF; a line whose first
/// non-blank character is `#` is a comment; a `#` anywhere else demands exactly two
/// space-separated words, and otherwise the server keeps the keys read so far and stops;
/// key and value split at the first ASCII space; later duplicates win.
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
        for (n, line) in lines.enumerated() {
            let body = line.drop { $0 == " " || $0 == "\t" }
            if body.isEmpty || body.hasPrefix("#") { continue }
            if line.contains("#"), line.split(separator: " ").count != 2 {
                stoppedAt = n + 1
                return
            }
            let key = body.prefix { $0 != " " }
            let value = body.dropFirst(key.count).dropFirst()
            values[String(key)] = String(value)
        }
    }
}
