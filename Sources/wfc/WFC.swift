import ArgumentParser
import WFCCore

@main
struct WFC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wfc",
        abstract: "Compile and lint topology.yaml for WildfireChat (野火IM) professional-edition IM clusters.",
        version: "wfc \(WFCVersion.string)",
        subcommands: [Lint.self, Build.self, Probe.self, Init.self, Explain.self, Rules.self, Schema.self]
    )

    /// Exit status 2 for every way the command line can be wrong, as for an unreadable
    /// file: 1 is reserved for "the topology has errors".
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Output.standardError(fullMessage(for: error) + "\n")
                Output.exit(ExitStatus.couldNotRun)
            }
            exit(withError: error)
        }
    }
}
