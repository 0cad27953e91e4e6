import CSupport
import WFCCore

/// A subcommand: its command line (declared once in `spec`), read into a value, then run.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments) throws(UsageError)
    /// Returns normally for exit status 0; throws `Exit` for any other.
    func run() throws
}

@main
enum WFC {
    static let abstract = "Compile and lint topology.yaml for WildfireChat (野火IM) professional-edition IM clusters."
    static let commands: [any Command.Type] = [
        Lint.self, Build.self, Probe.self, Import.self, Init.self, Explain.self, Rules.self, Schema.self, LSP.self,
        Completion.self, Manpage.self
    ]

    static var help: String {
        var out = "OVERVIEW: \(abstract)\n\nUSAGE: wfc <subcommand>\n\nOPTIONS:\n"
        out += "  --version".padding(to: 26) + "Show the version.\n"
        out += "  -h, --help".padding(to: 26) + "Show help information.\n\nSUBCOMMANDS:\n"
        for c in commands { out += "  \(c.spec.name)".padding(to: 26) + c.spec.abstract + "\n" }
        return out + "\n  See 'wfc help <subcommand>' for detailed help.\n"
    }

    /// Exit status 2 for every way the command line can be wrong, as for an unreadable
    /// file: 1 is reserved for "the topology has errors".
    static func main() {
        let words = Array(CommandLine.arguments.dropFirst())
        guard let first = words.first else {
            Output.standardError(help)
            Output.exit(ExitStatus.couldNotRun)
        }
        switch first {
        case "--version":
            Output.standardOutput("wfc \(WFCVersion.string) (commit \(WFCVersion.commit))\n")
            Output.exit(ExitStatus.clean)
        case "-h", "--help":
            Output.standardOutput(help)
            Output.exit(ExitStatus.clean)
        case "help":
            guard words.count > 1 else {
                Output.standardOutput(help)
                Output.exit(ExitStatus.clean)
            }
            guard let command = commands.first(where: { $0.spec.name == words[1] }) else { unknown(words[1]) }
            Output.standardOutput(command.spec.help)
            Output.exit(ExitStatus.clean)
        default:
            guard let command = commands.first(where: { $0.spec.name == first }) else { unknown(first) }
            run(command, Array(words.dropFirst()))
        }
    }

    static func run(_ command: any Command.Type, _ words: [String]) -> Never {
        let spec = command.spec
        // A 10,000-node lint takes a fifth fewer page faults; `wfc lsp` runs for hours and keeps
        // glibc's defaults.
        if command != LSP.self { wfc_keep_freed_pages() }
        if words.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            Output.standardOutput(spec.help)
            Output.exit(ExitStatus.clean)
        }
        do {
            try command.init(spec.parse(words)).run()
            Output.exit(ExitStatus.clean)
        } catch let error as UsageError {
            Output.standardError("error: \(error.message)\nusage: \(spec.usage)\n  See 'wfc \(spec.name) --help' for more information.\n")
            Output.exit(ExitStatus.couldNotRun)
        } catch let exit as Exit {
            Output.exit(exit.status)
        } catch {
            Output.standardError("error: \(error)\n")
            Output.exit(ExitStatus.couldNotRun)
        }
    }

    static func unknown(_ word: String) -> Never {
        // `lnit` is as close to `lint` as to `init`: both are named, neither is picked.
        let guesses = closest(to: word, among: commands.map { $0.spec.name })
        if !guesses.isEmpty {
            Output.standardError(
                "error: unknown subcommand `\(word)`; did you mean " + guesses.map { "`\($0)`" }.joined(separator: " or ") + "?\n  See 'wfc --help'.\n")
            Output.exit(ExitStatus.couldNotRun)
        }
        Output.standardError(
            "error: unknown subcommand `\(word)`; the subcommands are "
                + commands.map { $0.spec.name }.joined(separator: ", ") + "\n  See 'wfc --help'.\n")
        Output.exit(ExitStatus.couldNotRun)
    }
}
