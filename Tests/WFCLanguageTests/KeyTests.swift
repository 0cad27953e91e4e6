import StageTestSupport
import Testing

@testable import WFCLanguage

@Suite("Language keys")
struct KeyTests {
    /// Every key some spec declares, at any depth.
    func declared(_ spec: ObjectSpec, into keys: inout Set<String>) {
        for f in spec.fields {
            keys.insert(f.key)
            if let inner = f.type.objectSpec { declared(inner, into: &keys) }
        }
    }

    @Test("Key has one case per key of the language and no other")
    func oneCasePerKey() {
        var keys = Set<String>()
        declared(Language.topology, into: &keys)
        // A `.secret` value is a string or this mapping.
        declared(Language.secretReference, into: &keys)
        #expect(keys == Set(Key.allCases.map(\.rawValue)))
        #expect(Key.websocketProxyPort.description == "websocket_proxy_port")
        #expect("`\(Key.nodeID)`" == "`node_id`")
    }
}
