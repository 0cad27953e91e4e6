import WFCLanguage
import WFCPlan

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

extension Host {
    /// Equal as addresses when both are literals, otherwise as case-insensitive names.
    func same(as other: Host) -> Bool {
        if let a = address, let b = other.address { return a == b }
        return text.lowercased() == other.text.lowercased()
    }
}
