import ArgumentParser
import WFCCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check topology files and report every problem.",
        discussion: """
            Exit status: 0 when no file has errors, 1 when one has (or has warnings with \
            --strict), 2 when the command could not run (bad arguments, unreadable file).
            """
    )

    @Argument(help: "Topology files to check; `-` reads standard input.")
    var files: [String] = ["topology.yaml"]

    @Option(help: "Output format: human or json.")
    var format: OutputFormat = .human

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Option(help: "The name to report for standard input.")
    var stdinFilename: String = "<stdin>"

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (`-`) can be read once")
        }
    }

    func run() throws {
        var results: [LintResult] = []
        var unreadable = false
        for path in files {
            do {
                let bytes = try FileSystem.read(path, limit: Limits.standard.maxBytes)
                let source = SourceFile(path: path == "-" ? stdinFilename : path, bytes: bytes)
                results.append(Linter.lint(source))
            } catch {
                Output.standardError("error: cannot read \(error)\n")
                unreadable = true
            }
        }
        let context = ReportContext(workingDirectory: Output.workingDirectory,
                                    color: format == .human && Output.useColor(fd: 1))
        switch format {
        case .human: Output.standardOutput(HumanReport.render(results, context: context))
        case .json: Output.standardOutput(JSONReport.render(results, context: context))
        }
        let summary = Summary(results)
        if unreadable { throw ExitCode(ExitStatus.couldNotRun) }
        if summary.errors > 0 || (strict && summary.warnings > 0) { throw ExitCode(ExitStatus.problems) }
    }
}
