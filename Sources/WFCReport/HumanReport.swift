import WFCChecks
import WFCLanguage

/// The terminal format, after rustc: a header, the file position, the source lines with
/// `^` under the problem and `-` under the places it relates to, then `note:`/`help:`.
public enum HumanReport {
    /// Beyond this many diagnostics in one run, the rest are only counted.
    public static let limit = 200

    public static func render(_ results: [LintResult], context: ReportContext) -> String {
        var out = ""
        var shown = 0, hidden = 0
        for result in results {
            for d in result.diagnostics {
                if shown == limit { hidden += 1; continue }
                out += render(d, in: result.source, color: context.color)
                out += "\n"
                shown += 1
            }
        }
        if hidden > 0 {
            out += "… and \(hidden) more diagnostic\(hidden == 1 ? "" : "s") (the first \(limit) are shown; `--format json` lists all)\n"
        }
        let sentence = Summary(results).sentence
        if !sentence.isEmpty {
            out += Style(color: context.color).bold(sentence) + "\n"
        }
        return out
    }

    public static func render(_ d: Diagnostic, in source: SourceFile, color: Bool) -> String {
        let s = Style(color: color)
        // Everything from the input is printed with its control characters escaped.
        let annotations = [(d.span, (d.label ?? "").escapingControls, true)] + d.related.map { ($0.span, $0.message.escapingControls, false) }
        let lines = Set(annotations.map(\.0.start.line)).sorted()
        let width = String((lines.last ?? 0) + 1).count
        let pad = String(repeating: " ", count: width)
        let bar = s.gutter("|")

        var out = s.severity(d.severity, "\(d.severity.rawValue)[\(d.code)]") + s.bold(": \(d.message.escapingControls)") + "\n"
        out += "\(pad)\(s.gutter("-->")) \(source.path.escapingControls):\(d.span.start.line + 1):\(d.span.start.column + 1)\n"
        out += "\(pad) \(bar)\n"
        var previous: Int?
        for line in lines {
            if let previous, line > previous + 1 { out += s.gutter("...") + "\n" }
            previous = line
            let onLine = annotations.filter { $0.0.start.line == line }
            let window = Window(source.lineText(line), focus: onLine.map(\.0.start.column).min() ?? 0)
            let number = String(line + 1)
            out += s.gutter(String(repeating: " ", count: width - number.count) + number + " |") + " " + window.shown + "\n"
            for (span, label, primary) in onLine {
                let lead = window.column(span.start.column)
                // A span that runs past this line is underlined to the line's end.
                let endColumn = span.end.line == line ? span.end.column : window.length
                let length = max(1, window.column(endColumn) - lead)
                let marks = String(repeating: primary ? "^" : "-", count: length)
                let underline = String(repeating: " ", count: lead) + marks + (label.isEmpty ? "" : " " + label)
                out += "\(pad) \(bar) " + (primary ? s.severity(d.severity, underline) : s.gutter(underline)) + "\n"
            }
        }
        if !d.notes.isEmpty || !d.helps.isEmpty || !d.fixes.isEmpty { out += "\(pad) \(bar)\n" }
        for note in d.notes { out += "\(pad) \(s.gutter("=")) \(s.bold("note")): \(note.escapingControls)\n" }
        for help in d.helps { out += "\(pad) \(s.gutter("=")) \(s.bold("help")): \(help.escapingControls)\n" }
        if let fix = d.fixes.first {
            let how =
                fix.applicability == .safe ? "`wfc lint --fix`" : "`wfc lint --fix --unsafe-fixes` (it changes what is reachable or picks a value: review it)"
            out += "\(pad) \(s.gutter("=")) \(s.bold("fix")): \(fix.title.escapingControls), with \(how)\n"
        }
        return out
    }

    /// The part of a source line an excerpt shows: all of it, or for a very long line a
    /// window around the first annotation, marked with `…`. Tabs show as one space and other
    /// control characters as `�`, so that carets stay under their characters and the input
    /// cannot drive the terminal.
    struct Window {
        static let width = 160
        let shown: String
        private let visible: String
        private let first: Int
        private let lead: Int
        private let count: Int
        /// The line's length in Unicode scalars.
        var length: Int { count }

        init(_ text: String, focus: Int) {
            let scalars = Array(text.unicodeScalars)
            count = scalars.count
            first = scalars.count > Window.width ? max(0, min(focus - 40, scalars.count - Window.width)) : 0
            let last = min(scalars.count, first + Window.width)
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[first..<last].map { $0 == "\t" ? " " : $0.isUnsafeToPrint ? "\u{FFFD}" : $0 })
            visible = String(v)
            lead = first > 0 ? 1 : 0
            shown = (first > 0 ? "…" : "") + visible + (last < scalars.count ? "…" : "")
        }

        /// The terminal column under which a source column is shown; a column past the
        /// line's end (a problem at the end of a line) is one past its last character.
        func column(_ c: Int) -> Int {
            let inside = min(max(c, first), count) - first
            return lead + HumanReport.columns(visible, upTo: min(inside, Window.width)) + (c > count ? 1 : 0)
        }
    }

    /// Terminal columns taken by the first `count` scalars of a line (wide CJK counts 2).
    package static func columns(_ text: String, upTo count: Int) -> Int {
        var total = 0
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i >= count { break }
            total += isWide(scalar) ? 2 : 1
        }
        return total + max(0, count - text.unicodeScalars.count)
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// ANSI styling, or none.
struct Style {
    let color: Bool

    private func wrap(_ code: String, _ text: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap("1", text) }
    func gutter(_ text: String) -> String { wrap("1;34", text) }

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .error: return wrap("1;31", text)
        case .warning: return wrap("1;33", text)
        case .note: return wrap("1;36", text)
        }
    }
}
