import StageTestSupport
import Testing

@testable import WFCLanguage

@Suite("Language keys")
struct KeyTests {
    /// Every key some spec declares, at any depth.
    func declared(_ spec: ObjectSpec, into keys: inout Set<String>) {
        for f in spec.fields {
            keys.insert(f.key)
            var type = f.type
            while true {
                switch type {
                case .object(let inner): declared(inner, into: &keys)
                case .list(let item, _), .oneOrList(let item), .wordOrList(_, let item):
                    type = item
                    continue
                default: break
                }
                break
            }
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
