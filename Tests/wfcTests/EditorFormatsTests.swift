import Foundation
import Testing

/// SARIF, GitHub annotations, the JSON Schema and the generated docs, as tools consume them.
@Suite("Editor and pipeline formats")
struct EditorFormatsTests {
    /// Vendored from OASIS (Tests/Fixtures/schemas/README.md).
    static let sarifSchema = repositoryRoot.appendingPathComponent("Tests/Fixtures/schemas/sarif-schema-2.1.0.json")

    func checkJSONSchema(_ arguments: [String]) throws -> Run {
        try Tools.run("check-jsonschema", arguments)
    }

    @Test("SARIF from a failing topology validates against the 2.1.0 schema, with 1-based regions")
    func sarif() throws {
        let run = try wfc(["lint", "--format", "sarif", "Tests/Fixtures/report/mistakes.yaml", "Tests/Fixtures/mistakes/wfc302-copy-pasted-node.yaml"])
        #expect(run.status == 1)
        let file = try temporaryDirectory().appendingPathComponent("out.sarif")
        try run.stdout.write(to: file, atomically: true, encoding: .utf8)
        let check = try checkJSONSchema(["--schemafile", Self.sarifSchema.path, file.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count >= 34)
        #expect(runs[0]["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        // `authorised_address` on line 4, columns 1 to 18: region 4:1 to 4:19 (end exclusive).
        let unknown = try #require(results.first { $0["ruleId"] as? String == "WFC003" })
        #expect(rules[unknown["ruleIndex"] as? Int ?? -1]["id"] as? String == "WFC003")
        let location = try #require((unknown["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "Tests/Fixtures/report/mistakes.yaml")
        #expect(location["region"] as? [String: Int] == ["startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 19])
        // Columns count code points: `节点1` on line 13 starts at column 11 and ends before 14.
        let name = try #require(results.first { (($0["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("`节点1` is not a valid node name") == true })
        let region = ((name["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region == ["startLine": 13, "startColumn": 11, "endLine": 13, "endColumn": 14])
        let duplicate = try #require(results.first { $0["ruleId"] as? String == "WFC302" })
        #expect((duplicate["relatedLocations"] as? [[String: Any]])?.count == 1)
        #expect((duplicate["fixes"] as? [[String: Any]])?.count == 1)
    }

    @Test("GitHub annotations carry file, line and columns, and escape %, :, , and newlines")
    func github() throws {
        let run = try wfc(["lint", "--format", "github", "Tests/Fixtures/report/mistakes.yaml"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(
            lines[1]
                == "::error file=Tests/Fixtures/report/mistakes.yaml,line=4,col=1,endLine=4,endColumn=18,title=WFC003 unknown-key::unknown key `authorised_address`%0Ahelp: did you mean `authorized_address`?"
        )
        let dir = try temporaryDirectory()
        let odd = dir.appendingPathComponent("a,b:c%.yaml")
        try "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - {name: n1, public_address: \"100%:x,\\ny\"}\n"
            .write(to: odd, atomically: true, encoding: .utf8)
        let escaped = try wfc(["lint", "--format", "github", "a,b:c%.yaml"], cwd: dir)
        #expect(
            escaped.stdout.hasPrefix(
                "::error file=a%2Cb%3Ac%25.yaml,line=5,col=32,endLine=5,endColumn=43,title=WFC006 invalid-value::`100%25:x,\\u{A}y` is not a valid host"))
        #expect(!escaped.stdout.dropLast().contains("\n"))
        let warning = try wfc(["lint", "--format", "github", "Tests/Fixtures/mistakes/wfc407-https-on-ip.yaml"])
        #expect(warning.stdout.hasPrefix("::warning file="))
    }

    @Test("`wfc schema` is the committed schema; samples validate; an unknown key is rejected")
    func schema() throws {
        let run = try wfc(["schema"])
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("schemas/topology.schema.json"), encoding: .utf8)
        #expect(run.stdout == committed, "schemas/topology.schema.json is stale: run `swift run wfc schema > schemas/topology.schema.json`")
        let schema = repositoryRoot.appendingPathComponent("schemas/topology.schema.json").path
        let meta = try checkJSONSchema(["--check-metaschema", schema])
        #expect(meta.status == 0, "\(meta.stdout)")
        let samples = sampleFiles.map { repositoryRoot.appendingPathComponent($0).path }
        let valid = try checkJSONSchema(["--schemafile", schema] + samples)
        #expect(valid.status == 0, "\(valid.stdout)")
        let unknown = try checkJSONSchema([
            "--schemafile", schema, repositoryRoot.appendingPathComponent("Tests/Fixtures/mistakes/wfc003-british-spelling.yaml").path
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("'authorised_address' was unexpected"))
    }

    @Test("docs/language.md is what the language's specs generate, and names every key")
    func languageDoc() throws {
        let run = try wfc(["schema", "--markdown"])
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        #expect(run.stdout == committed, "docs/language.md is stale: run `swift run wfc schema --markdown > docs/language.md`")
        for key in ["authorized_address", "source_ranges", "port_mapping", "websocket_proxy_secure_port", "server_api_from", "max_upload"] {
            #expect(committed.contains("| `\(key)` |"), "\(key)")
        }
    }

    @Test("docs/rules.md is what the registry generates")
    func rulesDoc() throws {
        let run = try wfc(["rules", "--markdown"])
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(run.stdout == committed, "docs/rules.md is stale: run `swift run wfc rules --markdown > docs/rules.md`")
        for code in try wfc(["rules"]).stdout.split(separator: "\n").map({ $0.prefix(6) }) {
            #expect(committed.contains("## \(code) "))
        }
    }
}

@Suite("wfc lint --fix and wfc init")
struct FixAndInitTests {
    static let fixtures = ["misspelt-keys", "quoted-ports", "server-ip", "proxy-ports", "firewall", "web-off"]

    @Test("each fixable file becomes its golden fixed file and lints clean", arguments: fixtures)
    func fix(_ name: String) throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("topology.yaml")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/fix/\(name).yaml"), to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let run = try wfc(["lint", "--fix", "--unsafe-fixes", "topology.yaml"], cwd: dir)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stderr.contains("topology.yaml: fixed"))
        let fixed = try String(contentsOf: file, encoding: .utf8)
        let golden = repositoryRoot.appendingPathComponent("Tests/Fixtures/fix/\(name).fixed.yaml")
        if ProcessInfo.processInfo.environment["WFC_UPDATE_GOLDEN"] == "1" {
            try fixed.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(fixed == (try? String(contentsOf: golden, encoding: .utf8)), "\(name): fixed file differs from \(name).fixed.yaml")
        #expect(try wfc(["lint", "--strict", "topology.yaml"], cwd: dir).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o640, "the file keeps its permissions")
    }

    @Test("--fix changes only the edited lines: every other line, comments included, stays as it was", arguments: fixtures)
    func onlyEditedBytes(_ name: String) throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("topology.yaml")
        let before = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/fix/\(name).yaml"), encoding: .utf8)
        try before.write(to: file, atomically: true, encoding: .utf8)
        let run = try wfc(["lint", "--fix", "--unsafe-fixes", "topology.yaml"], cwd: dir)
        #expect(run.status == 0, "\(run.stdout)")
        // One `topology.yaml:LINE: old → new (CODE)` line per edit, then `fixed N problems, 0 left`.
        let edits = run.stderr.split(separator: "\n").count { $0.hasPrefix("topology.yaml:") && $0.contains(" → ") }
        #expect(run.stderr.contains("topology.yaml: fixed "), "\(run.stderr)")
        let after = try String(contentsOf: file, encoding: .utf8)
        let old = before.split(separator: "\n", omittingEmptySubsequences: false)
        let new = after.split(separator: "\n", omittingEmptySubsequences: false)
        let diff = new.difference(from: old)
        let removed = diff.removals.map { change -> Substring in
            if case .remove(_, let line, _) = change { return line }
            return ""
        }
        #expect(!removed.isEmpty, "\(name): --fix changed nothing")
        // A line changes only where an edit lands: no more lines than edits, no comment.
        #expect(removed.count <= edits, "\(name): \(removed.count) lines changed for \(edits) edits")
        #expect(!removed.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }, "\(name): a comment changed")
    }

    @Test("--fix alone applies only safe fixes and says how many unsafe ones wait; --unsafe-fixes applies them")
    func applicability() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("topology.yaml")
        let original = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/fix/firewall.yaml"), encoding: .utf8)
        try original.write(to: file, atomically: true, encoding: .utf8)
        let safe = try wfc(["lint", "--fix", "topology.yaml"], cwd: dir)
        #expect(safe.status == 1)
        // The port-opening fix waits for the typo's (WFC503 before the WFC501 it causes): one unsafe fix now.
        #expect(safe.stderr.contains("topology.yaml:23: `10.0.0.0/8` → `[10.0.0.0/8]` (WFC004)"), "\(safe.stderr)")
        #expect(safe.stderr.contains("topology.yaml: 1 more fix with --unsafe-fixes"), "\(safe.stderr)")
        // The safe fix (`from: 10.0.0.0/8` made a sequence) is in; no port was opened, no target renamed.
        let afterSafe = try String(contentsOf: file, encoding: .utf8)
        #expect(afterSafe.contains("from: [10.0.0.0/8]"))
        #expect(afterSafe.contains("- to: im-1") && !afterSafe.contains("- 8083"))
        #expect(safe.stdout.contains("= note: WFC501 waits until this is fixed"), "\(safe.stdout)")
        #expect(safe.stdout.contains("with `wfc lint --fix --unsafe-fixes`"))
        let json = try wfc(["lint", "--format", "json", "topology.yaml"], cwd: dir)
        #expect(json.stdout.contains("\"applicability\": \"unsafe\""))
        let unsafe = try wfc(["lint", "--fix", "--unsafe-fixes", "topology.yaml"], cwd: dir)
        #expect(unsafe.status == 0, "\(unsafe.stdout)")
        // Round by round: the typo first, then the openings its fix shows to be missing, once.
        #expect(unsafe.stderr.contains("topology.yaml:21: `im-1` → `im1` (WFC503)"), "\(unsafe.stderr)")
        #expect(unsafe.stderr.components(separatedBy: "(WFC501)").count == 2, "\(unsafe.stderr)")
        #expect(try wfc(["lint", "--unsafe-fixes", "topology.yaml"], cwd: dir).status == 2)
    }

    @Test("--fix keeps CRLF line ends in the lines it adds")
    func crlf() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("topology.yaml")
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/fix/firewall.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try wfc(["lint", "--fix", "--unsafe-fixes", "topology.yaml"], cwd: dir).status == 0)
        let fixed = try String(contentsOf: file, encoding: .utf8)
        #expect(!fixed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(fixed.contains("        - 1883\r\n        - 443\r\n"))
    }

    @Test("a file without fixable problems is not touched")
    func untouched() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("t.yaml")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/mistakes/wfc101-two-nodes-single.yaml"), to: file)
        let before = try Data(contentsOf: file)
        let run = try wfc(["lint", "--fix", "t.yaml"], cwd: dir)
        #expect(run.status == 1)
        #expect(try Data(contentsOf: file) == before)
        #expect(run.stderr.isEmpty)
        #expect(try wfc(["lint", "--fix", "-"], stdin: "version: 1\n").status == 2)
    }

