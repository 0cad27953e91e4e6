/// No input makes wfc print more than a few hundred diagnostics: past `perRule` of one
/// rule in one file, the rest become one summary diagnostic of that rule, in every format.
public enum OutputBound {
    public static let perRule = 50

    /// `diagnostics` in source order, at most `perRule` of each code plus one summary each.
    /// `uncounted`: problems a stage counted without keeping (after the first it cut), by code.
    public static func apply(_ diagnostics: [Diagnostic], perRule: Int = perRule, uncounted: [RuleID: Int] = [:]) -> [Diagnostic] {
        var shown: [RuleID: Int] = [:]
        var cut: [RuleID: (first: Diagnostic, count: Int)] = [:]
        var out: [Diagnostic] = []
        for d in diagnostics {
            let n = shown[d.code, default: 0]
            if n < perRule {
                shown[d.code] = n + 1
                out.append(d)
            } else {
                cut[d.code, default: (d, 0)].count += 1
            }
        }
        for (code, (first, cutCount)) in cut.sorted(by: { $0.key < $1.key }) {
            let count = cutCount + uncounted[code, default: 0]
            var summary = first
            summary.message = "… and \(count) more `\(first.name)` problem\(count == 1 ? "" : "s") (\(code)) from here on, not shown one by one"
            summary.label = "the first of them"
            summary.related = []
            summary.notes = ["wfc shows at most \(perRule) diagnostics of one rule in one file"]
            summary.helps = ["fix the ones shown, then run again"]
            summary.fixes = []
            out.append(summary)
        }
        return out.sorted()
    }
}
