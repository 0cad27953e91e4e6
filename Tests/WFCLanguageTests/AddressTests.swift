import StageTestSupport
import Testing

@testable import WFCLanguage

@Suite("Hosts, addresses and names")
struct AddressTests {
    @Test(arguments: ["203.0.113.10", "10.0.0.1", "2001:db8::10", "::1", "im.example.com", "localhost", "a-b.c1.example"])
    func validHosts(_ text: String) {
        #expect(Host(text) != nil)
    }

    @Test(arguments: [
        "", "http://im.example.com", "im.example.com:80", "203.0.113.300", "010.0.0.1", "1.2.3",
        "-bad.example.com", "bad-.example", "a..b", "im example.com", "fe80::1%eth0", "im.example.com/x",
        String(repeating: "a", count: 64) + ".com", "x;rm"
    ])
    func invalidHosts(_ text: String) {
        #expect(Host(text) == nil)
    }

    @Test func ranges() {
        #expect(AddressRange("10.0.0.0/8")?.prefix == 8)
        #expect(AddressRange("10.0.0.5")?.prefix == 32)
        #expect(AddressRange("2001:db8::/32")?.prefix == 32)
        #expect(AddressRange("10.0.0.0/33") == nil)
        #expect(AddressRange("10.0.0.0/") == nil)
        #expect(AddressRange("10.0.0.0/+8") == nil)
        #expect(AddressRange("2001:db8::/129") == nil)
    }

    @Test func prefixMatching() throws {
        let a = try #require(IPAddress("10.1.2.3"))
        #expect(a.matches(try #require(IPAddress("10.0.0.0")), prefix: 8))
        #expect(!a.matches(try #require(IPAddress("11.0.0.0")), prefix: 8))
        #expect(a.matches(try #require(IPAddress("10.1.2.0")), prefix: 23))
    }

    @Test func nodeNames() {
        #expect(Grammar.isNodeName("node-1"))
        #expect(!Grammar.isNodeName("1node"))
        #expect(!Grammar.isNodeName("Node"))
        #expect(!Grammar.isNodeName(String(repeating: "a", count: 64)))
    }

    @Test func didYouMean() {
        #expect(suggestion(for: "authorised_address", among: Language.topology.keys) == "authorized_address")
        #expect(suggestion(for: "multinode", among: ["single", "multi-node", "single-entry"]) == "multi-node")
        #expect(suggestion(for: "zzzz", among: ["version", "mode"]) == nil)
        #expect(editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    }

    @Test("a limited edit distance is exact up to the limit and above it past the limit, for every pair of keys and their typos")
    func limitedEditDistance() {
        let keys = Key.allCases.map(\.rawValue)
        // Typos of each key: a swap, a deletion, a doubled letter.
        let words =
            keys
            + keys.flatMap { k -> [String] in
                var s = Array(k)
                guard s.count > 2 else { return [] }
                s.swapAt(0, 1)
                return [String(s), String(k.dropFirst()), k + String(k.last!)]
            }
        var compared = 0
        for w in words.map({ Array($0.unicodeScalars) }) {
            for k in keys.map({ Array($0.unicodeScalars) }) {
                let full = editDistance(w, k)
                for limit in 0...3 {
                    let limited = editDistance(w, k, limit: limit)
                    #expect(
                        full <= limit ? limited == full : limited > limit,
                        "\(String(String.UnicodeScalarView(w))) \(String(String.UnicodeScalarView(k))) \(limit)")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }
}
