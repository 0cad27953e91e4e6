import Foundation
import StageTestSupport
import Testing

@testable import WFCChecks
@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCReport

/// Reporters on fixture files, compared with golden files (WFC_UPDATE_GOLDEN=1 rewrites them).
@Suite("Reporters")
struct ReportTests {
    static let fixtures = ["mistakes", "syntax"]
    static let context = ReportContext(workingDirectory: "/work/project", color: false)

    func result(_ name: String) throws -> LintResult {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/report/\(name).yaml")
        let bytes = try [UInt8](Data(contentsOf: url))
        return Linter.lint(SourceFile(path: "\(name).yaml", bytes: bytes))
    }

    @Test(arguments: fixtures)
    func human(_ name: String) throws {
        let out = HumanReport.render([try result(name)], context: Self.context)
        let matches = try assertGolden(out, "report/\(name).human.txt").matches
        #expect(matches, "human output differs from report/\(name).human.txt:\n\(out)")
    }

    @Test(arguments: fixtures)
    func json(_ name: String) throws {
        let out = JSONReport.render([try result(name)], context: Self.context)
        let matches = try assertGolden(out, "report/\(name).json").matches
        #expect(matches, "JSON output differs from report/\(name).json:\n\(out)")
    }

    @Test("no secret value reaches any format")
    func noSecrets() throws {
        let r = try result("mistakes")
        #expect(!HumanReport.render([r], context: Self.context).contains("hunter2"))
        #expect(!JSONReport.render([r], context: Self.context).contains("hunter2"))
    }

    @Test("JSON columns are UTF-16 code units; human carets count wide characters twice")
    func columns() throws {
        let r = lint("version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - {name: \"𝒳\", node_id: 99}\n")
        let d = try #require(r.diagnostics.last)
        #expect(d.code == "WFC006")
        #expect(d.span.start.column == 25)
        #expect(r.source.utf16Column(d.span.start) == 26)
        #expect(HumanReport.columns("名前: x", upTo: 4) == 6)
    }

    @Test("colour is ANSI only when asked for")
    func colour() throws {
        let r = try result("syntax")
        #expect(HumanReport.render([r], context: ReportContext(workingDirectory: "/", color: true)).contains("\u{1B}[1;31m"))
        #expect(!HumanReport.render([r], context: Self.context).contains("\u{1B}"))
    }

    @Test("the human report caps at 200 diagnostics and counts the rest")
    func cap() {
        let many = (0..<250).map { "  k\($0): 1\n" }.joined()
        let r = Linter.lint(
            SourceFile(
                path: "topology.yaml", text: "version: 1\nmode: single\nauthorized_address: im.example.com\nclients:\n" + many + "nodes:\n  - name: n1\n"),
            bounded: false)
        #expect(r.diagnostics.count == 250)
        let out = HumanReport.render([r], context: Self.context)
        #expect(out.components(separatedBy: "error[WFC003]").count - 1 == 200)
        #expect(out.contains("… and 50 more diagnostics"))
        #expect(out.hasSuffix("250 errors\n"))
    }

    @Test("past 50 diagnostics of one rule, the rest are one summary of that rule")
    func boundPerRule() {
        let many = (0..<250).map { "  k\($0): 1\n" }.joined()
        let r = lint("version: 1\nmode: single\nauthorized_address: im.example.com\nclients:\n" + many + "nodes:\n  - name: n1\n  - name: n1\n")
        #expect(r.diagnostics.count == 51)
        #expect(r.diagnostics.prefix(50).map(\.message) == (0..<50).map { "unknown key `k\($0)`" })
        let summary = r.diagnostics[50]
        #expect(summary.code == "WFC003")
        #expect(summary.message == "… and 200 more `unknown-key` problems (WFC003) from here on, not shown one by one")
        #expect(summary.span.start.line == 54)
        #expect(summary.fixes.isEmpty)
    }

    @Test("a span over several lines is underlined to the end of its first line (found by fuzzing)")
    func multiLineSpan() throws {
        let r = lint("version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  im1:\n    public_address: 203.0.113.20\n")
        let out = HumanReport.render([r], context: Self.context)
        #expect(out.contains("5 |   im1:\n  |   ^^^^ expected a sequence\n"), "\(out)")
        #expect(r.diagnostics.map(\.code) == ["WFC004"])
    }

    @Test func uri() {
        #expect(Self.context.uri(for: "a b/topology.yaml") == "file:///work/project/a%20b/topology.yaml")
        #expect(Self.context.uri(for: "/abs/t.yaml") == "file:///abs/t.yaml")
    }
}
