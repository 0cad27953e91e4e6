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

/// Compares `actual` with the golden file, or rewrites it when WFC_UPDATE_GOLDEN=1.
func assertGolden(_ actual: String, _ relativePath: String) throws -> (matches: Bool, expected: String) {
    let url = repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    if ProcessInfo.processInfo.environment["WFC_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden file \(relativePath); run with WFC_UPDATE_GOLDEN=1>"
    return (actual == expected, expected)
}
