import WFCLanguage
import WFCPlan

/// The outcome of checking one file.
public struct LintResult: Sendable {
    /// The file, with the spans of plain-text secrets marked for masking.
    public var source: SourceFile
    public var diagnostics: [Diagnostic]
    /// The typed topology, when the file parsed as one YAML mapping.
    public var topology: Topology?
    /// The resolved plan the checks ran on: present when the file decoded cleanly. Build
    /// and probe use this one rather than resolving the topology again.
    public var plan: Plan?

    /// Findings in a file that is not a topology (the IM config base): no topology, no plan.
    public init(source: SourceFile, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
    }

    init(source: SourceFile, diagnostics: [Diagnostic], topology: Topology?, plan: Plan?) {
        self.source = source
        self.diagnostics = diagnostics
        self.topology = topology
        self.plan = plan
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}

/// The front of the pipeline: Source → YAML tree → Topology, then the checks.
public enum Linter {
    /// `bounded`: at most `OutputBound.perRule` diagnostics of a rule, then a summary; only
    /// `--fix` asks for every one (each may carry a fix).
    public static func lint(_ source: SourceFile, limits: Limits = .standard, bounded: Bool = true) -> LintResult {
        var source = source
        source.redactions = SecretMask.spans(source)
        var (topology, diagnostics, uncounted) = decode(&source, limits: limits, bound: bounded ? OutputBound.perRule : nil)
        // The checks read only values that decoded cleanly: a rejected value is reported
        // once, by the decoder, and feeds nothing after it. `wfc import`'s placeholders are
        // values not yet written, not wrong ones: the checks run on the rest, so that an
        // imported deployment's mistakes show before its blanks are filled in.
        var plan: Plan?
        if diagnostics.allSatisfy({ $0.code == Rule.importPlaceholder.code }), let topology, let resolved = Plan(topology) {
            let context = CheckContext(source: source, topology: topology, plan: resolved, bound: bounded ? OutputBound.perRule : nil)
            for check in Registry.checks {
                diagnostics += check.run(context)
            }
            uncounted.merge(context.uncounted.counts, uniquingKeysWith: +)
            diagnostics = Registry.withoutConsequences(diagnostics, in: topology)
            plan = resolved
        }
        diagnostics.sort()
        if bounded { diagnostics = OutputBound.apply(diagnostics, uncounted: uncounted) }
        return LintResult(source: source, diagnostics: diagnostics, topology: topology, plan: plan)
    }

    /// Source → YAML tree → Topology. The tree and the untyped values die with this call,
    /// before the plan is built, so a large file is not held three times over.
    private static func decode(_ source: inout SourceFile, limits: Limits, bound: Int?) -> (Topology?, [Diagnostic], [RuleID: Int]) {
        let document = Composer.compose(source.bytes, limits: limits)
        if let problem = document.problem {
            return (nil, [diagnostic(for: problem, in: source)], [:])
        }
        guard let root = document.root, !root.isNull else {
            let at = Span(at: document.root?.span.start ?? source.endMark)
            return (
                nil,
                [
                    Diagnostic(
                        rule: .unsupportedYAML, message: "the file holds no topology (an empty document)", span: at,
                        label: "expected a mapping with `version`, `mode`, `authorized_address` and `nodes`",
                        helps: ["start from `wfc init --mode single` (or `multi-node`, `single-entry`), which writes a commented topology"])
                ],
                [:]
            )
        }
        var decoder = TopologyDecoder(source: source, bound: bound)
        let field = decoder.decode(root, as: .object(Language.topology), name: "the topology")
        source.redactions += decoder.redactions
        guard case .present(let located) = field, case .object(let object) = located.value else {
            return (nil, decoder.diagnostics, decoder.uncounted)
        }
        return (Topology(object), decoder.diagnostics, decoder.uncounted)
    }

    static func diagnostic(for problem: YAMLProblem, in source: SourceFile) -> Diagnostic {
        switch problem.kind {
        case .syntax, .undefinedAlias:
            var related: [Label] = []
            var helps: [String] = []
            var message = problem.message
            // libyaml names the token it choked on; say what the operator typed instead.
            let line = source.lineText(problem.span.start.line)
            if line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") || message.contains("tab character") {
                message = "a tab in the indentation: YAML indents with spaces only"
                helps.append("replace the tab on line \(problem.span.start.line + 1) with spaces")
            }
            var glued: (key: String, value: String)?
            if let mark = problem.contextMark, problem.context == "while scanning a simple key",
                let found = Grammar.gluedKey(source.lineText(mark.line))
            {
                glued = found
                message = "`\(found.key):\(found.value)` has no space after its colon, so it is not a key"
                helps.append("write `\(found.key): \(found.value)`: a key needs a space after its colon")
            }
            if let mark = problem.contextMark, glued != nil {
                related.append(Label(Span(at: mark), "read as one plain string, not as a key and its value"))
            } else if let context = problem.context, let mark = problem.contextMark, !context.hasPrefix("while scanning for") {
                let what = context.replacingPrefix("while parsing a ", with: "").replacingPrefix("while scanning a ", with: "")
                    .replacingPrefix("while scanning an ", with: "").replacingPrefix("while scanning ", with: "")
                related.append(Label(Span(at: mark), "the \(what) that starts here"))
                if what.hasPrefix("flow mapping") {
                    helps.append("close the mapping opened on line \(mark.line + 1) with `}`")
                } else if what.hasPrefix("flow sequence") {
                    helps.append("close the sequence opened on line \(mark.line + 1) with `]`")
                } else if what.hasPrefix("quoted scalar") {
                    helps.append("close the quoted string opened on line \(mark.line + 1)")
                }
            }
            return Diagnostic(
                rule: .yamlSyntax, message: message, span: problem.span,
                label: problem.kind == .undefinedAlias ? "undefined alias" : nil,
                related: related, helps: helps)
        case .multipleDocuments, .tooDeep, .aliasExpansion, .tooLarge:
            return Diagnostic(rule: .unsupportedYAML, message: problem.message, span: problem.span)
        }
    }
}
