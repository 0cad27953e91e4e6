/// Where a secret may stand in a file, found from the text alone: every value after a key
/// that names a secret (known, misspelt or merely secret-sounding), on its line and on the
/// more-indented lines of a block under it. It works on files that do not parse, so no
/// excerpt or message shows a password however the line around it is broken.
package enum SecretMask {
    /// The keys the language types as secrets, found on the raw text too, since the file may
    /// not parse.
    static let secretKeys = Language.topology.secretKeys.sorted()
    static let secretKeyLengths = Set(secretKeys.map { $0.utf8.count })
    /// How many of each ASCII byte every secret key has, for the bag distance below.
    static let secretKeyBytes: [[Int]] = secretKeys.map { key in
        key.utf8.reduce(into: [Int](repeating: 0, count: 128)) { counts, b in if b < 128 { counts[Int(b)] += 1 } }
    }
    static let secretWords: [[UInt8]] = ["password", "passwd", "secret", "token", "pwd"].map { Array($0.utf8) }

    /// Whether a key names a secret. On bytes: this runs for every key of every file, and
    /// `String.contains` from the string-processing library cost more than the whole lint.
    package static func isSecretKey<Bytes: Collection>(_ key: Bytes) -> Bool where Bytes.Element == UInt8 {
        key.withContiguousStorageIfAvailable(isSecretKey(bytes:)) ?? Array(key).withUnsafeBufferPointer(isSecretKey(bytes:))
    }

    /// In place, lower-cased byte by byte as it is read: a copy of every key in lower case
    /// cost more than the search.
    private static func isSecretKey(bytes k: UnsafeBufferPointer<UInt8>) -> Bool {
        for word in secretWords where k.count >= word.count {
            for start in 0...(k.count - word.count) where lower(k[start]) == word[0] {
                var matched = 1
                while matched < word.count, lower(k[start + matched]) == word[matched] { matched += 1 }
                if matched == word.count { return true }
            }
        }
        // A misspelling is within two edits of a secret key, so its length is too: most keys
        // (name, public_address, …) are ruled out without computing a distance.
        guard secretKeyLengths.contains(where: { abs($0 - k.count) <= 2 }) else { return false }
        // Then by the bytes one key has and the other lacks (the bag distance), which no edit
        // distance is below: `version` or `capacity` is no `password` misspelt, found without
        // a distance table. (ASCII keys only; a key with other bytes goes on to the distance.)
        if k.allSatisfy({ $0 < 128 }), !secretKeyBytes.contains(where: { bagDistance(k, $0) <= 2 }) { return false }
        return suggestion(for: String(decoding: k.map(lower), as: UTF8.self), among: secretKeys) != nil
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    private static func bagDistance(_ k: UnsafeBufferPointer<UInt8>, _ secret: [Int]) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { counts in
            for i in 0..<128 { counts[i] = secret[i] }
            var extra = 0
            for b in k {
                let c = Int(lower(b))
                if counts[c] > 0 { counts[c] -= 1 } else { extra += 1 }
            }
            let missing = counts.reduce(0, +)
            return max(extra, missing)
        }
    }

    /// The spans to mask, in file order. After a secret's key, its value goes on as the YAML
    /// tokens say: through a quoted scalar that has not closed, a flow collection that has
    /// not closed, lines more indented than the key; and, since the file may not parse, a
    /// line at the key's indent that does not start another entry is masked too (when
    /// unsure, mask).
    package static func spans(_ source: SourceFile) -> [Span] {
        var out: [Span] = []
        var pending: Continuation?
        var judged = Verdicts()
        for line in source.lineStarts.indices {
            let bytes = source.lineBytes(line)
            let indent = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let body = bytes.dropFirst(indent)
            if var p = pending {
                if body.isEmpty { continue }
                if p.quote != nil || p.flow > 0 || indent > p.indent || !startsEntry(body) {
                    // `env: NAME` under the key, in block style: a reference, shown as written.
                    if !(p.quote == nil && p.flow == 0 && isReference(body, flow: false)) {
                        out.append(span(source, from: body.startIndex, to: bytes.endIndex))
                    }
                    p.scan(body)
                    pending = p
                    continue
                }
                pending = nil
            }
            guard let (colon, keyStart) = secretColon(bytes, &judged) else { continue }
            let rest = bytes[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            if !rest.isEmpty && rest.first != UInt8(ascii: "#") && !isReference(rest, flow: true) {
                out.append(span(source, from: rest.startIndex, to: bytes.endIndex))
            }
            var p = Continuation(indent: keyStart - bytes.startIndex)
            p.scan(bytes[bytes.startIndex..<colon])
            p.scan(rest)
            pending = p
        }
        return out
    }

    /// `{env: NAME}` / `{file: PATH}` (or, in block style, `env: NAME`): where a secret is,
    /// not what it is, so an excerpt shows it. Anything else after a secret's key is masked.
    static func isReference<Bytes: Collection>(_ bytes: Bytes, flow: Bool) -> Bool where Bytes.Element == UInt8 {
        func trim(_ t: Substring) -> Substring {
            var t = t.drop { $0 == " " || $0 == "\t" }
            while t.last == " " || t.last == "\t" { t = t.dropLast() }
            return t
        }
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        if let hash = text.firstRange(of: " #") { text = text[..<hash.lowerBound] }
        text = trim(text)
        if flow {
            guard text.first == "{", text.last == "}" else { return false }
            text = trim(text.dropFirst().dropLast())
        }
        guard let colon = text.firstIndex(of: ":"), ["env", "file"].contains(String(trim(text[..<colon]))) else { return false }
        let name = trim(text[text.index(after: colon)...])
        return !name.isEmpty && name.unicodeScalars.allSatisfy { Grammar.isPathScalar($0) || $0 == "_" }
    }

    /// What is still open after a secret's key: a quoted scalar, flow collections.
    struct Continuation {
        var indent: Int
        var quote: UInt8? = nil
        var flow = 0

        /// Follows quotes (`\"` in double quotes, `''` in single ones) and brackets outside them.
        mutating func scan(_ text: ArraySlice<UInt8>) {
            var i = text.startIndex
            while i < text.endIndex {
                let b = text[i]
                if let q = quote {
                    if q == 0x22, b == 0x5C { i += 2; continue }
                    if b == q {
                        if q == 0x27, i + 1 < text.endIndex, text[i + 1] == 0x27 { i += 2; continue }
                        quote = nil
                    }
                } else {
                    switch b {
                    case 0x22, 0x27: quote = b
                    case UInt8(ascii: "{"), UInt8(ascii: "["): flow += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): flow = max(0, flow - 1)
                    case UInt8(ascii: "#") where i == text.startIndex || text[i - 1] == 0x20: return
                    default: break
                    }
                }
                i += 1
            }
        }
    }

    /// Whether a line (past its indent) starts another entry: `- `, a comment, or `key:`.
    private static func startsEntry(_ body: ArraySlice<UInt8>) -> Bool {
        guard let first = body.first else { return false }
        if first == UInt8(ascii: "#") || (first == UInt8(ascii: "-") && (body.count == 1 || body.dropFirst().first == 0x20)) { return true }
        var i = body.startIndex
        if body[i] == 0x22 || body[i] == 0x27 { i += 1 }
        let keyStart = i
        while i < body.endIndex, isKeyByte(body[i]) || body[i] == UInt8(ascii: ".") { i += 1 }
        guard i > keyStart else { return false }
        if i < body.endIndex, body[i] == 0x22 || body[i] == 0x27 { i += 1 }
        return i < body.endIndex && body[i] == UInt8(ascii: ":") && (i + 1 == body.endIndex || body[i + 1] == 0x20)
    }

    /// The first `key:` on the line whose key names a secret: the colon's offset and where
    /// the key starts. Quotes around the key are allowed; the colon need not be followed by
    /// a space (`password:hunter2` is a mistake, and still a secret).
    private static func secretColon(_ bytes: ArraySlice<UInt8>, _ judged: inout Verdicts) -> (Int, Int)? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: ":") {
                // A quoted key is judged by the name YAML reads, not by its spelling:
                // `"pa\x73sword"` is `password`.
                if let (start, name) = quotedKey(before: i, in: bytes), isSecretKey(name) {
                    return (i, start)
                }
                var end = i
                while end > bytes.startIndex, bytes[end - 1] == 0x22 || bytes[end - 1] == 0x27 || bytes[end - 1] == 0x20 { end -= 1 }
                var start = end
                while start > bytes.startIndex, isKeyByte(bytes[start - 1]) { start -= 1 }
                if start < end, judged.isSecretKey(bytes[start..<end]) {
                    return (i, start)
                }
            }
            i += 1
        }
        return nil
    }

    /// The quoted scalar that ends right before `colon` (spaces between allowed): where its
    /// opening quote stands, and its decoded bytes (double-quoted escapes, `''` in single quotes).
    static func quotedKey(before colon: Int, in bytes: ArraySlice<UInt8>) -> (Int, [UInt8])? {
        var end = colon
        while end > bytes.startIndex, bytes[end - 1] == 0x20 { end -= 1 }
        guard end > bytes.startIndex, let quote = Optional(bytes[end - 1]), quote == 0x22 || quote == 0x27 else { return nil }
        // The opening quote: the nearest one before whose run of backslashes is even (double), or
        // that is not one of a `''` pair (single).
        var open = end - 2
        while open >= bytes.startIndex {
            if bytes[open] == quote {
                if quote == 0x22 {
                    var slashes = 0
                    while open - slashes - 1 >= bytes.startIndex, bytes[open - slashes - 1] == 0x5C { slashes += 1 }
                    if slashes % 2 == 0 { break }
                } else if open > bytes.startIndex, bytes[open - 1] == 0x27 {
                    open -= 2
                    continue
                } else {
                    break
                }
            }
            open -= 1
        }
        guard open >= bytes.startIndex else { return nil }
        let body = bytes[(open + 1)..<(end - 1)]
        return (open, quote == 0x27 ? singleQuoted(body) : doubleQuoted(body))
    }

    private static func singleQuoted(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = [], i = body.startIndex
        while i < body.endIndex {
            out.append(body[i])
            i += body[i] == 0x27 && i + 1 < body.endIndex && body[i + 1] == 0x27 ? 2 : 1
        }
        return out
    }

    /// YAML's double-quoted escapes; a code point past ASCII is kept as UTF-8. An escape that
    /// does not decode is kept as written (a key so spelt is not a secret's name anyway).
    private static func doubleQuoted(_ body: ArraySlice<UInt8>) -> [UInt8] {
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "0"): 0, UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "t"): 9, UInt8(ascii: "n"): 10,
            UInt8(ascii: "v"): 11, UInt8(ascii: "f"): 12, UInt8(ascii: "r"): 13, UInt8(ascii: "e"): 27, 0x20: 0x20,
            0x22: 0x22, UInt8(ascii: "/"): 0x2F, 0x5C: 0x5C
        ]
        let widths: [UInt8: Int] = [UInt8(ascii: "x"): 2, UInt8(ascii: "u"): 4, UInt8(ascii: "U"): 8]
        var out: [UInt8] = [], i = body.startIndex
        while i < body.endIndex {
            guard body[i] == 0x5C, i + 1 < body.endIndex else {
                out.append(body[i])
                i += 1
                continue
            }
            let e = body[i + 1]
            if let b = simple[e] {
                out.append(b)
                i += 2
            } else if let width = widths[e], i + 2 + width <= body.endIndex,
                let value = UInt32(String(decoding: body[(i + 2)..<(i + 2 + width)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out += Array(String(Character(scalar)).utf8)
                i += 2 + width
            } else {
                out.append(body[i])
                i += 1
            }
        }
        return out
    }

    /// The keys of one file already judged, each with its verdict: a key is judged once, not on
    /// every line that writes it (a node's `name` and addresses, ten thousand times over, were
    /// most of the mask). The first 64 distinct keys are kept; a file has a few dozen.
    private struct Verdicts {
        private var keys: [[UInt8]] = []
        private var secret: [Bool] = []

        mutating func isSecretKey(_ key: ArraySlice<UInt8>) -> Bool {
            for i in keys.indices where keys[i].count == key.count && keys[i].elementsEqual(key) { return secret[i] }
            let verdict = SecretMask.isSecretKey(key)
            if keys.count < 64 {
                keys.append(Array(key))
                secret.append(verdict)
            }
            return verdict
        }
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    private static func span(_ source: SourceFile, from: Int, to: Int) -> Span {
        Span(start: source.mark(at: from), end: source.mark(at: to))
    }
}
