import WFCLanguage
import WFCPlan

/// What a check reads: the file (for fixes that edit it), the typed topology and the
/// resolved plan.
public struct CheckContext: Sendable {
    public var source: SourceFile
    public var topology: Topology
    public var plan: Plan
    /// The most diagnostics of one rule the lint keeps (`OutputBound.perRule`); nil when it
    /// keeps them all (`Linter.lint(bounded: false)`, as `--fix` runs it).
    var bound: Int? = nil
    /// What checks counted without building, by rule (see `inSourceOrder`).
    let uncounted = Tally()

    /// Problems counted, not built. One lint's, filled while its checks run one after another.
    final class Tally: @unchecked Sendable {
        var counts: [RuleID: Int] = [:]
    }

    /// The diagnostics of a check that finds at most one problem per item, the items in source
    /// order. Under a bound only the first `bound + 1` problems are built, the rest counted:
    /// `OutputBound` shows the first `bound` of a rule and starts its summary at the next, and a
    /// problem after this check's own first `bound + 1` can be neither. A 10,000-node file
    /// built 9,936 diagnostics for one rule to print 51. Not for a rule another rule's finding
    /// can hide (`Registry.consequences`), whose shown ones are known only after that.
    func inSourceOrder<Item>(
        _ rule: Rule, _ items: some Sequence<Item>, where isProblem: (Item) -> Bool, _ diagnose: (Item) -> Diagnostic
    ) -> [Diagnostic] {
        let hideable = Registry.consequences.contains { $0.hides.contains { $0.code == rule.code } }
        let built = hideable ? nil : bound.map { $0 + 1 }
        var out: [Diagnostic] = []
        var counted = 0
        for item in items where isProblem(item) {
            if let built, out.count == built {
                counted += 1
            } else {
                out.append(diagnose(item))
            }
        }
        if counted > 0 { uncounted.counts[rule.code, default: 0] += counted }
        return out
    }
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
    func same(as other: Host) -> Bool { identity == other.identity }
}
