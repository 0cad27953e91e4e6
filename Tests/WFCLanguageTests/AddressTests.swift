import Glibc
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

    @Test("a dotted quad is read exactly as glibc's inet_pton reads it")
    func dottedQuadAgainstGlibc() {
        // Every string of up to six characters over digits and dots, and longer ones around
        // the edges (255, 256, leading zeros, a fifth part).
        var texts: [String] = [""]
        var frontier = [""]
        for _ in 1...6 {
            frontier = frontier.flatMap { t in ["0", "1", "2", "5", "9", "."].map { t + $0 } }
            texts += frontier
        }
        texts += [
            "255.255.255.255", "256.0.0.1", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "0.0.0.0", "1.2.3.4.", ".1.2.3.4",
            "1..2.3", "192.168.001.1", "1.2.3.255", "1.2.3.2555", "4294967296.1.1.1", "1.2.3.4 ", "1.2.3.-4"
        ]
        var agreed = 0
        for text in texts {
            var raw = in_addr()
            let glibc = inet_pton(AF_INET, text, &raw) == 1 ? withUnsafeBytes(of: &raw) { Array($0) } : nil
            #expect(IPAddress(text)?.bytes == glibc, "\(text)")
            agreed += 1
        }
        #expect(agreed > 50_000)
    }

    @Test func mappedAndPrefixes() throws {
        let mapped = try #require(IPAddress("::ffff:10.1.2.3"))
        #expect(mapped.isIPv4Mapped && mapped.isIPv6)
        #expect(mapped.mappedIPv4 == IPAddress("10.1.2.3"))
        #expect(mapped.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 1, 2, 3])
        #expect(IPAddress("10.1.2.3")?.mappedIPv4 == nil)
        let v6 = try #require(IPAddress("2001:db8:0:1::5"))
        #expect(v6.matches(try #require(IPAddress("2001:db8::")), prefix: 32))
        #expect(v6.matches(try #require(IPAddress("2001:db8:0:1::")), prefix: 64))
        #expect(!v6.matches(try #require(IPAddress("2001:db8:0:2::")), prefix: 64))
        #expect(v6.matches(try #require(IPAddress("2001:db8:0:1::4")), prefix: 125))
        #expect(!v6.matches(try #require(IPAddress("2001:db8:0:1::4")), prefix: 128))
        #expect(!v6.matches(try #require(IPAddress("10.0.0.1")), prefix: 0))  // another family
        #expect(try #require(IPAddress("10.1.2.3")).matches(try #require(IPAddress("99.9.9.9")), prefix: 0))
        // Equal addresses spelt alike; the text is part of the value, as before.
        #expect(IPAddress("10.1.2.3") == IPAddress("10.1.2.3"))
        #expect(IPAddress("::1") != IPAddress("0::1"))
        #expect(IPAddress("::1").hashValue == IPAddress("0::1").hashValue)
    }

    @Test("two hosts have one identity exactly when both are the same literal, or names equal but for case")
    func identity() throws {
        let hosts = try [
            "10.0.0.1", "10.0.0.2", "::1", "0::1", "FE80::1", "fe80::1", "::ffff:10.0.0.1", "IM.example.com", "im.example.com", "localhost", "LocalHost"
        ]
        .map { try #require(Host($0)) }
        for a in hosts {
            for b in hosts {
                let one = a.address != nil && b.address != nil ? a.address == b.address : a.text.lowercased() == b.text.lowercased()
                #expect((a.identity == b.identity) == one, "\(a) \(b)")
            }
        }
        #expect(Host("IM.example.com")?.identity == "im.example.com")
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
