import WFCLanguage

/// A YAML document as wfc writes one (Prometheus, the blackbox exporter, Ansible): mappings
/// with ordered keys, sequences and scalars, rendered in block style in one place. Every
/// string passes `quote`, so no value can become YAML syntax.
package indirect enum YAML: Sendable {
    case string(String)
    /// A string Ansible must take as written: tagged `!unsafe`, so that no `{{ }}` in it is
    /// ever templated.
    case unsafe(String)
    case int(Int)
    case bool(Bool)
    case list([YAML])
    case map([(String, YAML)])

    /// A string as one YAML scalar: plain when it cannot be read as anything else, otherwise
    /// double-quoted with every character a YAML reader would act on escaped.
    package static func quote(_ s: String) -> String {
        let plainScalars = s.unicodeScalars.allSatisfy { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_./+-".unicodeScalars.contains(c))
        }
        // Words and numbers a YAML 1.1 or 1.2 reader gives another type.
        let typed =
            ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"].contains(s.lowercased())
            || s.first.map { $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." } ?? true
        if plainScalars && !typed { return s }
        // JSON's escapes are YAML's double-quoted ones; JSON.quote also escapes C1 controls,
        // bidirectional overrides, line separators and the byte-order mark.
        var out = ""
        JSON.quote(s, into: &out)
        return out
    }

    /// A value from the topology in an Ansible file: a plain string when Jinja cannot read
    /// anything in it, `!unsafe` otherwise.
    package static func ansible(_ s: String) -> YAML {
        s.contains("{") || s.contains("%") ? .unsafe(s) : .string(s)
    }

    /// The document, with a final line end.
    package func rendered() -> String {
        var lines: [String] = []
        render(into: &lines, indent: 0)
        return lines.joined(separator: "\n") + "\n"
    }

    private var inline: String? {
        switch self {
        case .string(let s): return YAML.quote(s)
        case .unsafe(let s): return "!unsafe " + YAML.quote(s)
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list(let items) where items.isEmpty: return "[]"
        case .map(let pairs) where pairs.isEmpty: return "{}"
        default: return nil
        }
    }

    private func render(into lines: inout [String], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let pairs):
            for (key, value) in pairs {
                if let scalar = value.inline {
                    lines.append("\(pad)\(YAML.quote(key)): \(scalar)")
                } else {
                    lines.append("\(pad)\(YAML.quote(key)):")
                    value.render(into: &lines, indent: indent + 2)
                }
            }
        case .list(let items):
            for item in items {
                if let scalar = item.inline {
                    lines.append("\(pad)- \(scalar)")
                } else {
                    // The item's first line goes after `- `, the rest two columns in.
                    var inner: [String] = []
                    item.render(into: &inner, indent: indent + 2)
                    if let first = inner.first {
                        lines.append("\(pad)- " + first.dropFirst(indent + 2))
                        lines += inner.dropFirst()
                    }
                }
            }
        default:
            lines.append(pad + (inline ?? ""))
        }
    }
}
