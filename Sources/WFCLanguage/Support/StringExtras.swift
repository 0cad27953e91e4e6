extension String {
    /// The text padded with spaces to `width` characters, and at least one space after it.
    public func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    /// Every occurrence of `target` replaced (Foundation's name, without Foundation).
    public func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    public func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters and DEL: what a terminal may act on instead of print.
    var isControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// What wfc never prints as it came: control characters, and the bidirectional
    /// formatting characters (U+202E and kin) that reorder what a reader sees.
    package var isUnsafeToPrint: Bool {
        isControl || [0x061C, 0x200E, 0x200F].contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

extension String {
    /// Control and bidirectional formatting characters from the input written as `\u{1B}`,
    /// so that a file (or a server the probe talks to) cannot drive the terminal, a CI log
    /// viewer, or what the reader sees, of whoever reads wfc's output. Everything wfc prints
    /// from outside passes here.
    public var escapingControls: String {
        guard unicodeScalars.contains(where: \.isUnsafeToPrint) else { return self }
        var out = ""
        for s in unicodeScalars {
            if s.isUnsafeToPrint {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}

/// `a`, `a and b`, `a, b and c` (or with another conjunction: `a, b or c`).
package func list(_ items: [String], conjunction: String = "and") -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }
}

package func backticked(_ text: String) -> String { "`\(text)`" }
