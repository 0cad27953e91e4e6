import Foundation
import StageTestSupport
import Testing
import WFCCore

@testable import WFCImport

/// Inputs the fuzz target `wfc-fuzz-import` stopped on (copied here from Fuzz/crashes/), read the three ways it
/// reads them: every line a reader names is one of the input's. The first was the target's own
/// mistake: it took a directive named `""` (a `map` key) for a reader's.
@Suite("wfc import's readers on the fuzzer's findings")
struct FuzzRegressionTests {
    static let inputs = ["wfc-fuzz-import-crash-1efaed5016d9bc84a9086fb44b85ca53ea8863cc"]

    @Test("each stays inside its input", arguments: inputs)
    func regression(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/import/fuzz/\(name)")))
        let lines = bytes.count { $0 == 0x0A } + 1
        do {
            let sections = try HAProxyConfig.read(bytes, file: "h.cfg")
            #expect(sections.allSatisfy { s in s.line >= 1 && s.line <= lines && s.lines.allSatisfy { $0.line >= s.line && $0.line <= lines } })
        } catch {
            #expect(error.line >= 1 && error.line <= lines, "haproxy: \(error)")
        }
        let settings = IMConfigSettings(bytes)
        #expect(settings.values.values.allSatisfy { $0.line >= 1 && $0.line <= lines } && (settings.stoppedAt ?? 1) <= lines, "settings")
        do {
            let tree = try NginxConfig.read(
                main: "/f/nginx.conf", read: { _ in bytes }, glob: { $0.contains("*") ? ["/f/a.conf", "/f/b.conf"] : [$0] })
            func check(_ ds: [NginxDirective]) -> Bool { ds.allSatisfy { $0.line >= 1 && $0.line <= lines && check($0.block ?? []) } }
            #expect(check(tree), "nginx tree")
        } catch {
            #expect(error.line >= 1 && error.line <= lines, "nginx: \(error)")
        }
    }
}
