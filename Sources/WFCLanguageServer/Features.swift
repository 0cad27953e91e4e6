import WFCCore

/// The language features, each a pure function of a document (and its lint) to LSP JSON.
enum Features {
    /// `textDocument/publishDiagnostics` params: the JSON report's LSP diagnostics, plus the
    /// rule's documentation link and tags editors draw (unused openings fade).
    static func diagnostics(_ doc: Document, result: LintResult, encoding: PositionEncoding, docs: String?) -> JSON {
        let items: [JSON] = result.diagnostics.map { d in
            guard case .object(var fields) = JSONReport.diagnostic(d, in: result.source, uri: doc.uri, encoding: encoding) else { return .null }
            if let docs {
                let anchor = "\(d.code)-\(d.name)".lowercased()
                fields.insert(("codeDescription", .object([("href", .string("\(docs)#\(anchor)"))])), at: 4)
            }
            // LSP's DiagnosticTag: 1 Unnecessary, 2 Deprecated.
            let tags = [(Rule.Tag.unnecessary, 1), (.deprecated, 2)].filter { d.tags.contains($0.0) }.map { JSON.int($0.1) }
            if !tags.isEmpty {
                fields.insert(("tags", .array(tags)), at: fields.count - 1)
            }
            return .object(fields)
        }
        return .object([("uri", .string(doc.uri)), ("version", .int(doc.version)), ("diagnostics", .array(items))])
    }

    static func edits(_ fix: Fix, in source: SourceFile, encoding: PositionEncoding) -> JSON {
        .array(fix.edits.map { .object([("range", JSONReport.range($0.span, in: source, encoding: encoding)), ("newText", .string($0.newText))]) })
    }

    /// A quick fix per fixable diagnostic that touches the range (safe ones preferred), and
    /// "fix all safe problems" as `source.fixAll.wfc`.
    static func codeActions(_ doc: Document, result: LintResult, range: (Int, Int), only: [String]?, encoding: PositionEncoding) -> JSON {
        func wanted(_ kind: String) -> Bool { only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true }
        let source = result.source
        var actions: [JSON] = []
        if wanted("quickfix") {
            for d in result.diagnostics where d.span.start.offset <= range.1 && range.0 <= max(d.span.end.offset, d.span.start.offset) {
                for fix in d.fixes {
                    let safe = fix.applicability == .safe
                    actions.append(
                        .object([
                            ("title", .string(safe ? fix.title : "\(fix.title) (unsafe: it changes what is reachable or picks a value)")),
                            ("kind", .string("quickfix")),
                            ("diagnostics", .array([JSONReport.diagnostic(d, in: source, uri: doc.uri, encoding: encoding)])),
                            ("isPreferred", .bool(safe)),
                            ("edit", .object([("changes", .object([(doc.uri, edits(fix, in: source, encoding: encoding))]))]))
                        ]))
                }
            }
        }
        if wanted("source.fixAll.wfc") {
            let outcome = Fixer.fixAll(doc.source)
            if outcome.fixed > 0 {
                let whole = Span(start: Mark(line: 0, column: 0, offset: 0), end: source.endMark)
                actions.append(
                    .object([
                        ("title", .string("Fix all safe wfc problems (\(outcome.fixed))")),
                        ("kind", .string("source.fixAll.wfc")),
                        (
                            "edit",
                            .object([
                                (
                                    "changes",
                                    .object([
                                        (
                                            doc.uri,
                                            .array([
                                                .object([
                                                    ("range", JSONReport.range(whole, in: source, encoding: encoding)),
                                                    ("newText", .string(String(decoding: outcome.result.source.bytes, as: UTF8.self)))
                                                ])
                                            ])
                                        )
                                    ])
                                )
                            ])
                        )
                    ]))
            }
        }
        return .array(actions)
    }

    /// On a key: its description, type and default from the language; on a diagnostic: the
    /// rule's summary and explanation. Null when there is neither.
    static func hover(_ doc: Document, result: LintResult, offset: Int) -> JSON {
        let source = result.source
        var sections: [String] = []
        let line = source.mark(at: offset).line
        let column = offset - source.lineStarts[line]
        let outline = Outline(source)
        if let path = keyPath(outline, line: line, column: column), let field = Outline.field(at: path) {
            var text = "**`\(path.joined(separator: "."))`** — \(field.description)\n\nType: \(field.type.expectation)."
            if field.required { text += " Required." }
            if let value = field.defaultValue { text += " Default: `\(value)`." }
            sections.append(text)
        }
        for d in result.diagnostics where d.span.start.offset <= offset && offset <= max(d.span.end.offset, d.span.start.offset + 1) {
            guard let rule = Registry.rule(d.code) else { continue }
            sections.append("**\(rule.code) \(rule.name)** (\(rule.severity.rawValue)): \(rule.summary)\n\n\(rule.explanation)")
        }
        guard !sections.isEmpty else { return .null }
        return .object([("contents", .object([("kind", .string("markdown")), ("value", .string(sections.joined(separator: "\n\n---\n\n")))]))])
    }

