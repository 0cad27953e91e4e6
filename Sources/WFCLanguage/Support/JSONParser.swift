/// Reads JSON text into `JSON` values, for the language server's messages. Numbers with a
/// fraction or an exponent become `.double`; nesting is limited so no message can exhaust the
/// stack; every malformed input is a thrown `JSONParseError`, never a trap.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var description: String { "invalid JSON at byte \(offset)" }
}

extension JSON {
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        var p = JSONParser(bytes: bytes)
        p.space()
        let value = try p.value(depth: 0)
        p.space()
        guard p.i == bytes.count else { throw JSONParseError(offset: p.i) }
        return value
    }

    public subscript(key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var arrayValue: [JSON]? { if case .array(let a) = self { a } else { nil } }
}

struct JSONParser {
    let bytes: [UInt8]
    var i = 0

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func space() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
    }

    mutating func expect(_ c: UInt8) throws(JSONParseError) {
        guard peek == c else { throw JSONParseError(offset: i) }
        i += 1
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSON {
        guard depth < 128 else { throw JSONParseError(offset: i) }
        space()
        switch peek {
        case UInt8(ascii: "{"):
            i += 1
            var pairs: [(String, JSON)] = []
            space()
            if peek == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            while true {
                space()
                let key = try string()
                space()
                try expect(UInt8(ascii: ":"))
                pairs.append((key, try value(depth: depth + 1)))
                space()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(pairs)
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSON] = []
            space()
            if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                space()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default: return try number()
        }
    }

    mutating func word(_ w: String) throws(JSONParseError) {
        for c in w.utf8 { try expect(c) }
    }

    mutating func string() throws(JSONParseError) -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while let c = peek {
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = peek else { throw JSONParseError(offset: i) }
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    // A surrogate pair spells one scalar beyond the BMP.
                    if (0xD800...0xDBFF).contains(scalar), peek == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) { scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) }
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                default: throw JSONParseError(offset: i)
                }
            case 0..<0x20:
                throw JSONParseError(offset: i)
            default:
                out.append(c)
            }
        }
        throw JSONParseError(offset: i)
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek else { throw JSONParseError(offset: i) }
            i += 1
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 16 + UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v * 16 + UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v * 16 + UInt32(c - UInt8(ascii: "A") + 10)
            default: throw JSONParseError(offset: i)
            }
        }
        return v
    }

    mutating func number() throws(JSONParseError) -> JSON {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, isDigit(first) else { throw JSONParseError(offset: i) }
        while let c = peek, isDigit(c) { i += 1 }
        var integral = true
        if peek == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard let c = peek, isDigit(c) else { throw JSONParseError(offset: i) }
            while let c = peek, isDigit(c) { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            integral = false
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let c = peek, isDigit(c) else { throw JSONParseError(offset: i) }
            while let c = peek, isDigit(c) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if integral, let n = Int(text) { return .int(n) }
        return .double(Double(text) ?? 0)
    }
}
