import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit

/// The rollout's `wfc-im-config-check` (awk, on the hosts) and `IMConfigBase.read` (the merge
/// and the build) are one rule written twice: the server's. They must agree line for line.
@Suite("The rollout's IM config check")
struct IMConfigLineCheckTests {
    /// Every line of up to five characters from those the rule turns on, and some longer ones.
    static var lines: [String] {
        let alphabet: [Character] = [" ", "\t", "#", "k", ".", "\u{0B}"]
        var out: [String] = [""]
        var level: [String] = [""]
        for _ in 1...5 {
            level = level.flatMap { prefix in alphabet.map { prefix + String($0) } }
            out += level
        }
        return out + [
            "key_store_password Hx7#Sec4Leak", "http_port 80 # note", "  http_port 80#x  ", "a  b#c", "#a b c", "\t# a b c",
            "server.ip\t1.2.3.4 #x", "k v#w\u{0C}", "k\u{1F}v #w", "token.key a#b#c", "k v # "
        ]
    }

    @Test("awk and IMConfigBase.read stop at the same lines")
    func parity() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("wfc-linecheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = Self.lines
        let conf = dir.appendingPathComponent("c.conf"), script = dir.appendingPathComponent("check")
        try Data(lines.joined(separator: "\n").utf8).write(to: conf)
        try Data(IMConfigBase.lineCheck(Provenance(input: "t.yaml")).utf8).write(to: script)
        let expected = lines.enumerated().compactMap { n, line -> Int? in
            if case .entry(_, stops: true) = IMConfigBase.read(Array(line.utf8)) { return n + 1 }
            return nil
        }
        #expect(expected.count > 100)
        let (status, output) = try runProgram("/bin/sh", [script.path, conf.path])
        #expect(status == 1)
        let found = output.split(separator: "\n").compactMap { row in
            Int(row.dropFirst(conf.path.count + 1).prefix { $0 != ":" })
        }
        #expect(found == expected)
        // CR and CRLF end a line for the server and for the check alike.
        try Data("a b\r\nhttp_port 80 # x\rk v#w\r\n".utf8).write(to: conf)
        let crlf = try runProgram("/bin/sh", [script.path, conf.path])
        #expect(crlf.output == "\(conf.path):2: http_port: a '#' on a line that is not two words split by single spaces; the server stops reading here\n")
    }
}
