import WFCLanguage

/// Plain-text renderings of rule metadata, for `wfc rules` and `wfc explain`.
public enum RuleText {
    public static func table(_ rules: [Rule]) -> String {
        let nameWidth = rules.map { $0.name.count }.max() ?? 0
        return rules.map { rule in
            let severity = rule.severity.rawValue.padding(to: 8)
            return "\(rule.code)  \(severity)\(rule.name.padding(to: nameWidth + 2))\(rule.summary)"
                + rule.stage.note + "\n"
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

    /// docs/rules.md: every rule with its explanation and examples, from the registry.
    public static func markdown(_ rules: [Rule]) -> String {
        var md = [
            "# wfc rules", "",
            "Generated from the rule registry by `wfc rules --markdown`; do not edit by hand.",
            "Every failing example below is a test that must give exactly its code, every passing one a test that must give nothing.", "",
            "| code | name | severity | summary |", "|---|---|---|---|"
        ]
        for r in rules {
            md.append(
                "| [\(r.code)](#\(r.code.rawValue.lowercased())-\(r.name)) | `\(r.name)` | \(r.severity.rawValue) | \(r.summary.replacingOccurrences(of: "|", with: "\\|")) |"
            )
        }
        for r in rules {
            md += [
                "", "## \(r.code) \(r.name)", "", "Severity: **\(r.severity.rawValue)**. \(r.summary.prefix(1).uppercased() + r.summary.dropFirst()).", "",
                r.explanation
            ]
            let language = r.stage == .imConfig ? "properties" : r.stage == .importing ? "nginx" : "yaml"
            for e in r.failing { md += ["", "Fails:", "", "```\(language)", e.source, "```"] }
            for e in r.passing { md += ["", "Passes:", "", "```\(language)", e.source, "```"] }
        }
        return md.joined(separator: "\n") + "\n"
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "\n" : "    \($0)\n" }.joined()
    }
}
