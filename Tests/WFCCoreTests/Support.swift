import Foundation
@_exported import TestSupport
@testable import WFCCore

func lint(_ text: String, path: String = "topology.yaml") -> LintResult {
    Linter.lint(SourceFile(path: path, text: text))
}

/// A bundled sample (`samples/NAME/topology.yaml`), linted.
func lintSample(_ sample: String) throws -> LintResult {
    let url = repositoryRoot.appendingPathComponent("samples/\(sample)/topology.yaml")
    return lint(try String(contentsOf: url, encoding: .utf8))
}

/// `CODE@line:column`, 1-based as a human reads them.
func positions(_ result: LintResult) -> [String] {
    result.diagnostics.map { "\($0.code)@\($0.span.start.line + 1):\($0.span.start.column + 1)" }
}
