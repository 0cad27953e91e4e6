/// A check's stable identity and documentation. Its examples are tests: every failing
/// example must give exactly this code, every passing one nothing at all.
public struct Rule: Hashable, Sendable {
    public struct Example: Hashable, Sendable {
        public var source: String
        public init(_ source: String) { self.source = source }
    }

    public var code: String
    public var name: String
    public var severity: Severity
    public var summary: String
    /// Markdown: why it matters for a WildfireChat deployment and what to do.
    public var explanation: String
    public var failing: [Example]
    public var passing: [Example]

    public init(code: String, name: String, severity: Severity, summary: String, explanation: String,
                failing: [String], passing: [String]) {
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.failing = failing.map(Example.init)
        self.passing = passing.map(Example.init)
    }
}
