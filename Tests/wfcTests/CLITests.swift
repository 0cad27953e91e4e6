import Foundation
@_exported import TestSupport
import Testing

/// Runs the built `wfc` binary as a user would: arguments, stdin, exit status, output.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `wfc` built beside this test bundle.
let wfcBinary: URL = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return exe.deletingLastPathComponent().appendingPathComponent("wfc")
}()

func wfc(
    _ arguments: [String], stdin: String? = nil, cwd: URL = repositoryRoot,
    environment: [String: String] = [:]
) throws -> Run {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "NO_COLOR")
    env.merge(environment) { $1 }
    let run = try launch(wfcBinary, arguments, stdin: stdin.map { Data($0.utf8) }, cwd: cwd, environment: env)
    return try #require(run)
}

/// Runs a program to its end, or until `seconds` pass (then it is killed and the result is
/// nil). Output goes through files, so no pipe can fill up while the test waits.
func launch(
    _ executable: URL, _ arguments: [String], stdin: Data? = nil, cwd: URL = repositoryRoot,
    environment: [String: String]? = nil, seconds: Double = 600
) throws -> Run? {
    let dir = try temporaryDirectory()
    let inURL = dir.appendingPathComponent("stdin"), outURL = dir.appendingPathComponent("stdout"),
        errURL = dir.appendingPathComponent("stderr")
    try (stdin ?? Data()).write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: dir) }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = cwd
    if let environment { process.environment = environment }
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    guard let status = exitStatus(of: process, until: Date().addingTimeInterval(seconds)) else {
        stop(process)
        return nil
    }
    return Run(
        status: status,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

let misspelt = "version: 1\nmode: single\nauthorised_address: im.example.com\nnodes:\n  - name: node1\n"

@Suite("wfc lint, as a user runs it")
struct LintCLITests {
    @Test("every sample lints clean with exit 0 and no output")
    func samples() throws {
        #expect(sampleFiles.count >= 6)
        let run = try wfc(["lint"] + sampleFiles)
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
    }

    @Test("samples/ holds samples only: a topology.yaml (and README.md) per folder, nothing else")
    func samplesOnly() throws {
        let root = repositoryRoot.appendingPathComponent("samples")
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        // ToolValidationTests builds each sample from a copy beside it (secrets resolve
        // relative to the topology) while this test may run: those copies are not strays.
        let strays = files.filter { !$0.hasSuffix("/topology.yaml") && !$0.hasSuffix("README.md") && !$0.contains("/.wfc-tool-test-") }
        #expect(strays.isEmpty, "not samples (a fuzz corpus belongs under Fuzz/): \(strays.prefix(5))")
        #expect(files.count >= 6)
    }

    @Test("an unclosed flow mapping: exit 1, WFC001 at file:line:col")
    func unclosed() throws {
        let run = try wfc(["lint", "Tests/Fixtures/report/syntax.yaml"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("error[WFC001]: did not find expected ',' or '}'\n --> Tests/Fixtures/report/syntax.yaml:5:6\n"))
        #expect(run.stdout.hasSuffix("1 error\n"))
    }

    @Test("`authorised_address` on line 3: WFC003 at line 2 character 0 in JSON, a did-you-mean, no WFC005")
    func misspeltJSON() throws {
        let run = try wfc(["lint", "--format", "json", "-", "--stdin-filename", "topology.yaml"], stdin: misspelt)
        #expect(run.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let file = try #require((json?["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "topology.yaml")
        #expect((file["uri"] as? String)?.hasSuffix("/topology.yaml") == true)
        let diagnostics = try #require(file["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["WFC003"])
        let start = (diagnostics[0]["range"] as? [String: Any])?["start"] as? [String: Int]
        #expect(start == ["line": 2, "character": 0])
        #expect(diagnostics[0]["severity"] as? Int == 1)
        #expect(diagnostics[0]["source"] as? String == "wfc")
        let helps = (diagnostics[0]["data"] as? [String: Any])?["helps"] as? [String]
        #expect(helps?.first?.contains("authorized_address") == true)
        let summary = json?["summary"] as? [String: Int]
        #expect(summary == ["files": 1, "errors": 1, "warnings": 0, "notes": 0])
    }

    @Test("a missing file: exit 2 with the reason on stderr")
    func missingFile() throws {
        let run = try wfc(["lint", "does-not-exist.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr == "error: cannot read `does-not-exist.yaml`: no such file\n")
    }

    @Test("a directory: exit 2")
    func directory() throws {
        let run = try wfc(["lint", "samples"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is a directory"))
    }

    @Test("no argument reads ./topology.yaml")
    func defaultFile() throws {
        let run = try wfc(["lint"], cwd: repositoryRoot.appendingPathComponent("samples/multi-node"))
        #expect(run.status == 0)
        let empty = try temporaryDirectory()
        let missing = try wfc(["lint"], cwd: empty)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("`topology.yaml`: no such file"))
    }

    @Test("several files: each reported under its own name, one closing count")
    func severalFiles() throws {
        let dir = try temporaryDirectory()
        try misspelt.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\nmode: single\n".write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let run = try wfc(["lint", "a.yaml", "b.yaml", repositoryRoot.path + "/samples/single/topology.yaml"], cwd: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains(" --> a.yaml:3:1"))
        #expect(run.stdout.contains(" --> b.yaml:1:1"))
        #expect(run.stdout.hasSuffix("3 errors\n"))
    }

    @Test("a missing file among good ones: the others are still reported, exit 2")
    func missingAmongOthers() throws {
        let run = try wfc(["lint", "nope.yaml", "Tests/Fixtures/report/syntax.yaml"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("error[WFC001]"))
    }

    @Test("--strict fails on warnings only; bad options exit 2")
    func strictAndUsage() throws {
        let bad = try wfc(["lint", "--format", "xml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("xml"))
        let unknown = try wfc(["lint", "--bogus"])
        #expect(unknown.status == 2)
        let strict = try wfc(["lint", "--strict", "samples/single/topology.yaml"])
        #expect(strict.status == 0)
    }

    @Test("NO_COLOR and pipes give plain text")
    func noColour() throws {
        let run = try wfc(["lint", "-"], stdin: misspelt, environment: ["NO_COLOR": "1"])
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains(" --> <stdin>:3:1"))
    }

    @Test("binary garbage is a diagnostic with a position, not a crash")
    func garbage() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("t.yaml")
        try Data([0x76, 0x3A, 0x20, 0xFF, 0xFE, 0x00, 0x01]).write(to: file)
        let run = try wfc(["lint", file.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[WFC001]"))
        #expect(run.stdout.contains("t.yaml:1:4"))
    }
}

@Suite("wfc explain, rules, --version")
struct RulesCLITests {
    @Test func explain() throws {
        let run = try wfc(["explain", "WFC003"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("WFC003 unknown-key (error): a key the language does not have\n"))
        #expect(run.stdout.contains("Fails:"))
        #expect(run.stdout.contains("authorised_address"))
    }

    @Test("an unknown code: exit 2 with the list of known codes")
    func unknownCode() throws {
        let run = try wfc(["explain", "WFC999"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown rule `WFC999`"))
        #expect(run.stderr.contains("WFC001, WFC002"))
    }

    @Test func rules() throws {
        let run = try wfc(["rules"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("WFC001  error   yaml-syntax") == true)
        #expect(lines.count >= 7)
    }

    @Test func version() throws {
        let run = try wfc(["--version"])
        #expect(run.status == 0)
        // The version and the commit the binary was built from (read from .git at build time).
        let words = run.stdout.split(separator: " ")
        #expect(words.count == 4 && words[0] == "wfc" && words[2] == "(commit" && words[3].hasSuffix(")\n"), "\(run.stdout)")
        let commit = words.count == 4 ? words[3].dropLast(2) : ""
        #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit), "\(commit)")
    }
}
