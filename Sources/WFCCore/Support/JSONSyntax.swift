/// Whether text is one JSON object, by RFC 8259's grammar (no values are built): enough to
/// tell `/api/version`'s JSON from an error page.
public enum JSONSyntax {
    public static func isObject(_ text: String) -> Bool {
        var s = Scanner(Array(text.utf8))
        s.space()
        guard s.peek == UInt8(ascii: "{"), s.value(depth: 0) else { return false }
        s.space()
        return s.atEnd
    }

    struct Scanner {
        let b: [UInt8]
        var i = 0
        init(_ b: [UInt8]) { self.b = b }

        var atEnd: Bool { i >= b.count }
        var peek: UInt8? { i < b.count ? b[i] : nil }

        mutating func space() {
            while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
        }

        mutating func eat(_ c: UInt8) -> Bool {
            guard peek == c else { return false }
            i += 1
            return true
        }

        mutating func literal(_ word: String) -> Bool {
            for c in word.utf8 { guard eat(c) else { return false } }
            return true
        }

        mutating func value(depth: Int) -> Bool {
            guard depth < 64 else { return false }
            space()
            switch peek {
            case UInt8(ascii: "{"):
                i += 1
                space()
                if eat(UInt8(ascii: "}")) { return true }
                repeat {
                    space()
                    guard string() else { return false }
                    space()
                    guard eat(UInt8(ascii: ":")), value(depth: depth + 1) else { return false }
                    space()
                } while eat(UInt8(ascii: ","))
                return eat(UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                i += 1
                space()
                if eat(UInt8(ascii: "]")) { return true }
                repeat {
                    guard value(depth: depth + 1) else { return false }
                    space()
                } while eat(UInt8(ascii: ","))
                return eat(UInt8(ascii: "]"))
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        mutating func string() -> Bool {
            guard eat(UInt8(ascii: "\"")) else { return false }
            while let c = peek {
                i += 1
                if c == UInt8(ascii: "\"") { return true }
                if c < 0x20 { return false }
                if c == UInt8(ascii: "\\") {
                    guard let e = peek else { return false }
                    i += 1
                    if e == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            guard let h = peek, isHex(h) else { return false }
                            i += 1
                        }
                    } else if !"\"\\/bfnrt".utf8.contains(e) {
                        return false
                    }
                }
            }
            return false
        }

        mutating func number() -> Bool {
            let start = i
            _ = eat(UInt8(ascii: "-"))
            guard let first = peek, isDigit(first) else { return false }
            while let c = peek, isDigit(c) { i += 1 }
            if eat(UInt8(ascii: ".")) {
                guard let c = peek, isDigit(c) else { return false }
                while let c = peek, isDigit(c) { i += 1 }
            }
            if eat(UInt8(ascii: "e")) || eat(UInt8(ascii: "E")) {
                _ = eat(UInt8(ascii: "+")) || eat(UInt8(ascii: "-"))
                guard let c = peek, isDigit(c) else { return false }
                while let c = peek, isDigit(c) { i += 1 }
            }
            return i > start
        }

        func isHex(_ c: UInt8) -> Bool {
            isDigit(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(c)
        }
    }
}
