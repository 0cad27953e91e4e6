/// Plain-text renderings of rule metadata, for `wfc rules` and `wfc explain`.
public enum RuleText {
    public static func table(_ rules: [Rule]) -> String {
        let nameWidth = rules.map(\.name.count).max() ?? 0
        return rules.map { rule in
            let severity = rule.severity.rawValue.padding(to: 8)
            return "\(rule.code)  \(severity)\(rule.name.padding(to: nameWidth + 2))\(rule.summary)\n"
        }.joined()
    }

    public static func explanation(_ rule: Rule) -> String {
        var out = "\(rule.code) \(rule.name) (\(rule.severity.rawValue)): \(rule.summary)\n\n"
        out += rule.explanation + "\n"
        for example in rule.failing {
            out += "\nFails:\n\n" + indent(example.source)
        }
        for example in rule.passing {
            out += "\nPasses:\n\n" + indent(example.source)
        }
        return out
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "\n" : "    \($0)\n" }.joined()
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
