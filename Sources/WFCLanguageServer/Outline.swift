import WFCCore

/// Where a position stands in the topology, read from indentation alone, so that hover and
/// completion work while the file is half typed and does not parse.
struct Outline {
    /// What one line opens with: `key:`, `- key:`, `- {key: …}` or nothing of the kind.
    struct Line {
        /// Column (bytes) of the first key, or of the first content after `- `.
        var indent: Int
        var key: String?
        /// Columns of the key.
        var keyColumns: Range<Int>
        /// Nothing after the colon but a comment: a block mapping or list follows.
        var opensBlock: Bool
        var isItem: Bool
        var isBlank: Bool
    }

    let lines: [[UInt8]]

    init(_ source: SourceFile) {
        lines = source.lineStarts.indices.map { Array(source.lineBytes($0)) }
    }

    func line(_ i: Int) -> Line {
        let b = i >= 0 && i < lines.count ? lines[i] : []
        var c = 0
        while c < b.count, b[c] == 0x20 { c += 1 }
        if c == b.count || b[c] == UInt8(ascii: "#") {
            return Line(indent: c, key: nil, keyColumns: c..<c, opensBlock: false, isItem: false, isBlank: true)
        }
        var isItem = false
        while c + 1 < b.count, b[c] == UInt8(ascii: "-"), b[c + 1] == 0x20 {
            isItem = true
            c += 2
            while c < b.count, b[c] == 0x20 { c += 1 }
        }
        if c < b.count, b[c] == UInt8(ascii: "-"), c + 1 == b.count { isItem = true; c += 1 }
        var e = c
        while e < b.count, Outline.isKeyByte(b[e]) { e += 1 }
        guard e > c, e < b.count, b[e] == UInt8(ascii: ":"), e + 1 == b.count || b[e + 1] == 0x20 else {
            return Line(indent: c, key: nil, keyColumns: c..<c, opensBlock: false, isItem: isItem, isBlank: false)
        }
        let rest = b[(e + 1)...].drop { $0 == 0x20 }
        let opens = rest.isEmpty || rest.first == UInt8(ascii: "#") || rest.first == UInt8(ascii: "&")
        return Line(
            indent: c, key: String(decoding: b[c..<e], as: UTF8.self), keyColumns: c..<e,
            opensBlock: opens, isItem: isItem, isBlank: false)
    }

    static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    /// The keys of the mappings that enclose a key at `indent` on line `i`, outermost first.
    func parents(of i: Int, indent: Int) -> [String] {
        var path: [String] = []
        var threshold = indent
        var j = i - 1
        while j >= 0, threshold > 0 {
            let l = line(j)
            j -= 1
            guard !l.isBlank else { continue }
            // The item line of a list: its own key is a sibling of ours, the dash is not.
            let lineStart = l.isItem ? dashColumn(j + 1) : l.indent
            if l.indent < threshold, let key = l.key, l.opensBlock {
                path.insert(key, at: 0)
                threshold = l.indent
            } else if lineStart < threshold, l.indent >= threshold {
                continue
            } else if l.indent < threshold {
                threshold = l.indent
            }
        }
        return path
    }

    /// The keys already written, on other lines, in the mapping that holds line `i` at
    /// `indent`. A list item is one mapping: its `- ` line starts it.
    func siblings(of i: Int, indent: Int) -> Set<String> {
        var keys: Set<String> = []
        let own = line(i)
        if !(own.isItem && own.indent == indent) {
            var j = i - 1
            while j >= 0 {
                let l = line(j)
                j -= 1
                if l.isBlank { continue }
                if l.indent < indent { break }
                if l.indent == indent, let key = l.key { keys.insert(key) }
                if l.isItem, l.indent == indent { break }
            }
        }
        var j = i + 1
        while j < lines.count {
            let l = line(j)
            j += 1
            if l.isBlank { continue }
            if l.indent < indent || (l.isItem && l.indent == indent) { break }
            if l.indent == indent, let key = l.key { keys.insert(key) }
        }
        return keys
    }

    private func dashColumn(_ i: Int) -> Int {
        lines[i].firstIndex(of: UInt8(ascii: "-")) ?? 0
    }

    /// The mapping a path leads to in the language: `nodes` leads into a node, `allow` into a rule.
    static func spec(at path: [String]) -> ObjectSpec? {
        var spec = Language.topology
        for key in path {
            guard let field = spec.field(key), let next = objectSpec(of: field.type) else { return nil }
            spec = next
        }
        return spec
    }

    /// The mapping below a key, a secret's `{env:}`/`{file:}` included (the editor completes it).
    static func objectSpec(of type: FieldType) -> ObjectSpec? {
        if case .secret = type { return Language.secretReference }
        return type.objectSpec
    }

    static func field(at path: [String]) -> FieldSpec? {
        guard let last = path.last else { return nil }
        return spec(at: Array(path.dropLast()))?.field(last)
    }
}
