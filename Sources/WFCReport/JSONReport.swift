import WFCChecks
import WFCLanguage

/// How an LSP position counts characters: UTF-16 code units (the protocol's default) or
/// UTF-8 bytes (when the editor offers it).
public enum PositionEncoding: String, Sendable {
    case utf16 = "utf-16"
    case utf8 = "utf-8"
}

/// The editor format: an LSP `Diagnostic` per problem (0-based lines, UTF-16 characters,
/// end exclusive), grouped by file.
public enum JSONReport {
    public static func render(_ results: [LintResult], context: ReportContext) -> String {
        let files: [JSON] = results.map { result in
            let uri = context.uri(for: result.source.path)
            return .object([
                ("path", .string(result.source.path)),
                ("uri", .string(uri)),
                ("diagnostics", .array(result.diagnostics.map { diagnostic($0, in: result.source, uri: uri) }))
            ])
        }
        let summary = Summary(results)
        return JSON.object([
            ("version", .int(1)),
            ("files", .array(files)),
            (
                "summary",
                .object([
                    ("files", .int(summary.files)),
                    ("errors", .int(summary.errors)),
                    ("warnings", .int(summary.warnings)),
                    ("notes", .int(summary.notes))
                ])
            )
        ]).rendered()
    }

    public static func range(_ span: Span, in source: SourceFile, encoding: PositionEncoding = .utf16) -> JSON {
        func position(_ mark: Mark) -> JSON {
            let character =
                encoding == .utf16
                ? source.utf16Column(mark)
                : mark.offset - (mark.line < source.lineStarts.count ? source.lineStarts[mark.line] : 0)
            return .object([("line", .int(mark.line)), ("character", .int(character))])
        }
        return .object([("start", position(span.start)), ("end", position(span.end))])
    }

    static func severity(_ s: Severity) -> Int {
        switch s {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    public static func diagnostic(_ d: Diagnostic, in source: SourceFile, uri: String, encoding: PositionEncoding = .utf16) -> JSON {
        func range(_ span: Span, in source: SourceFile) -> JSON { JSONReport.range(span, in: source, encoding: encoding) }
        var data: [(String, JSON)] = [("name", .string(d.name))]
        if let label = d.label { data.append(("label", .string(label))) }
        if !d.notes.isEmpty { data.append(("notes", .array(d.notes.map(JSON.string)))) }
        if !d.helps.isEmpty { data.append(("helps", .array(d.helps.map(JSON.string)))) }
        if !d.fixes.isEmpty {
            data.append(
                (
                    "fixes",
                    .array(
                        d.fixes.map { fix in
                            .object([
                                ("title", .string(fix.title)),
                                ("applicability", .string(fix.applicability.rawValue)),
                                (
                                    "edits",
                                    .array(
                                        fix.edits.map { edit in
                                            .object([("range", range(edit.span, in: source)), ("newText", .string(edit.newText))])
                                        })
                                )
                            ])
                        })
                ))
        }
        var fields: [(String, JSON)] = [
            ("range", range(d.span, in: source)),
            ("severity", .int(severity(d.severity))),
            ("code", .string(d.code.rawValue)),
            ("source", .string("wfc")),
            ("message", .string(d.message))
        ]
        if !d.related.isEmpty {
            fields.append(
                (
                    "relatedInformation",
                    .array(
                        d.related.map { label in
                            .object([
                                ("location", .object([("uri", .string(uri)), ("range", range(label.span, in: source))])),
                                ("message", .string(label.message))
                            ])
                        })
                ))
        }
        fields.append(("data", .object(data)))
        return .object(fields)
    }
}
