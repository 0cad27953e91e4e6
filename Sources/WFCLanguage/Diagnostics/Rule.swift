/// A check's stable identity and documentation. Its examples are tests: every failing
/// example must give exactly this code, every passing one nothing at all.
public struct Rule: Sendable {
    /// An example topology. A failing one is written out with a `↓` (as SwiftLint's examples
    /// are) before each place its rule must point at: the example test checks the primary
    /// spans' starts against the marks, not only the code. `source` is the text without them.
    public struct Example: Hashable, Sendable {
        public static let mark: Unicode.Scalar = "↓"
        public var source: String
        /// Where each `↓` stood in `source`, as a span's start would say it.
        public var marks: [Mark]

        public init(_ marked: String) {
            var text = String.UnicodeScalarView()
            var marks: [Mark] = []
            var at = Mark.zero
            for s in marked.unicodeScalars {
                if s == Self.mark {
                    marks.append(at)
                    continue
                }
                text.append(s)
                at.offset += UTF8.width(s)
                if s == "\n" {
                    at.line += 1
                    at.column = 0
                } else {
                    at.column += 1
                }
            }
            source = String(text)
            self.marks = marks
        }
    }

    /// When a rule's problems can be found.
    public enum Stage: Sendable {
        /// By `wfc lint`, from the file alone.
        case lint
        /// Only by `wfc build`, which reads secrets from the environment and files.
        case build
        /// By `wfc build --im-base`, on the operator's own IM config (its examples are IM
        /// config files, not topologies).
        case imConfig
        /// By `wfc import`, on a deployment's files (its examples are a gateway's nginx
        /// configuration, imported beside `Rule.importExampleNode`).
        case importing

        /// How the rule table marks a rule that `wfc lint` does not run.
        public var note: String {
            switch self {
            case .lint: return ""
            case .build: return " (build only)"
            case .imConfig: return " (the IM config base)"
            case .importing: return " (wfc import)"
            }
        }
    }

    /// What editors may draw on a rule's findings (LSP diagnostic tags).
    public enum Tag: Sendable, Hashable {
        /// The finding is about something that has no effect: faded, not underlined.
        case unnecessary
        /// The finding is about something kept only for compatibility: struck through.
        case deprecated
    }

    public var code: RuleID
    public var name: String
    public var severity: Severity
    public var tags: Set<Tag>
    public var summary: String
    /// Markdown: why it matters for a WildfireChat deployment and what to do.
    public var explanation: String
    public var stage: Stage
    /// Built on demand: every `wfc lint` loads the registry, and only tests, `explain` and
    /// the docs read the examples.
    private let examples: @Sendable () -> (failing: [String], passing: [String])

    public var failing: [Example] { examples().failing.map(Example.init) }
    public var passing: [Example] { examples().passing.map(Example.init) }

    public init(
        code: RuleID, name: String, severity: Severity, tags: Set<Tag> = [], summary: String, explanation: String, stage: Stage = .lint,
        failing: @autoclosure @escaping @Sendable () -> [String],
        passing: @autoclosure @escaping @Sendable () -> [String]
    ) {
        self.code = code
        self.name = name
        self.severity = severity
        self.tags = tags
        self.summary = summary
        self.explanation = explanation
        self.stage = stage
        examples = { (failing(), passing()) }
    }
}

extension Rule {
    package func diagnostic(
        _ message: String, at span: Span, label: String? = nil, related: [Label] = [],
        notes: [String] = [], helps: [String] = [], fixes: [Fix] = []
    ) -> Diagnostic {
        Diagnostic(
            rule: self, message: message, span: span, label: label, related: related,
            notes: notes, helps: helps, fixes: fixes)
    }
}
