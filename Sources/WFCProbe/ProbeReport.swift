import WFCCore

/// `wfc probe`'s output: a line a check, or JSON.
public enum ProbeReport {
    static func label(_ v: Outcome.Verdict) -> String {
        switch v {
        case .pass: return "pass"
        case .fail: return "FAIL"
        case .inconclusive: return "????"
        case .skipped: return "skip"
        }
    }

    static func count(_ outcomes: [Outcome], _ v: Outcome.Verdict) -> Int { outcomes.count { $0.verdict == v } }

    /// Every check counts as passed only when none failed or stayed inconclusive.
    public static func succeeded(_ outcomes: [Outcome]) -> Bool {
        !outcomes.contains { $0.verdict == .fail || $0.verdict == .inconclusive }
    }

    public static func human(_ checks: [ProbeCheck], _ outcomes: [Outcome]) -> String {
        let width = checks.map { $0.title.count }.max() ?? 0
        let addressWidth = outcomes.map { $0.address.count }.max() ?? 0
        var out = ""
        for (check, o) in zip(checks, outcomes) {
            // The detail quotes what a server sent (a status line, a body): escaped.
            out +=
                label(o.verdict) + "  " + check.title.padding(to: width + 2) + o.address.padding(to: addressWidth + 2)
                + o.detail.escapingControls + " (\(o.milliseconds) ms)\n"
        }
        out += "\(checks.count) checks: \(count(outcomes, .pass)) pass, \(count(outcomes, .fail)) fail"
        if count(outcomes, .inconclusive) > 0 { out += ", \(count(outcomes, .inconclusive)) inconclusive" }
        if count(outcomes, .skipped) > 0 { out += ", \(count(outcomes, .skipped)) skipped" }
        return out + "\n"
    }

    public static func json(_ checks: [ProbeCheck], _ outcomes: [Outcome]) -> String {
        JSON.object([
            (
                "checks",
                .array(
                    zip(checks, outcomes).map { check, o in
                        .object([
                            ("check", .string(check.kind.rawValue)),
                            ("title", .string(check.title)),
                            ("endpoint", .string(check.kind == .dns ? check.endpoint.host.text : check.endpoint.authority)),
                            ("node", check.endpoint.node.map(JSON.string) ?? .null),
                            ("address", .string(o.address)),
                            ("result", .string(o.verdict.rawValue)),
                            ("detail", .string(o.detail)),
                            ("milliseconds", .int(o.milliseconds))
                        ])
                    })
            ),
            (
                "summary",
                .object([
                    ("checks", .int(checks.count)), ("pass", .int(count(outcomes, .pass))),
                    ("fail", .int(count(outcomes, .fail))), ("inconclusive", .int(count(outcomes, .inconclusive))),
                    ("skipped", .int(count(outcomes, .skipped)))
                ])
            )
        ]).rendered()
    }
}
