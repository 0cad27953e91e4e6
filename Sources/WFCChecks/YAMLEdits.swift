import WFCLanguage

/// The YAML edits that fixes make to topology.yaml: new list items and rules written in
/// the file's own layout.
extension Rule {
    /// How a new item of a block sequence is written after `item`, its last one: the `- `
    /// indentation and the file's own line end. Nil unless `item` stands after its own `- `
    /// (another shape is one an edit would not know how to extend).
    static func blockItemLayout(_ item: Span, in source: SourceFile) -> (indent: String, newline: String)? {
        guard item.start.column >= 2, item.start.offset >= 2,
            source.bytes[item.start.offset - 2] == UInt8(ascii: "-")
        else { return nil }
        return (String(repeating: " ", count: item.start.column - 2), source.bytes.contains(0x0D) ? "\r\n" : "\n")
    }

    /// An edit that appends a rule to a block `allow` or `egress` list, indented like its
    /// items. Nil for other shapes (a flow list, an empty one), which the edit would not know
    /// how to extend.
    static func appendRule<T>(_ title: String, to allow: Located<[Field<T>]>, lines: [String], in source: SourceFile) -> Fix? {
        guard let last = allow.value.last?.located, let (indent, newline) = blockItemLayout(last.span, in: source) else { return nil }
        // After the last item's last byte: its mapping's end may already be on the next line.
        var end = last.span.end.offset
        while end > last.span.start.offset, [0x0A, 0x0D, 0x20].contains(source.bytes[end - 1]) { end -= 1 }
        let at = source.mark(at: end)
        let text = newline + indent + "- " + lines[0] + lines.dropFirst().map { newline + indent + "  " + $0 }.joined()
        return Fix(title, edits: [TextEdit(span: Span(at: at), newText: text)], applicability: .unsafe)
    }

    /// An edit that appends ports to a flow (`[22, 80]`) or block (`- 22`) sequence.
    static func addPorts(_ ports: [String], to list: Located<[Field<PortRange>]>, in source: SourceFile) -> Fix? {
        let title = "open \(ports.joined(separator: ", "))"
        // The node's span may start with an anchor or a tag (`&p [22, 80]`): look past them.
        var text = Substring(source.text(list.span))
        while text.first == "&" || text.first == "!" {
            text = text.drop { $0 != " " && $0 != "[" }.drop { $0 == " " }
        }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { return nil }
            var close = list.span.end
            close.offset -= 1
            close.column -= 1
            let insert = (list.value.isEmpty ? "" : ", ") + ports.joined(separator: ", ")
            return Fix(title, edits: [TextEdit(span: Span(at: close), newText: insert)], applicability: .unsafe)
        }
        guard let last = list.value.last?.located ?? nil, let (indent, newline) = blockItemLayout(last.span, in: source) else { return nil }
        let insert = ports.map { "\(newline)\(indent)- \($0)" }.joined()
        return Fix(title, edits: [TextEdit(span: Span(at: last.span.end), newText: insert)], applicability: .unsafe)
    }
}
