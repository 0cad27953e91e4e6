import WFCCore

struct Explain: Command {
    static let spec = CommandSpec(
        name: "explain",
        abstract: "Explain a rule, with examples.",
        arguments: [.init(name: "code", help: "A rule code (WFC302) or name (duplicate-proxy-port).")])

    var code: String

    init(_ p: ParsedArguments) throws(UsageError) {
        guard let code = p.arguments.first else { throw UsageError(message: "missing the rule to explain, e.g. `wfc explain WFC302`") }
        self.code = code
    }

    func run() throws {
        guard let rule = Registry.rule(code: code) else {
            Output.standardError(
                "error: unknown rule `\(code)`\nknown codes: "
                    + Registry.rules.map { $0.code.rawValue }.joined(separator: ", ") + "\n")
            throw Exit(status: ExitStatus.couldNotRun)
        }
        Output.standardOutput(RuleText.explanation(rule))
    }
}

struct Rules: Command {
    static let spec = CommandSpec(
        name: "rules",
        abstract: "List every rule: code, severity, name and summary.",
        options: [.init(name: "--markdown", value: nil, help: "Print the full reference in Markdown (docs/rules.md).")])

    var markdown: Bool

    init(_ p: ParsedArguments) throws(UsageError) {
        markdown = p.flag("--markdown")
    }

    func run() throws {
        Output.standardOutput(markdown ? RuleText.markdown(Registry.rules) : RuleText.table(Registry.rules))
    }
}
