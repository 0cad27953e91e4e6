import Foundation
import Testing

@testable import WFCCore

/// CHECKLIST.md's commands are pasted into a root shell: they must parse, and no topology
/// value may become shell syntax.
@Suite("CHECKLIST.md: the shell an operator pastes")
struct ChecklistShellTests {
    /// The fenced `sh` blocks of a checklist.
    static func blocks(_ checklist: String) -> [String] {
        var out: [String] = [], current: [String]?
        for line in checklist.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed == "```sh" {
                current = []
            } else if trimmed == "```", let c = current {
                out.append(c.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(String(trimmed))
            }
        }
        return out
    }

    static func bash(_ arguments: [String], in folder: URL, stdin: String = "") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("every shell block of every sample's checklist parses (bash -n)", arguments: sampleNames)
    func parses(_ sample: String) throws {
        let result = lint(try sampleText("\(sample)"))
        let plan = try #require(result.plan)
        let checklist = ChecklistEmitter.render(plan, provenance: Provenance(input: "t.yaml"))
        let blocks = Self.blocks(checklist)
        #expect(!blocks.isEmpty)
        let folder = try temporaryDirectory()
        for (i, block) in blocks.enumerated() {
            let file = folder.appendingPathComponent("block\(i).sh")
            try Data(block.utf8).write(to: file)
            #expect(try Self.bash(["-n", file.path], in: folder) == 0, "\(sample), block \(i):\n\(block)")
        }
    }

    @Test("the tuning reserves every listener port of each host from the widened source-port range", arguments: sampleNames)
    func reservedPorts(_ sample: String) throws {
        let result = lint(try sampleText("\(sample)"))
        let plan = try #require(result.plan)
        for (i, host) in plan.hosts.enumerated() where host.machine == nil {
            let step = ChecklistEmitter.tuningStep(host, plan: plan)
            let line = try #require(step.split(separator: "'").first { $0.hasPrefix("net.ipv4.ip_local_reserved_ports = ") })
            let reserved = Set(line.dropFirst("net.ipv4.ip_local_reserved_ports = ".count).split(separator: ",").compactMap { Int($0) })
            let listening = plan.hosts.indices.filter { plan.machine(of: $0) == i }.flatMap { plan.hosts[$0].listeners.map(\.port.value) }
            #expect(Set(listening).isSubset(of: reserved), "\(sample) \(host.name): \(line)")
        }
    }

    @Test("a hostile keystore path reaches the keystore commands as one quoted word: running them creates nothing")
    func hostilePath() throws {
        let result = lint(try sampleText("single-https"))
        var plan = try #require(result.plan)
        // What the path grammar (WFC405) refuses, put straight into the plan: the quoting
        // must hold on its own.
        let folder = try temporaryDirectory()
        let marker = folder.appendingPathComponent("pwned").path
        plan.tls?.keystore?.path = "/opt/ks`touch \(marker)`$(touch \(marker));touch \(marker)&touch \(marker)|x'y\".jks"
        let step = try #require(ChecklistEmitter.keystoreStep(plan.nodes[0], plan: plan))
        let block = try #require(Self.blocks("   ```sh\n" + (step.components(separatedBy: "```sh\n").last ?? "")).first)
        #expect(block.contains("keytool"))
        let file = folder.appendingPathComponent("keystore.sh")
        try Data(block.utf8).write(to: file)
        #expect(try Self.bash(["-n", file.path], in: folder) == 0)
        _ = try Self.bash([file.path], in: folder, stdin: "secret\n")
        #expect(!FileManager.default.fileExists(atPath: marker), "a value ran as a command:\n\(block)")
    }
}
