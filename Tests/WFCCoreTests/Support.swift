import Foundation
@_exported import TestSupport

@testable import WFCBuild
@testable import WFCChecks
@testable import WFCCore
@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan
@testable import WFCReport

func lint(_ text: String, path: String = "topology.yaml") -> LintResult {
    Linter.lint(SourceFile(path: path, text: text))
}

/// A bundled sample's text (`samples/NAME/topology.yaml`).
func sampleText(_ sample: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("samples/\(sample)/topology.yaml"), encoding: .utf8)
}

/// A bundled sample, linted.
func lintSample(_ sample: String) throws -> LintResult {
    lint(try sampleText(sample))
}

/// `CODE@line:column`, 1-based as a human reads them.
func positions(_ result: LintResult) -> [String] {
    result.diagnostics.map { "\($0.code)@\($0.span.start.line + 1):\($0.span.start.column + 1)" }
}
