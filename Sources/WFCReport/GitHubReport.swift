import WFCChecks
import WFCLanguage

/// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per
/// diagnostic, which the runner turns into an annotation on the file.
public enum GitHubReport {
    public static func render(_ results: [LintResult], context: ReportContext) -> String {
        var out = ""
        for result in results {
            for d in result.diagnostics {
                out += line(d, path: result.source.path) + "\n"
            }
        }
        return out
    }

    static func line(_ d: Diagnostic, path: String) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties = [
            ("file", path.escapingControls),
            ("line", String(d.span.start.line + 1))
        ]
        // Columns only for a one-line span; GitHub's end column is the last character's.
        if d.span.start.line == d.span.end.line {
            properties.append(("col", String(d.span.start.column + 1)))
            properties.append(("endLine", String(d.span.end.line + 1)))
            properties.append(("endColumn", String(max(d.span.start.column + 1, d.span.end.column))))
        } else {
            properties.append(("endLine", String(d.span.end.line + 1)))
        }
        properties.append(("title", "\(d.code) \(d.name)"))
        var message = d.message.escapingControls
        for help in d.helps { message += "\nhelp: \(help.escapingControls)" }
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command) \(props)::\(escapeData(message))"
    }

    static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func escapeProperty(_ s: String) -> String {
        var out = ""
        for c in escapeData(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
