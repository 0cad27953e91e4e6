/// The one candidate closest to `word` (within two edits); nil when none is close or when
/// several are equally close: a guess between `im-sh-1` and `im-sh-2` is no guess, and a fix
/// must not pick one for the operator.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    Guess(word, among: candidates).only
}

/// Every candidate at the smallest edit distance from `word`, if that is two or less, in
/// the candidates' order.
public func closest(to word: String, among candidates: [String]) -> [String] {
    let w = Array(word.lowercased().unicodeScalars)
    guard w.count <= 64 else { return [] }
    var best: [String] = []
    var distance = 3
    for candidate in candidates where !best.contains(candidate) {
        // Each edit changes the length by one at most: a candidate whose length differs by
        // more than the best distance so far cannot beat it (most keys, at no cost).
        guard abs(candidate.unicodeScalars.count - w.count) <= distance else { continue }
        let d = editDistance(w, Array(candidate.unicodeScalars), limit: distance)
        if d < distance {
            distance = d
            best = [candidate]
        } else if d == distance {
            best.append(candidate)
        }
    }
    return best
}

/// What a word that names nothing is closest to, worked out once for both the help and the
/// fix: every equally close candidate is named, and a fix writes one only when it is alone.
package struct Guess {
    package let candidates: [String]

    package init(_ word: String, among: [String]) {
        candidates = closest(to: word, among: among)
    }

    /// The candidate a fix may write.
    var only: String? { candidates.count == 1 ? candidates[0] : nil }

    /// "did you mean `a`?", or with several equally close, "did you mean `a`, `b` or `c`?".
    package var helps: [String] {
        candidates.isEmpty ? [] : ["did you mean " + list(candidates.map(backticked), conjunction: "or") + "?"]
    }

    /// The edit that writes the one candidate over `span`; none when there is no single one.
    package func fixes(at span: Span, _ verb: String = "replace with", _ applicability: Applicability = .unsafe) -> [Fix] {
        only.map { [.replace(span, with: $0, "\(verb) `\($0)`", applicability)] } ?? []
    }
}

/// Levenshtein distance with adjacent transpositions counted as one edit. With a `limit`,
/// any distance above it may come back as `limit + 1`: once two rows in turn are past the
/// limit no later row can come back under it, so unrelated words stop after a few rows.
package func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    var previousLowest = 0
    for i in 1...a.count {
        current[0] = i
        var lowest = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], before[j - 2] + 1)
            }
            lowest = min(lowest, current[j])
        }
        // A row's cells are at least the smaller of this row's lowest and the one before's
        // plus one (a transposition reaches back two rows).
        if lowest > limit, previousLowest >= limit { return limit + 1 }
        previousLowest = lowest
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
