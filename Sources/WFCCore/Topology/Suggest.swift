/// The one candidate closest to `word` (within two edits); nil when none is close or when
/// several are equally close: a guess between `im-sh-1` and `im-sh-2` is no guess, and a fix
/// must not pick one for the operator.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    let best = closest(to: word, among: candidates)
    return best.count == 1 ? best.first : nil
}

/// Every candidate at the smallest edit distance from `word`, if that is two or less, in
/// the candidates' order.
public func closest(to word: String, among candidates: [String]) -> [String] {
    let w = Array(word.lowercased().unicodeScalars)
    guard w.count <= 64 else { return [] }
    var best: [String] = []
    var distance = 3
    for candidate in candidates where !best.contains(candidate) {
        let d = editDistance(w, Array(candidate.unicodeScalars))
        if d < distance {
            distance = d
            best = [candidate]
        } else if d == distance {
            best.append(candidate)
        }
    }
    return best
}

/// "did you mean `a`?", or with several equally close, "did you mean `a`, `b` or `c`?".
func didYouMean(_ word: String, among candidates: [String]) -> [String] {
    let best = closest(to: word, among: candidates)
    return best.isEmpty ? [] : ["did you mean " + list(best.map { "`\($0)`" }).replacingOccurrences(of: " and ", with: " or ") + "?"]
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], before[j - 2] + 1)
            }
        }
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
