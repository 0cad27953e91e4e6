import StageTestSupport
import Testing

@testable import WFCBuild
@testable import WFCPlan

/// One secret written into two files is judged by each file's syntax.
@Suite("Secrets: one value, every file it goes into")
struct SecretResolverTests {
    static let topology = """
        version: 1
        mode: single
        authorized_address: im.example.com
        clients: {web: true, https: true}
        tls: {jks_path: /etc/im/im.jks, key_store_password: {env: SHARED}, key_manager_password: {env: SHARED}}
        nodes:
          - {name: im1, public_address: 203.0.113.20}
        calls:
          turn:
            - name: turn1
              public_address: 203.0.113.30
              user: wfc
              password: {env: SHARED}
        """

    func problems(_ value: String) throws -> (messages: [String], resolved: Bool) {
        let plan = try #require(lint(Self.topology).plan)
        let (values, problems) = SecretResolver.resolve(plan, topologyDirectory: ".") { $0 == "SHARED" ? value : nil }
        return (problems.map(\.message), values.values[.env("SHARED")] != nil)
    }

    @Test("a keystore password the IM config takes but coturn would read as a hex key is refused at the TURN password, once")
    func sharedSecret() throws {
        let hex = try problems("0xdeadbeefdeadbeefdeadbeefdeadbeef")
        #expect(hex.messages.count == 1 && hex.messages[0].hasPrefix("cannot read the secret `calls.turn.password`: its value starts with `0x`"))
        #expect(!hex.resolved)
        // The other way round: a `#` and a space are fine for coturn, not for the IM config; one
        // finding, at the first place that writes it.
        let hash = try problems("a# b")
        #expect(hash.messages.count == 1 && hash.messages[0].hasPrefix("cannot read the secret `key_store_password`"))
        let fine = try problems("plain-Secret1")
        #expect(fine.messages.isEmpty && fine.resolved)
    }
}
