/// Replace the text of `span` with `newText` (an insertion when the span is empty).
public struct TextEdit: Hashable, Sendable {
    public var span: Span
    public var newText: String

    public init(span: Span, newText: String) {
        self.span = span
        self.newText = newText
    }
}

/// Whether `wfc lint --fix` may apply a fix on its own (as ruff classifies them).
public enum Applicability: String, Hashable, Sendable {
    /// Keeps the meaning the operator evidently intended: a key's spelling, YAML syntax.
    case safe
    /// Changes what is reachable or picks a value for the operator (a port, a node, a mode):
    /// applied only with `--unsafe-fixes`.
    case unsafe
}

/// A mechanical change that makes the diagnostic go away, as edits on the source.
public struct Fix: Hashable, Sendable {
    public var title: String
    public var edits: [TextEdit]
    public var applicability: Applicability

    public init(_ title: String, edits: [TextEdit], applicability: Applicability = .safe) {
        self.title = title
        self.edits = edits
        self.applicability = applicability
    }

    public static func replace(
        _ span: Span, with text: String, _ title: String,
        _ applicability: Applicability = .safe
    ) -> Fix {
        Fix(title, edits: [TextEdit(span: span, newText: text)], applicability: applicability)
    }
}
