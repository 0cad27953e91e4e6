/// haproxy.cfg as sections of lines of words. Rendering quotes every word in one place
/// (`quote`), so no topology value reaches the file by string concatenation.
package struct HAProxySection: Equatable {
    /// `global`, `defaults`, `frontend NAME`, `backend NAME`: the keyword, then its words.
    var head: [String]
    var lines: [[String]]
    /// Comment lines written above the section.
    var comments: [String] = []

    package init(_ head: String..., comments: [String] = [], lines: [[String]]) {
        self.head = head
        self.comments = comments
        self.lines = lines
    }

    package static func render(_ sections: [HAProxySection]) -> String {
        sections.map { s in
            s.comments.map { "# \($0)\n" }.joined()
                + s.head.map(quote).joined(separator: " ") + "\n"
                + s.lines.map { "    " + $0.map(quote).joined(separator: " ") + "\n" }.joined()
        }.joined(separator: "\n")
    }

    /// Bare when HAProxy's tokenizer reads the word as written; otherwise in double quotes,
    /// where `\` escapes `"`, `\`, `$` (an environment variable) and `#`, and `\n`, `\r`,
    /// `\t` stand for the control characters (a raw line break would end the line).
    package static func quote(_ word: String) -> String {
        let special: Set<Character> = [" ", "\t", "\n", "\r", "#", "\"", "'", "\\", "$"]
        if !word.isEmpty, !word.contains(where: special.contains) { return word }
        var out = "\""
        for c in word {
            switch c {
            case "\"", "\\", "$", "#": out += "\\" + String(c)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
