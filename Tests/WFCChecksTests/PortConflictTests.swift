import StageTestSupport
import Testing
import WFCLanguage

/// WFC301 looks a machine's ports up in turn while it has a few listeners and in a table once
/// it has many (a single-entry gateway takes each node's ports): both find the same clash.
@Suite("WFC301 on machines of few and of many listeners")
struct PortConflictTests {
    /// A single-entry cluster of `count` nodes whose fifth is given 80, the gateway's route
    /// port, for its TCP long connection.
    static func cluster(_ count: Int) -> String {
        var text = "version: 1\nmode: single-entry\nauthorized_address: im.example.com\n"
        text += "gateway: {public_address: 198.19.255.254, private_address: 10.0.0.1}\nnodes:\n"
        for i in 1...count {
            text += "  - {name: node\(i), private_address: 10.1.0.\(i), ports: {tcp: \(i == 5 ? 80 : 11000 + i), http: \(31000 + i)}}\n"
        }
        return text
    }

    @Test("one clash, reported alike", arguments: [5, 12])
    func clash(_ count: Int) throws {
        let result = lint(Self.cluster(count))
        let gateway = try #require(result.plan?.host(named: "gateway"))
        // 5 nodes: the gateway has a few listeners; 12: past the 16 searched in turn.
        #expect((gateway.listeners.count + 1 > 16) == (count == 12))
        let clashes = result.diagnostics.filter { $0.comes(from: .portConflict) }
        #expect(clashes.map(\.message) == ["port 80 is used twice on `node5` and `gateway`: TCP long connection and HTTP"])
        #expect(clashes.first?.span.start.line == 9)  // node5's line (0-based)
    }
}