    @Test("every mode and client mix of `wfc init` lints clean, warnings included")
    func initScaffolds() throws {
        for mode in ["single", "multi-node", "single-entry"] {
            for nodes in mode == "single" ? [1] : [1, 3, 64] {
                for flags in [[], ["--web"], ["--https"], ["--no-native", "--web"]] {
                    let text = try wfc(["init", "--mode", mode, "--nodes", String(nodes), "--out", "-"] + flags).stdout
                    #expect(text.hasPrefix("# yaml-language-server: $schema=topology.schema.json\n"))
                    let lint = try wfc(["lint", "--strict", "-"], stdin: text)
                    #expect(lint.status == 0, "\(mode) \(nodes) \(flags): \(lint.stdout)")
                }
            }
        }
    }

    @Test("wfc init writes the file and refuses to overwrite it")
    func initWrites() throws {
        let dir = try temporaryDirectory()
        let first = try wfc(["init", "--mode", "multi-node", "--nodes", "3", "--web", "--https"], cwd: dir)
        #expect(first.status == 0)
        let written = try String(contentsOf: dir.appendingPathComponent("topology.yaml"), encoding: .utf8)
        #expect(written.contains("websocket_proxy_secure_port: 5022"))
        let again = try wfc(["init", "--mode", "single"], cwd: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already"))
        #expect(try String(contentsOf: dir.appendingPathComponent("topology.yaml"), encoding: .utf8) == written)
        #expect(try wfc(["init", "--mode", "single", "--nodes", "2", "--out", "-"]).status == 2)
    }
}
