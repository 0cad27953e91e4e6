import WFCCore

enum OutputFormat: String, CaseIterable {
    case human, json, sarif, github

    /// The report of these results in this format.
    func render(_ results: [LintResult], context: ReportContext) -> String {
        switch self {
        case .human: return HumanReport.render(results, context: context)
        case .json: return JSONReport.render(results, context: context)
        case .sarif: return SARIFReport.render(results, context: context)
        case .github: return GitHubReport.render(results, context: context)
        }
    }
}

struct Lint: Command {
    static let spec = CommandSpec(
        name: "lint",
        abstract: "Check topology files and report every problem.",
        discussion: """
            Exit status: 0 when no file has errors, 1 when one has (or has warnings with
            --strict), 2 when the command could not run (bad arguments, unreadable file).
            """,
        arguments: [.init(name: "files", help: "Topology files to check; `-` reads standard input.", repeating: true, defaultText: "topology.yaml")],
        options: [
            .init(
                name: "--format", value: "format", help: "Output format: human, json (LSP-shaped), sarif (SARIF 2.1.0) or github (workflow commands).",
                choices: OutputFormat.allCases.map { $0.rawValue }, defaultText: "human"),
            .init(name: "--strict", value: nil, help: "Fail (exit 1) on warnings too."),
            .init(name: "--stdin-filename", value: "name", help: "The name to report for standard input.", defaultText: "<stdin>"),
            .init(name: "--fix", value: nil, help: "Apply the safe fixes in place (only the edited bytes change), then report what is left."),
            .init(name: "--unsafe-fixes", value: nil, help: "With --fix, also apply the fixes that change what is reachable or pick a value (a port, a node).")
        ])

    var files: [String]
    var format: OutputFormat
    var strict: Bool
    var stdinFilename: String
    var fix: Bool
    var unsafeFixes: Bool

    init(_ p: ParsedArguments) throws(UsageError) {
        files = p.arguments.isEmpty ? ["topology.yaml"] : p.arguments
        format = p.value("--format", default: .human)
        strict = p.flag("--strict")
        stdinFilename = p.value("--stdin-filename") ?? "<stdin>"
        fix = p.flag("--fix")
        unsafeFixes = p.flag("--unsafe-fixes")
        if unsafeFixes, !fix { throw UsageError(message: "--unsafe-fixes goes with --fix") }
        if files.filter({ $0 == "-" }).count > 1 {
            throw UsageError(message: "standard input (`-`) can be read once")
        }
        if fix, files.contains("-") {
            throw UsageError(message: "--fix edits files in place; it cannot fix standard input")
        }
    }

    func run() throws {
        var results: [LintResult] = []
        var unreadable = false
        for path in files {
            guard let bytes = Input.read(path) else {
                unreadable = true
                continue
            }
            let source = SourceFile(path: path == "-" ? stdinFilename : path, bytes: bytes)
            if fix, let fixed = fixInPlace(source) {
                results.append(fixed)
            } else if fix {
                unreadable = true
            } else {
                results.append(Linter.lint(source))
            }
        }
        let context = ReportContext(
            workingDirectory: Output.workingDirectory,
            color: format == .human && Output.useColor(fd: 1))
        Output.standardOutput(format.render(results, context: context))
        let summary = Summary(results)
        Output.keepUntilExit(results)
        if unreadable { throw Exit(status: ExitStatus.couldNotRun) }
        if summary.errors > 0 || (strict && summary.warnings > 0) { throw Exit(status: ExitStatus.problems) }
    }

    /// Applies the fixes and writes the file back; reports what changed on stderr. Nil when
    /// the file could not be written.
    private func fixInPlace(_ source: SourceFile) -> LintResult? {
        let outcome = Fixer.fixAll(source, unsafe: unsafeFixes)
        for d in outcome.skipped {
            Output.standardError(
                "\(source.path):\(d.span.start.line + 1): not applied: \(d.fixes.first?.title.escapingControls ?? "") (\(d.code)): the edit would leave the file unreadable\n"
            )
        }
        let result = outcome.result
        if outcome.fixed > 0, result.source.bytes != source.bytes {
            do {
                try FileSystem.replace(source.path, with: result.source.bytes, expecting: source.bytes)
            } catch {
                Output.standardError("error: not fixed: \(error)\n")
                return nil
            }
            let left = result.diagnostics.count
            // One line per edit, as a reviewer reads a diff: where, what was there, what is now.
            for c in outcome.changes {
                func shown(_ t: String) -> String {
                    t.isEmpty
                        ? "nothing"
                        : "`" + t.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControls }.joined(separator: "\\n") + "`"
                }
                Output.standardError("\(source.path):\(c.line): \(shown(c.old)) → \(shown(c.new)) (\(c.code))\n")
            }
            Output.standardError("\(source.path): fixed \(outcome.fixed) problem\(outcome.fixed == 1 ? "" : "s"), \(left) left\n")
        }
        if outcome.unsafeLeft > 0 {
            let n = outcome.unsafeLeft
            Output.standardError(
                "\(source.path): \(n) more fix\(n == 1 ? "" : "es") with --unsafe-fixes (\(n == 1 ? "it changes" : "they change") what is reachable or pick a value: review the diagnostics first)\n"
            )
        }
        return result
    }
}
