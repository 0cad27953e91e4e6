/// What a check reads: the file (for fixes that edit it), the typed topology and the
/// resolved plan.
public struct CheckContext: Sendable {
    public var source: SourceFile
    public var topology: Topology
    public var plan: Plan
}

/// A rule together with the function that finds its problems.
public struct Check: Sendable {
    public var rule: Rule
    public var run: @Sendable (CheckContext) -> [Diagnostic]

    public init(_ rule: Rule, _ run: @escaping @Sendable (CheckContext) -> [Diagnostic]) {
        self.rule = rule
        self.run = run
    }
}

extension Rule {
    func diagnostic(
        _ message: String, at span: Span, label: String? = nil, related: [Label] = [],
        notes: [String] = [], helps: [String] = [], fixes: [Fix] = []
    ) -> Diagnostic {
        Diagnostic(
            rule: self, message: message, span: span, label: label, related: related,
            notes: notes, helps: helps, fixes: fixes)
    }
}

extension Host {
    /// Equal as addresses when both are literals, otherwise as case-insensitive names.
    func same(as other: Host) -> Bool {
        if let a = address, let b = other.address { return a == b }
        return text.lowercased() == other.text.lowercased()
    }
}

/// `a`, `a and b`, `a, b and c` (or with another conjunction: `a, b or c`).
func list(_ items: [String], conjunction: String = "and") -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }
}

func backticked(_ text: String) -> String { "`\(text)`" }
