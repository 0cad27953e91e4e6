/// A span in the same file with a short label, drawn under the excerpt (`-` underlines).
public struct Label: Hashable, Sendable {
    public var span: Span
    public var message: String

    public init(_ span: Span, _ message: String) {
        self.span = span
        self.message = message
    }
}

extension Diagnostic {
    /// Whether the rule found it (codes are the stable identity; compared here only).
    public func comes(from rule: Rule) -> Bool { code == rule.code }
}

/// One problem found in one file. Problems are values: stages gather them and never throw
/// them at each other.
public struct Diagnostic: Hashable, Sendable {
    public var code: RuleID
    public var name: String
    public var severity: Severity
    public var tags: Set<Rule.Tag>
    public var message: String
    public var span: Span
    /// What the primary span is, printed beside the carets.
    public var label: String?
    /// Other places that take part, in order of relevance (the first definition, the other user).
    public var related: [Label]
    public var notes: [String]
    public var helps: [String]
    public var fixes: [Fix]

    public init(
        rule: Rule, message: String, span: Span, label: String? = nil,
        related: [Label] = [], notes: [String] = [], helps: [String] = [], fixes: [Fix] = []
    ) {
        code = rule.code
        name = rule.name
        severity = rule.severity
        tags = rule.tags
        self.message = message
        self.span = span
        self.label = label
        self.related = related
        self.notes = notes
        self.helps = helps
        self.fixes = fixes
    }
}

extension Diagnostic: Comparable {
    /// Source order, then code: the order every reporter prints in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.span.start.offset, lhs.span.end.offset, lhs.code, lhs.message)
            < (rhs.span.start.offset, rhs.span.end.offset, rhs.code, rhs.message)
    }
}