    /// The key under a column: a block key at the line's start, or a key inside a flow
    /// mapping (`- {name: a, private_address: …}`); with the keys of its enclosing mappings.
    static func keyPath(_ outline: Outline, line: Int, column: Int) -> [String]? {
        let l = outline.line(line)
        if let key = l.key, l.keyColumns.contains(column) || column == l.keyColumns.upperBound {
            return outline.parents(of: line, indent: l.indent) + [key]
        }
        // A word followed by `:` inside braces on this line.
        let b = outline.lines[line]
        guard column < b.count, Outline.isKeyByte(b[column]) else { return nil }
        var s = column, e = column
        while s > 0, Outline.isKeyByte(b[s - 1]) { s -= 1 }
        while e < b.count, Outline.isKeyByte(b[e]) { e += 1 }
        guard e < b.count, b[e] == UInt8(ascii: ":"), let brace = b[..<s].lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var path = outline.parents(of: line, indent: l.indent)
        // `clients: {web: true}`: the braces are the value of the line's own key.
        if let key = l.key, l.keyColumns.upperBound < brace { path.append(key) }
        return path + [String(decoding: b[s..<e], as: UTF8.self)]
    }

    /// Keys valid in the mapping at the cursor, or values for the key before it: the words
    /// of `mode`, `backend`, `network`…, booleans, and node names (with `nodes`, `gateway`,
    /// `all`) in `to:`.
    static func completion(_ doc: Document, result: LintResult, offset: Int) -> JSON {
        let source = result.source
        let line = source.mark(at: offset).line
        let column = offset - source.lineStarts[line]
        let outline = Outline(source)
        let b = outline.lines[line]
        let before = Array(b.prefix(column))
        var items: [JSON] = []
        if let (key, inList) = valueContext(before) {
            let l = outline.line(line)
            var path = outline.parents(of: line, indent: l.indent)
            if l.key != nil, l.key != key { path.append(l.key ?? "") }
            let field = Outline.field(at: path + [key]) ?? Outline.spec(at: path)?.field(key)
            var words: [String] = []
            switch field?.type {
            case .choice(let choices)?: words = choices
            case .boolean?: words = ["true", "false"]
            case .oneOrList(.target)?: words = nodeNames(result, outline) + FirewallTarget.groups.map { $0.word }
            case .wordOrList(let word, _)?: words = inList ? [] : [word]
            default: break
            }
            items = words.map { .object([("label", .string($0)), ("kind", .int(12))]) }  // Value
        } else {
            let l = outline.line(line)
            // A blank line's indent is where the cursor stands.
            let indent = l.isBlank ? column : l.indent
            let path = outline.parents(of: line, indent: indent)
            let present = outline.siblings(of: line, indent: indent)
            if let spec = Outline.spec(at: path) {
                for field in spec.fields where !present.contains(field.key) {
                    items.append(
                        .object([
                            ("label", .string(field.key)),
                            ("kind", .int(10)),  // Property
                            ("detail", .string(field.type.expectation)),
                            ("documentation", .string(field.description)),
                            ("insertText", .string(field.key + ": "))
                        ]))
                }
            }
        }
        return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
    }

    /// `key: partial` (or `key: [a, partial` for lists) right before the cursor: the key.
    static func valueContext(_ before: [UInt8]) -> (String, Bool)? {
        guard let colon = before.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let after = before[(colon + 1)...]
        guard after.first == 0x20 || after.isEmpty else { return nil }
        let inList = after.contains(UInt8(ascii: "["))
        guard !after.contains(UInt8(ascii: "{")), inList || !after.contains(UInt8(ascii: ",")) else { return nil }
        var s = colon
        while s > 0, Outline.isKeyByte(before[s - 1]) { s -= 1 }
        guard s < colon else { return nil }
        return (String(decoding: before[s..<colon], as: UTF8.self), inList)
    }

    /// The nodes' names: from the decoded topology, or read off `name:` lines.
    static func nodeNames(_ result: LintResult, _ outline: Outline) -> [String] {
        if let nodes = result.topology?.nodes.value {
            let names = nodes.compactMap { $0.value?.name.value }
            if !names.isEmpty { return names }
        }
        var names: [String] = []
        for (i, b) in outline.lines.enumerated() {
            guard let range = b.firstRange(of: Array((Key.name.rawValue + ":").utf8)) else { continue }
            let value = b[range.upperBound...].drop { $0 == 0x20 }.prefix { Outline.isKeyByte($0) }
            if !value.isEmpty, outline.parents(of: i, indent: outline.line(i).indent).first == Key.nodes.rawValue {
                names.append(String(decoding: value, as: UTF8.self))
            }
        }
        return names
    }
}
