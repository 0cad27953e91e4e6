import Foundation
import Testing

/// Realistic operator mistakes (Tests/Fixtures/mistakes, each marking its expected codes with a
/// `# ^ CODE` line under the line they point at, or, where a comment line cannot stand there,
/// naming them with their line in an `# expect: CODE@LINE` line) and correct topologies
/// (Tests/Fixtures/clean), all run through the built binary's JSON output in one invocation.
@Suite("Operator-mistake corpus")
struct CorpusTests {
    struct Finding: Hashable, Comparable, CustomStringConvertible {
        let code: String
        let line: Int
        static func < (a: Finding, b: Finding) -> Bool { (a.line, a.code) < (b.line, b.code) }
        var description: String { "\(code)@\(line)" }
    }

    static func files(_ folder: String, ext: String = ".yaml") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(ext) && !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Findings per file of a JSON report.
    static func findings(_ stdout: String) throws -> [String: [Finding]] {
        let json = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
        var out: [String: [Finding]] = [:]
        for file in json?["files"] as? [[String: Any]] ?? [] {
            let diagnostics = file["diagnostics"] as? [[String: Any]] ?? []
            out[file["path"] as? String ?? ""] = diagnostics.map { d in
                let start = (d["range"] as? [String: Any])?["start"] as? [String: Int]
                return Finding(code: d["code"] as? String ?? "", line: (start?["line"] ?? -2) + 1)
            }.sorted()
        }
        return out
    }

    /// A fixture's expected findings (1-based lines): each `# ^ CODE …` line marks the line
    /// above it, so that editing the file above a mark moves both; `# expect: CODE@LINE …`
    /// pins a line where a comment line would change what is parsed (a tab, an open quote).
    static func expected(_ path: String) throws -> [Finding] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let pinned = lines.filter { $0.hasPrefix("# expect:") }
            .flatMap { $0.dropFirst("# expect:".count).split(separator: " ").filter { $0.contains("@") } }
            .map { token in
                let parts = token.split(separator: "@")
                return Finding(code: String(parts[0]), line: Int(parts[1]) ?? -1)
            }
        let marked = lines.enumerated().flatMap { n, line -> [Finding] in
            let body = line.drop { $0 == " " }
            guard body.hasPrefix("# ^ ") else { return [] }
            // The line above the mark: `n` is 0-based, so it is line `n` 1-based.
            return body.dropFirst(4).split(separator: " ").map { Finding(code: String($0), line: n) }
        }
        return (pinned + marked).sorted()
    }

    /// Findings per file from one `wfc lint --format json` run over all of them.
    static func lint(_ paths: [String]) throws -> (status: Int32, findings: [String: [Finding]]) {
        let run = try wfc(["lint", "--format", "json"] + paths)
        return (run.status, try findings(run.stdout))
    }

    @Test("every mistake gives exactly its expected codes at their lines")
    func mistakes() throws {
        let paths = try Self.files("Tests/Fixtures/mistakes")
        #expect(paths.count >= 68)
        let (status, findings) = try Self.lint(paths)
        #expect(status == 1)
        for path in paths {
            let want = try Self.expected(path)
            #expect(!want.isEmpty, "\(path) has no `# expect:` line")
            #expect(findings[path] == want, "\(path)")
        }
    }

    @Test("every IM config mistake (`.conf`, read by `wfc build --im-base`) gives exactly its expected codes; nothing is written")
    func imConfigMistakes() throws {
        let paths = try Self.files("Tests/Fixtures/mistakes", ext: ".conf")
        #expect(paths.count >= 4)
        let out = try temporaryDirectory().appendingPathComponent("out")
        for path in paths {
            let run = try wfc(["build", "samples/single/topology.yaml", "--out", out.path, "--im-base", path, "--format", "json"])
            let want = try Self.expected(path)
            #expect(!want.isEmpty, "\(path) has no `# ^` line")
            #expect(try Self.findings(run.stdout)[path] == want, "\(path)")
            let errors = want.contains { $0.code == "WFC703" || $0.code == "WFC702" }
            #expect(run.status == (errors ? 1 : 0), "\(path)")
            #expect(FileManager.default.fileExists(atPath: out.path) == !errors, "\(path)")
            try? FileManager.default.removeItem(at: out)
        }
    }

    @Test("the human report of each rule's mistakes is that rule's snapshot, every line of it")
    func human() throws {
        // One snapshot per rule (the files named `wfcNNN-…`), so a change to one rule diffs one file.
        let byRule = Dictionary(grouping: try Self.files("Tests/Fixtures/mistakes")) { path in
            String(path.split(separator: "/").last?.prefix(6) ?? "").uppercased()
        }
        for (code, paths) in byRule.sorted(by: { $0.key < $1.key }) {
            let run = try wfc(["lint"] + paths.sorted())
            // 1 with an error among them, 0 for a rule that only warns; never 2.
            #expect(run.status == 1 || (run.status == 0 && run.stdout.contains("warning[\(code)]")), "\(code)")
            #expect(run.stderr.isEmpty, "\(code)")
            let golden = try assertGolden(run.stdout, "report/rules/\(code).txt")
            #expect(golden.matches, "the human report of \(code)'s mistakes differs from Tests/Fixtures/report/rules/\(code).txt")
        }
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Tests/Fixtures/report/rules").path)
        #expect(Set(snapshots) == Set(byRule.keys.map { "\($0).txt" }), "a snapshot without mistake files, or mistake files without one")
    }

    @Test("every rule of the catalogue has at least two mistake files")
    func coverage() throws {
        var perCode: [String: Int] = [:]
        for path in try Self.files("Tests/Fixtures/mistakes") + Self.files("Tests/Fixtures/mistakes", ext: ".conf") {
            for code in Set(try Self.expected(path).map(\.code)) { perCode[code, default: 0] += 1 }
        }
        // Build-only rules (secrets) are not lint's to find: their CLI tests cover them. Import
        // rules read a gateway beside a node: their examples, the vendor layout's golden import
        // and the import CLI test cover them.
        let rules = try wfc(["rules"]).stdout.split(separator: "\n").filter { !$0.hasSuffix("(build only)") && !$0.hasSuffix("(wfc import)") }
            .map { String($0.prefix(6)) }
        #expect(rules.count >= 34)
        for code in rules {
            #expect((perCode[code] ?? 0) >= 2, "\(code) has \(perCode[code] ?? 0) mistake files")
        }
    }

    @Test("correct topologies of every mode stay silent")
    func clean() throws {
        let paths = try Self.files("Tests/Fixtures/clean")
        let (status, findings) = try Self.lint(paths)
        #expect(status == 0)
        for path in paths {
            #expect(findings[path] == [], "\(path)")
        }
    }
}
