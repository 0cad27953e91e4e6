import StageTestSupport
import Testing

@testable import WFCChecks
@testable import WFCEmit
@testable import WFCLanguage

@Suite("Fixes")
struct FixApplierTests {
    static let text = "version: 1\nmode: single\nauthorised_address: im.example.com\nnodes:\n  - name: n1\n"

    @Test("one fix that would break the file is skipped and named; the others still apply")
    func partial() throws {
        let source = SourceFile(path: "t.yaml", text: Self.text)
        let real = lint(Self.text)
        let rename = try #require(real.diagnostics.first { $0.code == "WFC003" })
        // A made-up diagnostic whose fix opens a flow sequence it never closes.
        var breaking = rename
        breaking.code = "WFC999"
        breaking.message = "breaks the file"
        breaking.fixes = [.replace(Span(at: Mark(line: 1, column: 6, offset: 17)), with: "[", "insert a bracket")]
        var injected = false
        let outcome = Fixer.fixAll(source, unsafe: false) { file in
            var r = Linter.lint(file, bounded: false)
            if !injected { r.diagnostics.append(breaking); injected = true }
            return r
        }
        #expect(outcome.skipped.map(\.code) == ["WFC999"])
        #expect(outcome.fixed == 1)
        #expect(String(decoding: outcome.result.source.bytes, as: UTF8.self).contains("\nauthorized_address: im.example.com\n"))
        #expect(outcome.result.diagnostics.isEmpty)
    }

    @Test("unsafe fixes wait for --unsafe-fixes and are counted")
    func unsafeWaits() {
        let text = "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: false, https: true}\nnodes:\n  - name: n1\n"
        let safe = Fixer.fixAll(SourceFile(path: "t.yaml", text: text))
        #expect(safe.fixed == 0)
        #expect(safe.unsafeLeft == 1)
        let unsafe = Fixer.fixAll(SourceFile(path: "t.yaml", text: text), unsafe: true)
        #expect(unsafe.fixed == 1)
        #expect(String(decoding: unsafe.result.source.bytes, as: UTF8.self).contains("{web: true, https: true}"))
    }

    @Test("a flow list behind an anchor is extended inside its brackets")
    func anchoredList() throws {
        let text =
            "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: true}\nnodes:\n  - name: n1\nfirewall:\n  allow:\n    - to: all\n      ports: &p [22, 80, 1883]\n"
        let outcome = Fixer.fixAll(SourceFile(path: "t.yaml", text: text), unsafe: true)
        #expect(String(decoding: outcome.result.source.bytes, as: UTF8.self).hasSuffix("      ports: &p [22, 80, 1883, 8083]\n"))
        #expect(outcome.result.diagnostics.isEmpty)
    }

    @Test("many fixes at once stay near-linear: taken edits are found by binary search")
    func takenEdits() {
        var taken = TakenEdits()
        for i in stride(from: 0, to: 2_000, by: 2) {
            taken.insert(TextEdit(span: Span(start: Mark(line: 0, column: i, offset: i), end: Mark(line: 0, column: i + 1, offset: i + 1)), newText: "x"))
        }
        #expect(taken.overlaps(Span(start: Mark(line: 0, column: 10, offset: 10), end: Mark(line: 0, column: 11, offset: 11))))
        #expect(!taken.overlaps(Span(start: Mark(line: 0, column: 11, offset: 11), end: Mark(line: 0, column: 12, offset: 12))))
        #expect(taken.overlaps(Span(at: Mark(line: 0, column: 1_998, offset: 1_998))))
        #expect(!taken.overlaps(Span(at: Mark(line: 0, column: 5_000, offset: 5_000))))
    }
}
