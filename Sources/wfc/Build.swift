import WFCCore

struct Build: Command {
    static let spec = CommandSpec(
        name: "build",
        abstract: "Check a topology, then write every host's configuration into one folder.",
        discussion: """
            Writes nodes/<name>/wildfirechat.conf and firewall rules, the gateway's nginx.conf
            (with conf.d/ and stream.d/), haproxy.cfg or listeners.json, monitoring/,
            CHECKLIST.md and plan.json. Nothing is written when the
            topology has errors or a secret cannot be read; otherwise the output folder is
            replaced whole, atomically. Exit status: 0 written, 1 the topology has errors,
            2 the command could not run (unreadable input, missing secret, unwritable output).
            """,
        arguments: [.init(name: "file", help: "The topology file; `-` reads standard input.", defaultText: "topology.yaml")],
        options: [
            .init(name: "--out", value: "dir", help: "The output folder, replaced whole on success.", required: true),
            .init(name: "--force", value: nil, help: "Replace --out even if wfc did not create it."),
            .init(
                name: "--im-base", value: "file",
                help: "The IM server's complete wildfirechat.conf: each node gets it whole, with its network keys set in place."),
            .init(
                name: "--format", value: "format", help: "Diagnostics format: human, json, sarif or github.",
                choices: OutputFormat.allCases.map { $0.rawValue }, defaultText: "human"),
            .init(name: "--stdin-filename", value: "name", help: "The name to report for standard input.", defaultText: "topology.yaml")
        ])

    var file: String
    var out: String
    var force: Bool
    var imBase: String?
    var format: OutputFormat
    var stdinFilename: String

    init(_ p: ParsedArguments) throws(UsageError) {
        file = p.arguments.first ?? "topology.yaml"
        guard let out = p.value("--out") else { throw UsageError(message: "missing --out <dir>: the folder to write") }
        self.out = out
        force = p.flag("--force")
        imBase = p.value("--im-base")
        format = p.value("--format", default: .human)
        stdinFilename = p.value("--stdin-filename") ?? "topology.yaml"
    }

    func run() throws {
        guard let bytes = Input.read(file) else { throw Exit(status: ExitStatus.couldNotRun) }
        let name = file == "-" ? stdinFilename : file
        let result = Linter.lint(SourceFile(path: name, bytes: bytes))
        let context = ReportContext(
            workingDirectory: Output.workingDirectory,
            color: format == .human && Output.useColor(fd: 2))
        // The operator's IM config is read as the server reads it (WFC703, WFC704), and its
        // findings are reported with the topology's, in one report.
        var baseBytes: [UInt8]?
        var reports = [result]
        if let imBase {
            do {
                let bytes = try FileSystem.readRegularFile(imBase, limit: IMConfigBase.sizeLimit, what: "an IM config")
                baseBytes = bytes
                let (source, findings) = IMConfigBase.findings(SourceFile(path: imBase, bytes: bytes), replacing: result.plan?.imOwnedKeys ?? [])
                if !findings.isEmpty { reports.append(LintResult(source: source, diagnostics: findings)) }
            } catch {
                Output.standardError("error: cannot read the IM config base \(imBase): \(error)\nnothing was written\n")
                throw Exit(status: ExitStatus.couldNotRun)
            }
        }
        reports = reports.filter { !$0.diagnostics.isEmpty }
        if !reports.isEmpty {
            // Human diagnostics go to stderr beside the progress line; machine formats to stdout.
            let report = format.render(reports, context: context)
            if format == .human { Output.standardError(report) } else { Output.standardOutput(report) }
        }
        guard reports.allSatisfy({ $0.errorCount == 0 }), let plan = result.plan else {
            throw Exit(status: ExitStatus.problems)
        }
        let (secrets, problems) = SecretResolver.resolve(plan, topologyDirectory: FileSystem.directory(of: file == "-" ? "." : file))
        if !problems.isEmpty {
            // In the format asked for, as any other diagnostic (WFC406).
            var unreadable = result
            unreadable.diagnostics = problems
            let report = format.render([unreadable], context: context)
            if format == .human { Output.standardError(report + "nothing was written\n") } else { Output.standardOutput(report) }
            throw Exit(status: ExitStatus.couldNotRun)
        }
        var base: IMConfigBase?
        if let imBase, let baseBytes {
            do throws(IMConfigBase.Problem) {
                base = try IMConfigBase(baseBytes, replacing: plan.imOwnedKeys)
            } catch {
                Output.standardError("error: the IM config base \(imBase):\(error.line) cannot be merged: \(error.message)\nnothing was written\n")
                throw Exit(status: ExitStatus.couldNotRun)
            }
        }
        let provenance = Provenance(
            input: name,
            fromOutput: file == "-" ? nil : FileSystem.relativePath(to: file, from: out, workingDirectory: Output.workingDirectory))
        let artifacts = Emitter.artifacts(plan, provenance: provenance, secrets: secrets, imBase: base)
        do {
            try OutputWriter.write(artifacts, to: out, force: force, input: file == "-" ? nil : file)
        } catch {
            Output.standardError("error: \(error)\nnothing was written\n")
            throw Exit(status: ExitStatus.couldNotRun)
        }
        // A base line from another layout (a `remote_server_url` for HTTPS pages, a proxy port)
        // would contradict the topology: the merge commented it out; say which, never its value.
        for (line, key) in base?.stale(owned: plan.imOwnedKeys, setting: plan.imConfigKeys) ?? [] {
            Output.standardError(
                "note: the IM config base's line \(line) sets `\(key)`, which this topology does not: commented out in every node's config\n")
        }
        if format == .human {
            let hosts = plan.hosts.count
            Output.standardError("wrote \(artifacts.count) files for \(hosts) host\(hosts == 1 ? "" : "s") to \(out)\n")
        }
    }
}
