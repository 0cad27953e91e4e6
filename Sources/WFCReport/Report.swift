import WFCChecks
import WFCLanguage

/// What every reporter needs besides the results: how to name files for tools that want
/// absolute locations.
public struct ReportContext: Sendable {
    /// The absolute working directory, to make URIs of relative paths.
    public var workingDirectory: String
    public var color: Bool

    public init(workingDirectory: String, color: Bool = false) {
        self.workingDirectory = workingDirectory
        self.color = color
    }

    /// `file://` URI of a path as given on the command line.
    public func uri(for path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + (workingDirectory.hasSuffix("/") ? "" : "/") + path
        return "file://" + ReportContext.percentEncoded(absolute)
    }

    /// A path as a URI path: unreserved characters and `/` as they are, every other byte
    /// percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            if isAlphanumeric(byte) || "/-._~".utf8.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

public struct Summary: Sendable, Equatable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init(_ results: [LintResult]) {
        files = results.count
        for d in results.flatMap({ $0.diagnostics }) {
            switch d.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    /// `2 errors, 1 warning`; empty when there is nothing to count.
    public var sentence: String {
        func count(_ n: Int, _ word: String) -> String? { n == 0 ? nil : "\(n) \(word)\(n == 1 ? "" : "s")" }
        return [count(errors, "error"), count(warnings, "warning"), count(notes, "note")]
            .compactMap { $0 }.joined(separator: ", ")
    }
}
