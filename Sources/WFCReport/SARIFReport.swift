import WFCChecks
import WFCLanguage

/// SARIF 2.1.0 for code-scanning tools: every rule in `tool.driver.rules`, every diagnostic a
/// result with 1-based regions in Unicode code points, related locations and fixes.
public enum SARIFReport {
    public static func render(_ results: [LintResult], context: ReportContext) -> String {
        let rules = Registry.rules
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        var out: [JSON] = []
        for result in results {
            let uri = artifactURI(result.source.path, context: context)
            for d in result.diagnostics {
                out.append(self.result(d, uri: uri, ruleIndex: index[d.code] ?? 0))
            }
        }
        return JSON.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", .string("wfc")),
                                        ("version", .string(WFCVersion.string)),
                                        ("semanticVersion", .string(WFCVersion.string)),
                                        ("rules", .array(rules.map(rule)))
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", .string("unicodeCodePoints")),
                        ("results", .array(out))
                    ])
                ])
            )
        ]).rendered()
    }

    /// Relative paths stay relative (percent-encoded); absolute ones become file URIs.
    static func artifactURI(_ path: String, context: ReportContext) -> String {
        path.hasPrefix("/") ? context.uri(for: path) : ReportContext.percentEncoded(path)
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    static func rule(_ r: Rule) -> JSON {
        .object([
            ("id", .string(r.code.rawValue)),
            ("name", .string(r.name)),
            ("shortDescription", .object([("text", .string(r.summary))])),
            ("fullDescription", .object([("text", .string(r.explanation))])),
            ("help", .object([("text", .string("wfc explain \(r.code)"))])),
            ("defaultConfiguration", .object([("level", .string(level(r.severity)))]))
        ])
    }

    /// 1-based; the end column is the one after the last character, as SARIF counts.
    static func region(_ span: Span) -> JSON {
        .object([
            ("startLine", .int(span.start.line + 1)),
            ("startColumn", .int(span.start.column + 1)),
            ("endLine", .int(span.end.line + 1)),
            ("endColumn", .int(span.end.column + 1))
        ])
    }

    static func location(_ uri: String, _ span: Span) -> JSON {
        .object([
            (
                "physicalLocation",
                .object([
                    ("artifactLocation", .object([("uri", .string(uri))])),
                    ("region", region(span))
                ])
            )
        ])
    }

    static func result(_ d: Diagnostic, uri: String, ruleIndex: Int) -> JSON {
        var text = d.message
        for note in d.notes { text += "\nnote: \(note)" }
        for help in d.helps { text += "\nhelp: \(help)" }
        var fields: [(String, JSON)] = [
            ("ruleId", .string(d.code.rawValue)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(d.severity))),
            ("message", .object([("text", .string(text))])),
            ("locations", .array([location(uri, d.span)]))
        ]
        if !d.related.isEmpty {
            fields.append(
                (
                    "relatedLocations",
                    .array(
                        d.related.enumerated().map { i, label in
                            guard case .object(var pairs) = location(uri, label.span) else { return .null }
                            pairs.insert(("id", .int(i)), at: 0)
                            pairs.append(("message", .object([("text", .string(label.message))])))
                            return .object(pairs)
                        })
                ))
        }
        if !d.fixes.isEmpty {
            fields.append(
                (
                    "fixes",
                    .array(
                        d.fixes.map { fix in
                            .object([
                                ("description", .object([("text", .string(fix.title + (fix.applicability == .unsafe ? " (unsafe: review it)" : "")))])),
                                (
                                    "artifactChanges",
                                    .array([
                                        .object([
                                            ("artifactLocation", .object([("uri", .string(uri))])),
                                            (
                                                "replacements",
                                                .array(
                                                    fix.edits.map { edit in
                                                        .object([
                                                            ("deletedRegion", region(edit.span)),
                                                            ("insertedContent", .object([("text", .string(edit.newText))]))
                                                        ])
                                                    })
                                            )
                                        ])
                                    ])
                                )
                            ])
                        })
                ))
        }
        return .object(fields)
    }
}
