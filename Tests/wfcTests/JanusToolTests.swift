import Foundation
import TestSupport
import Testing

/// The advanced edition's media servers: what `configure-janus.sh` leaves in the vendor's
/// janus_config folder (vendored in Tests/Fixtures/wf-janus) is read by a real janus.
@Suite("Media servers: configure-janus.sh and Debian's janus")
struct JanusToolTests {
    @Test("configure-janus.sh sets each value once in the vendor's files, and Debian's janus starts on them with that RTP range and ICE-Lite")
    func janus() throws {
        let janus = try Tools.require("janus")
        var checked = 0
        for (input, folder) in try ToolValidationTests.builds() {
            for script in ToolValidationTests.files(folder, named: "configure-janus.sh") {
                let config = try temporaryDirectory()
                for file in ["janus.jcfg", "janus.transport.mqtt.jcfg"] {
                    try FileManager.default.copyItem(
                        at: repositoryRoot.appendingPathComponent("Tests/Fixtures/wf-janus/\(file)"), to: config.appendingPathComponent(file))
                }
                let run = try Tools.run("sh", [script.path, config.path])
                #expect(run.status == 0, "\(input): \(run.stderr)")
                // Every value the script sets is on one live line, exactly once.
                let text = try String(contentsOf: script, encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("set_value ") {
                    let words = line.split(separator: " ", maxSplits: 3).map(String.init)
                    let file = try String(contentsOf: config.appendingPathComponent(words[1]), encoding: .utf8)
                    let live = file.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(words[2] + " =") }
                    #expect(live.count == 1, "\(input): \(words[1]) \(words[2]): \(live)")
                }
                let range = try #require(text.firstMatch(of: /rtp_port_range '"(\d+)-(\d+)"'/))
                let started = try Tools.run(
                    "timeout", ["3", janus, "-C", config.appendingPathComponent("janus.jcfg").path, "-F", config.path, "-o", "-d", "4"])
                let log = started.stdout + started.stderr
                #expect(!log.contains("Failed to load"), "\(input): \(log.prefix(2000))")
                #expect(log.contains("RTP port range: \(range.1) -- \(range.2)"), "\(input): \(log.prefix(2000))")
                #expect(log.contains("Lite mode"), "\(input)")
                checked += 1
            }
        }
        #expect(checked >= 2)
    }
}
