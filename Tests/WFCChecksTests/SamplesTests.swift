import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit

@Suite("Samples")
struct SamplesTests {
    @Test(arguments: sampleNames)
    func lintsClean(_ name: String) throws {
        let url = repositoryRoot.appendingPathComponent("samples/\(name)/topology.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../../schemas/topology.schema.json\n"))
        let result = lint(text, path: "samples/\(name)/topology.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.topology != nil)
    }
}
