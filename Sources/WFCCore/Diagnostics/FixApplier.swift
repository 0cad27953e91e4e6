/// Applies diagnostics' fixes to a file's bytes, changing only the bytes of the edits, so
/// comments, order and spacing stay as they were.
public enum FixApplier {
    /// The first fix of every diagnostic that has one, unless one of its edits overlaps an
    /// edit already taken (an identical edit counts as taken: two diagnostics may carry
    /// the same fix). Returns the new bytes and the diagnostics whose fix is in them.
    public static func apply(_ diagnostics: [Diagnostic], to bytes: [UInt8]) -> (bytes: [UInt8], fixed: [Diagnostic]) {
        var taken: [TextEdit] = []
        var fixed: [Diagnostic] = []
        for d in diagnostics {
            guard let fix = d.fixes.first else { continue }
            let fresh = fix.edits.filter { !taken.contains($0) }
            let clashes = fresh.contains { e in taken.contains { overlaps($0.span, e.span) } }
                || fresh.contains { e in fresh.contains { $0 != e && overlaps($0.span, e.span) } }
            guard !clashes, fix.edits.allSatisfy({ $0.span.start.offset <= $0.span.end.offset && $0.span.end.offset <= bytes.count })
            else { continue }
            taken += fresh
            fixed.append(d)
        }
        var out = bytes
        for edit in taken.sorted(by: { $0.span.start.offset > $1.span.start.offset }) {
            out.replaceSubrange(edit.span.start.offset..<edit.span.end.offset, with: Array(edit.newText.utf8))
        }
        return (out, fixed)
    }

    /// Two edits clash when their ranges share a byte, or both insert at one point.
    static func overlaps(_ a: Span, _ b: Span) -> Bool {
        if a.start.offset == a.end.offset || b.start.offset == b.end.offset {
            return a.start.offset == b.start.offset
                || (a.start.offset > b.start.offset && a.start.offset < b.end.offset)
                || (b.start.offset > a.start.offset && b.start.offset < a.end.offset)
        }
        return a.start.offset < b.end.offset && b.start.offset < a.end.offset
    }

    /// Lints, fixes and lints again until nothing fixable is left (a few rounds at most).
    /// Nil when a round would leave the file unreadable: it is then not to be written.
    public static func fixAll(_ source: SourceFile) -> (result: LintResult, fixed: Int)? {
        var result = Linter.lint(source, bounded: false)
        var fixed = 0
        for _ in 0..<4 {
            let (bytes, applied) = apply(result.diagnostics, to: result.source.bytes)
            guard !applied.isEmpty else { break }
            let next = Linter.lint(SourceFile(path: source.path, bytes: bytes), bounded: false)
            let unreadable = { (r: LintResult) in r.diagnostics.contains { $0.code == Rule.yamlSyntax.code || $0.code == Rule.unsupportedYAML.code } }
            if unreadable(next), !unreadable(result) { return nil }
            fixed += applied.count
            result = next
        }
        result.diagnostics = OutputBound.apply(result.diagnostics)
        return (result, fixed)
    }
}
