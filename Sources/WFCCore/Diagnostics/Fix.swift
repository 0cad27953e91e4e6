/// Replace the text of `span` with `newText` (an insertion when the span is empty).
public struct TextEdit: Hashable, Sendable {
    public var span: Span
    public var newText: String

    public init(span: Span, newText: String) {
        self.span = span
        self.newText = newText
    }
}

/// A mechanical change that makes the diagnostic go away, as edits on the source.
public struct Fix: Hashable, Sendable {
    public var title: String
    public var edits: [TextEdit]

    public init(_ title: String, edits: [TextEdit]) {
        self.title = title
        self.edits = edits
    }

    public static func replace(_ span: Span, with text: String, _ title: String) -> Fix {
        Fix(title, edits: [TextEdit(span: span, newText: text)])
    }
}
