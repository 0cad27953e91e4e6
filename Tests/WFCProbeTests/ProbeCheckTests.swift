import Foundation
import TestSupport
import Testing
import WFCCore

@testable import WFCProbe

@Suite("Probe checks")
struct ProbeCheckTests {
    func plan(_ sample: String) throws -> Plan {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/\(sample)/topology.yaml"), encoding: .utf8)
        return try #require(Linter.lint(SourceFile(path: "topology.yaml", text: text)).plan)
    }

    @Test("single-entry: entry over http and https, each node's ports on the one address, internal ports closed")
    func singleEntry() throws {
        #expect(
            try plan("single-entry-https").probeChecks.map(\.title) == [
                "dns im.corp.example -> 10.20.0.10",
                "api http://im.corp.example/api/version", "api https://im.corp.example/api/version",
                "api http://im.corp.example:10081/api/version (im-a)", "api http://im.corp.example:10082/api/version (im-b)",
                // The app server, at its name through the gateway (HTTPS pages: HTTPS).
                "app https://app.corp.example/",
                "tcp im-a im.corp.example:11881", "ws im-a ws://im.corp.example:18081/", "wss im-a wss://im.corp.example:5020/",
                "tcp im-b im.corp.example:11882", "ws im-b ws://im.corp.example:18082/", "wss im-b wss://im.corp.example:5021/",
                "closed gateway 10.20.0.10:18080", "closed gateway 10.20.0.10:5701"
            ])
    }

    @Test("multi-node: every node's own API and long connection; WS through the gateway's proxy ports")
    func multiNode() throws {
        let titles = try plan("multi-node-https").probeChecks.map(\.title)
        #expect(titles.contains("api http://203.0.113.12/api/version (node2)"))
        #expect(titles.contains("tcp node2 203.0.113.12:1883"))
        #expect(titles.contains("wss node2 wss://im.example.com:5021/"))
        #expect(titles.contains("closed node2 203.0.113.12:18080"))
        #expect(titles.first == "dns im.example.com -> 203.0.113.10")
        #expect(titles.count == 23)
    }

    /// What the api check accepts as `/api/version`'s answer: one JSON object (RFC 8259).
    @Test func versionObject() {
        func isObject(_ text: String) -> Bool {
            guard case .object? = try? JSON.parse(Array(text.utf8)) else { return false }
            return true
        }
        #expect(isObject(#"{"a": [1, 2.5e3, -0, true, null, "x\n\u00e9"], "b": {}}"#))
        #expect(isObject(" {} \n"))
        #expect(!isObject("[]"))
        #expect(!isObject("<html>error</html>"))
        #expect(!isObject(#"{"a": 01x}"#))
        #expect(!isObject(#"{"a": 1} trailing"#))
        #expect(!isObject(String(repeating: "[", count: 100_000)))
    }
}
