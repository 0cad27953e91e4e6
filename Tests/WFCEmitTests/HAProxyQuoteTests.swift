import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit

/// haproxy.cfg's one quoting function, judged by HAProxy itself: a value holding every
/// character its tokenizer reads as syntax comes back byte for byte.
@Suite("haproxy.cfg quoting", .serialized)
struct HAProxyQuoteTests {
    static func which(_ tool: String) -> String? {
        ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("plain words stay bare; the rest is double-quoted with escapes")
    func shapes() {
        #expect(HAProxySection.quote("10.0.0.11:80") == "10.0.0.11:80")
        #expect(HAProxySection.quote("POST, OPTIONS") == "\"POST, OPTIONS\"")
        #expect(HAProxySection.quote("a\"b$c#d\\e\nf") == "\"a\\\"b\\$c\\#d\\\\e\\nf\"")
        #expect(HAProxySection.quote("") == "\"\"")
    }

    @Test("HAProxy answers a hostile value exactly as it was before quoting")
    func hostileValue() throws {
        guard let haproxy = Self.which("haproxy"), let curl = Self.which("curl") else {
            let reason = "haproxy or curl is not installed: apt-get install haproxy curl (with CI=true this fails)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: reason)); return }
            try Test.cancel(Comment(rawValue: "skipped: " + reason))
        }
        let hostile = "a b\t\"q\" 'single' #hash $HOME ${PATH} \\back\\slash; {brace}"
        let port = Int.random(in: 20000...29999)
        let sections = [
            HAProxySection("global", lines: [["log", "stdout", "format", "raw", "local0", "emerg"]]),
            HAProxySection("defaults", lines: [["mode", "http"], ["timeout", "connect", "1s"], ["timeout", "client", "5s"], ["timeout", "server", "5s"]]),
            HAProxySection(
                "frontend", "hostile",
                lines: [
                    ["bind", "127.0.0.1:\(port)"],
                    ["http-request", "return", "status", "200", "content-type", "text/plain", "string", hostile]
                ])
        ]
        let file = try temporaryDirectory().appendingPathComponent("haproxy.cfg")
        try HAProxySection.render(sections).write(to: file, atomically: true, encoding: .utf8)
        let check = try runProgram(haproxy, ["-c", "-f", file.path])
        #expect(check.status == 0, "\(check.output)")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: haproxy)
        server.arguments = ["-db", "-f", file.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the test runner's threads may block SIGTERM, and its children inherit that.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        var body: String?
        for _ in 0..<50 {
            let get = try runProgram(curl, ["-s", "--max-time", "2", "http://127.0.0.1:\(port)/"])
            if get.status == 0 { body = get.output; break }
            usleep(100_000)
        }
        #expect(body == hostile)
    }
}
