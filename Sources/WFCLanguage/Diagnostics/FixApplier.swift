/// Applies diagnostics' fixes to a file's bytes, changing only the bytes of the edits, so
/// comments, order and spacing stay as they were.
public enum FixApplier {
    /// The first fix of every diagnostic that has one (unsafe ones only when asked), unless
    /// one of its edits overlaps an edit already taken (an identical edit counts as taken:
    /// two diagnostics may carry the same fix). Returns the new bytes and the diagnostics
    /// whose fix is in them.
    public static func apply(_ diagnostics: [Diagnostic], to bytes: [UInt8], unsafe: Bool = false)
        -> (bytes: [UInt8], fixed: [Diagnostic])
    {
        var taken = TakenEdits()
        var fixed: [Diagnostic] = []
        for d in diagnostics {
            guard let fix = d.fixes.first, unsafe || fix.applicability == .safe else { continue }
            let fresh = fix.edits.filter { !taken.contains($0) }
            let inside = fix.edits.allSatisfy { $0.span.start.offset <= $0.span.end.offset && $0.span.end.offset <= bytes.count }
            let clashes =
                fresh.contains { taken.overlaps($0.span) }
                || fresh.indices.contains { i in fresh.indices.contains { j in i != j && overlaps(fresh[i].span, fresh[j].span) } }
            guard inside, !clashes else { continue }
            for edit in fresh { taken.insert(edit) }
            fixed.append(d)
        }
        var out = bytes
        for edit in taken.edits.sorted(by: { $0.span.start.offset > $1.span.start.offset }) {
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
}

/// The edits one `apply` has taken, sorted by start: a lookup and an overlap test cost a
/// binary search, so applying n fixes stays near-linear.
package struct TakenEdits {
    private(set) var edits: [TextEdit] = []
    private var identical: Set<TextEdit> = []

    func contains(_ edit: TextEdit) -> Bool { identical.contains(edit) }

    /// Index of the first edit starting at or after `offset`.
    private func lowerBound(_ offset: Int) -> Int {
        var lo = 0, hi = edits.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if edits[mid].span.start.offset < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func overlaps(_ span: Span) -> Bool {
        let i = lowerBound(span.start.offset)
        // Neighbours around the insertion point are the only candidates: edits do not overlap each other.
        return edits[max(0, i - 1)..<min(edits.count, i + 2)].contains { FixApplier.overlaps($0.span, span) }
    }

    mutating func insert(_ edit: TextEdit) {
        edits.insert(edit, at: lowerBound(edit.span.start.offset))
        identical.insert(edit)
    }
}
