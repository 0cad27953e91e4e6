import ArgumentParser
import WFCCore

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain a rule, with examples.")

    @Argument(help: "A rule code (WFC302) or name (duplicate-proxy-port).")
    var code: String

    func run() throws {
        guard let rule = Registry.rule(code: code) else {
            Output.standardError("error: unknown rule `\(code)`\nknown codes: "
                + Registry.rules.map(\.code).joined(separator: ", ") + "\n")
            throw ExitCode(ExitStatus.couldNotRun)
        }
        Output.standardOutput(RuleText.explanation(rule))
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every rule: code, severity, name and summary.")

    @Flag(help: "Print the full reference in Markdown (docs/rules.md).")
    var markdown = false

    func run() throws {
        Output.standardOutput(markdown ? RuleText.markdown(Registry.rules) : RuleText.table(Registry.rules))
    }
}
