import ArgumentParser
import WFCCore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a topology, then write every host's configuration into one folder.",
        discussion: """
            Writes nodes/<name>/wildfirechat.conf and firewall rules, gateway/nginx.conf with \
            conf.d/ and stream.d/, CHECKLIST.md and plan.json. Nothing is written when the \
            topology has errors or a secret cannot be read; otherwise the output folder is \
            replaced whole, atomically. Exit status: 0 written, 1 the topology has errors, \
            2 the command could not run (unreadable input, missing secret, unwritable output).
            """
    )

    @Argument(help: "The topology file; `-` reads standard input.")
    var file: String = "topology.yaml"

    @Option(help: "The output folder, replaced whole on success.")
    var out: String

    @Flag(help: "Replace --out even if wfc did not create it.")
    var force = false

    @Option(help: "Diagnostics format: human, json, sarif or github.")
    var format: OutputFormat = .human

    @Option(help: "The name to report for standard input.")
    var stdinFilename: String = "topology.yaml"

    func run() throws {
        guard let bytes = FileSystem.readInput(file) else { throw ExitCode(ExitStatus.couldNotRun) }
        let name = file == "-" ? stdinFilename : file
        let result = Linter.lint(SourceFile(path: name, bytes: bytes))
        let context = ReportContext(workingDirectory: Output.workingDirectory,
                                    color: format == .human && Output.useColor(fd: 2))
        if !result.diagnostics.isEmpty {
            // Human diagnostics go to stderr beside the progress line; machine formats to stdout.
            let report = format.render([result], context: context)
            if format == .human { Output.standardError(report) } else { Output.standardOutput(report) }
        }
        guard result.errorCount == 0, let plan = result.topology.flatMap(Plan.init) else {
            throw ExitCode(ExitStatus.problems)
        }
        let (secrets, problems) = SecretResolver.resolve(plan, topologyDirectory: FileSystem.directory(of: file == "-" ? "." : file))
        for p in problems {
            Output.standardError("error: cannot read the secret `\(p.key)` (\(name):\(p.span.start.line + 1):\(p.span.start.column + 1)): \(p.message)\n")
        }
        if !problems.isEmpty {
            Output.standardError("nothing was written\n")
            throw ExitCode(ExitStatus.couldNotRun)
        }
        let artifacts = Emitter.artifacts(plan, provenance: Provenance(input: name, source: result.source), secrets: secrets)
        do {
            try OutputWriter.write(artifacts, to: out, force: force)
        } catch {
            Output.standardError("error: \(error)\nnothing was written\n")
            throw ExitCode(ExitStatus.couldNotRun)
        }
        if format == .human {
            let hosts = plan.hosts.count
            Output.standardError("wrote \(artifacts.count) files for \(hosts) host\(hosts == 1 ? "" : "s") to \(out)\n")
        }
    }
}
