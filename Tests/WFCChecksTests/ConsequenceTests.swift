import StageTestSupport
import Testing

@testable import WFCChecks
@testable import WFCLanguage

/// One cause, one diagnostic (Registry.consequences), and only where the cause reaches.
@Suite("Consequences")
struct ConsequenceTests {
    @Test("a consequence is hidden only where its cause is: WFC403 hides the inert HTTPS settings, not an inert port mapping")
    func scopedConsequence() throws {
        let text = """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            clients: {web: false, https: true}
            gateway: {public_address: 203.0.113.10}
            ports: {https: 8443}
            nodes:
              - {name: n1, public_address: 203.0.113.11, port_mapping: {80: 80}}
              - {name: n2, public_address: 203.0.113.12}
            firewall: {server_api_from: []}

            """
        let diagnostics = lint(text).diagnostics
        let codes = diagnostics.map(\.code.rawValue).sorted()
        #expect(codes == ["WFC306", "WFC403"], "\(diagnostics.map(\.message))")
        // The one WFC306 left is the port mapping's, which HTTPS has nothing to do with.
        let inert = diagnostics.first { $0.code.rawValue == "WFC306" }?.message ?? ""
        #expect(inert.hasPrefix("`port_mapping` of `n1` has no effect"), "\(inert)")
        let notes = diagnostics.first { $0.code.rawValue == "WFC403" }?.notes ?? []
        #expect(notes.contains { $0.hasPrefix("WFC306 waits until this is fixed") }, "\(notes)")
    }
}
