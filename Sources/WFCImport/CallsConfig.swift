import WFCCore

/// A setting's value and its 1-based line.
public struct ConfigValue: Sendable, Equatable {
    public var value: String
    public var line: Int
}

/// coturn's `turnserver.conf` as coturn reads it: one `key=value` (or a bare flag) per line,
/// `#` starting a comment line, one pair of quotes around a value stripped; a later line for
/// the same key wins. Each value keeps its line.
public struct TurnSettings: Sendable {
    public var values: [String: ConfigValue] = [:]

    public init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes.prefix(NginxConfig.maxFileBytes), as: UTF8.self)
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingCharacters(in: " \t\r")
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let key = line.prefix { $0 != "=" && $0 != " " && $0 != "\t" }
            var value = line.dropFirst(key.count).drop { $0 == "=" || $0 == " " || $0 == "\t" }
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            values[String(key)] = ConfigValue(value: String(value), line: n + 1)
        }
    }
}

/// A janus `.jcfg` file (libconfig) as far as wfc needs it: `section.key` → its value and
/// line, strings unquoted, `#`, `//` and `/* */` comments skipped. Groups nest by `{ }`;
/// lists and arrays are skipped whole.
public struct JanusSettings: Sendable {
    public var values: [String: ConfigValue] = [:]

    public init(_ bytes: [UInt8]) {
        let b = Array(bytes.prefix(NginxConfig.maxFileBytes))
        var i = 0, line = 1
        var path: [String] = []
        var pending: String?  // a name before its `=` or `:`
        var key: String?  // a name whose value comes next
        var word: [UInt8] = []
        func isWord(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D || c == 0x2E || c == 0x2B
        }
        func set(_ value: String) {
            if let key { values[(path + [key]).joined(separator: ".")] = ConfigValue(value: value, line: line) }
            key = nil
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                line += 1
                i += 1
            case 0x23:  // `#`: to the end of the line
                while i < b.count, b[i] != 0x0A { i += 1 }
            case 0x2F where i + 1 < b.count && b[i + 1] == 0x2F:
                while i < b.count, b[i] != 0x0A { i += 1 }
            case 0x2F where i + 1 < b.count && b[i + 1] == 0x2A:
                i += 2
                while i + 1 < b.count, !(b[i] == 0x2A && b[i + 1] == 0x2F) {
                    if b[i] == 0x0A { line += 1 }
                    i += 1
                }
                i += 2
            case 0x22:  // a string, with backslash escapes; adjacent strings join
                i += 1
                word = []
                while i < b.count, b[i] != 0x22 {
                    if b[i] == 0x5C, i + 1 < b.count { i += 1 }
                    if b[i] == 0x0A { line += 1 }
                    word.append(b[i])
                    i += 1
                }
                i += 1
                set(String(decoding: word, as: UTF8.self))
            case 0x3D, 0x3A:  // `=` or `:`: the name before it takes the value after
                key = pending
                pending = nil
                i += 1
            case 0x7B:  // a group: its settings are `name.key`
                path.append(key ?? "")
                key = nil
                i += 1
            case 0x7D:
                if !path.isEmpty { path.removeLast() }
                i += 1
            case 0x28, 0x5B:  // a list or an array: skipped whole
                let close: UInt8 = c == 0x28 ? 0x29 : 0x5D
                var depth = 0
                while i < b.count {
                    if b[i] == c { depth += 1 } else if b[i] == close { depth -= 1 }
                    if b[i] == 0x0A { line += 1 }
                    i += 1
                    if depth == 0 { break }
                }
                key = nil
            default:
                guard isWord(c) else {
                    i += 1
                    continue
                }
                let start = i
                while i < b.count, isWord(b[i]) { i += 1 }
                let text = String(decoding: b[start..<i], as: UTF8.self)
                if key != nil { set(text) } else { pending = text }
            }
        }
    }
}
