/// Whether text is one JSON object (RFC 8259): enough to tell `/api/version`'s JSON from an
/// error page. The grammar is the parser's (`JSON.parse`), so there is one of it.
public enum JSONSyntax {
    public static func isObject(_ text: String) -> Bool {
        guard case .object? = try? JSON.parse(Array(text.utf8)) else { return false }
        return true
    }
}
