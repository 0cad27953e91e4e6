import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// A topology that must lint clean, and every file `wfc build` writes for it, by path.
func emitted(_ text: String) throws -> (plan: Plan, files: [String: String]) {
    let result = lint(text)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    let plan = try #require(result.plan)
    let files = Dictionary(
        uniqueKeysWithValues: Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues()).map { ($0.path, $0.contents) })
    return (plan, files)
}
