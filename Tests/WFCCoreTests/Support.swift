import Foundation
@_exported import TestSupport
@testable import WFCCore

func lint(_ text: String, path: String = "topology.yaml") -> LintResult {
    Linter.lint(SourceFile(path: path, text: text))
}

/// `CODE@line:column`, 1-based as a human reads them.
func positions(_ result: LintResult) -> [String] {
    result.diagnostics.map { "\($0.code)@\($0.span.start.line + 1):\($0.span.start.column + 1)" }
}
