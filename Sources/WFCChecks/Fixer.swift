import WFCLanguage

/// `wfc lint --fix` and the editor's "fix all": lint, apply the fixes, lint again. It sits
/// beside `Linter` because it drives it; `FixApplier` below it only edits bytes.
public enum Fixer {
    /// What one `--fix` run did.
    public struct Outcome: Sendable {
        public var result: LintResult
        public var fixed: Int
        /// Diagnostics whose fix would have left the file unreadable: not applied.
        public var skipped: [Diagnostic]
        /// Fixes left because they are unsafe and `--unsafe-fixes` was not given.
        public var unsafeLeft: Int
        /// What changed, one entry per edit, in the order applied: the line (1-based, in the
        /// file as that round found it), the text replaced and its replacement.
        public var changes: [Change] = []
    }

    public struct Change: Sendable, Equatable {
        public var line: Int
        public var old: String
        public var new: String
        public var code: RuleID
    }

    /// The edits of the fixes applied to `source`, with any text inside a masked secret
    /// shown as `(a secret)`.
    static func changes(_ applied: [Diagnostic], in source: SourceFile) -> [Change] {
        applied.flatMap { d in
            (d.fixes.first?.edits ?? []).sorted { $0.span.start.offset < $1.span.start.offset }.map { e in
                let secret = source.redactions.contains { $0.start.offset < e.span.end.offset && e.span.start.offset < $0.end.offset }
                return Change(
                    line: e.span.start.line + 1, old: secret ? "(a secret)" : source.text(e.span),
                    new: secret ? "(a secret)" : e.newText, code: d.code)
            }
        }
    }

    /// Lints, fixes and lints again until nothing fixable is left (a few rounds at most). A
    /// fix that would leave the file unreadable is skipped and reported; the others apply.
    public static func fixAll(_ source: SourceFile, unsafe: Bool = false) -> Outcome {
        fixAll(source, unsafe: unsafe) { Linter.lint($0, bounded: false) }
    }

    /// `lint` is a parameter so that tests can hand in diagnostics whose fixes break the file.
    static func fixAll(_ source: SourceFile, unsafe: Bool, lint: (SourceFile) -> LintResult) -> Outcome {
        var result = lint(source)
        var fixed = 0
        var skipped: [Diagnostic] = []
        var changes: [Change] = []
        let unreadable = { (r: LintResult) in
            r.diagnostics.contains { $0.comes(from: .yamlSyntax) || $0.comes(from: .unsupportedYAML) }
        }
        for _ in 0..<4 {
            let candidates = result.diagnostics.filter { d in !skipped.contains { $0.code == d.code && $0.message == d.message } }
            var (bytes, applied) = FixApplier.apply(candidates, to: result.source.bytes, unsafe: unsafe)
            guard !applied.isEmpty else { break }
            var next = lint(SourceFile(path: source.path, bytes: bytes))
            if unreadable(next), !unreadable(result) {
                // One by one: keep each fix that leaves the file readable with those kept before it.
                var kept: [Diagnostic] = []
                for d in applied.prefix(200) {
                    let (trial, _) = FixApplier.apply(kept + [d], to: result.source.bytes, unsafe: unsafe)
                    if unreadable(lint(SourceFile(path: source.path, bytes: trial))) {
                        skipped.append(d)
                    } else {
                        kept.append(d)
                    }
                }
                (bytes, applied) = FixApplier.apply(kept, to: result.source.bytes, unsafe: unsafe)
                guard !applied.isEmpty else { break }
                next = lint(SourceFile(path: source.path, bytes: bytes))
            }
            fixed += applied.count
            changes += Self.changes(applied, in: result.source)
            result = next
        }
        let unsafeLeft = unsafe ? 0 : result.diagnostics.count { $0.fixes.first?.applicability == .unsafe }
        result.diagnostics = OutputBound.apply(result.diagnostics)
        return Outcome(result: result, fixed: fixed, skipped: skipped, unsafeLeft: unsafeLeft, changes: changes)
    }
}
