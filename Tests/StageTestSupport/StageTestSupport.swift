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

/// Runs a program to its end: its exit status and what it wrote, standard error after
/// standard output in one stream.
public func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// `CODE@line:column`, 1-based as a human reads them.
public func positions(_ result: LintResult) -> [String] {
    result.diagnostics.map { "\($0.code)@\($0.span.start.line + 1):\($0.span.start.column + 1)" }
}
