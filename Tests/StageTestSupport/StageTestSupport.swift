import Foundation
@_exported import TestSupport
import WFCChecks
import WFCLanguage

// What the stage tests share: lint a text, read a bundled sample, print positions.

public func lint(_ text: String, path: String = "topology.yaml") -> LintResult {
    Linter.lint(SourceFile(path: path, text: text))
}

/// A bundled sample's text (`samples/NAME/topology.yaml`).
public func sampleText(_ sample: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("samples/\(sample)/topology.yaml"), encoding: .utf8)
}

/// A bundled sample, linted.
public func lintSample(_ sample: String) throws -> LintResult {
    lint(try sampleText(sample))
}

/// `CODE@line:column`, 1-based as a human reads them.
public func positions(_ result: LintResult) -> [String] {
    result.diagnostics.map { "\($0.code)@\($0.span.start.line + 1):\($0.span.start.column + 1)" }
}
