import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCLanguage

/// The Ansible files' one quoting function (`YAML.ansible`), judged by Ansible itself: a
/// value that Jinja would run, written by it into an inventory, comes back as written.
@Suite("Ansible quoting", .serialized)
struct AnsibleQuoteTests {
    @Test("a value Jinja could read is tagged !unsafe; a plain one stays plain")
    func shapes() {
        #expect(YAML.map([("a", .ansible("10.0.0.11"))]).rendered() == "a: \"10.0.0.11\"\n")
        #expect(YAML.map([("a", .ansible("{{ x }}"))]).rendered() == "a: !unsafe \"{{ x }}\"\n")
        #expect(YAML.map([("a", .ansible("50%"))]).rendered() == "a: !unsafe \"50%\"\n")
    }

    @Test("Ansible prints a hostile inventory value as written, never templated")
    func hostileValue() throws {
        let ansible = ["/usr/bin/ansible", "/usr/local/bin/ansible"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let ansible else {
            let reason = "ansible is not installed: apt-get install ansible-core (with CI=true this fails)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: reason)); return }
            try Test.cancel(Comment(rawValue: "skipped: " + reason))
        }
        let hostile = "{{ lookup('pipe', 'echo PWNED') }} {% if true %}x{% endif %} \"quoted\" 'single' # hash\nline"
        let inventory = YAML.map([
            (
                "all",
                .map([
                    (
                        "hosts",
                        .map([
                            (
                                "localhost",
                                .map([
                                    ("ansible_connection", .string("local")), ("ansible_python_interpreter", .string("/usr/bin/python3")),
                                    ("wfc_hostile", .ansible(hostile))
                                ])
                            )
                        ])
                    )
                ])
            )
        ])
        let file = try temporaryDirectory().appendingPathComponent("inventory.yml")
        try inventory.rendered().write(to: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ansible)
        p.arguments = ["-i", file.path, "localhost", "-m", "ansible.builtin.debug", "-a", "var=wfc_hostile", "-o"]
        p.environment = ["PATH": "/usr/bin:/bin", "ANSIBLE_NOCOLOR": "1", "HOME": file.deletingLastPathComponent().path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(!text.contains("PWNED\"") && text.contains("lookup('pipe', 'echo PWNED')"), "\(text)")
        // The debug line is JSON: the value comes back escaped exactly once.
        var expected = ""
        JSON.quote(hostile, into: &expected)
        #expect(text.contains(expected), "\(text)")
    }
}
