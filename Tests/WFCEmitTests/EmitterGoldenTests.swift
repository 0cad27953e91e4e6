import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCLanguage

/// Every artifact of every sample against its golden file under Tests/Fixtures/build/
/// (WFC_UPDATE_GOLDEN=1 rewrites them; review the diff).
@Suite("Emitters: golden output of every sample")
struct EmitterGoldenTests {
    /// Stand-ins for the secrets the https samples read from the environment.
    static let secrets = SecretValues([
        .env("WFC_KEY_STORE_PASSWORD"): "golden-key-store",
        .env("WFC_KEY_MANAGER_PASSWORD"): "golden-key-manager",
        .env("WFC_TURN_PASSWORD"): "golden-turn"
    ])

    static func artifacts(_ sample: String) throws -> [Artifact] {
        let path = "samples/\(sample)/topology.yaml"
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        let result = lint(text, path: path)
        let plan = try #require(result.plan)
        // As `wfc build samples/NAME/topology.yaml --out build/` from the repository's root writes it.
        return Emitter.artifacts(plan, provenance: Provenance(input: path, fromOutput: "../\(path)"), secrets: secrets)
    }

    /// The rollout's playbook and role files, the same in every build but for the topology's
    /// name in their headers: golden once, under build/_role/, with that name as `TOPOLOGY`.
    static func isShared(_ path: String) -> Bool {
        path == "ansible/site.yml" || path.hasPrefix("ansible/roles/wfc/tasks/") || path.hasPrefix("ansible/roles/wfc/files/")
    }

    @Test(arguments: sampleNames)
    func golden(_ sample: String) throws {
        let artifacts = try Self.artifacts(sample)
        let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/build/\(sample)")
        for a in artifacts {
            let matches =
                Self.isShared(a.path)
                ? try assertGolden(a.contents.replacingOccurrences(of: "samples/\(sample)/topology.yaml", with: "TOPOLOGY"), "build/_role/\(a.path)")
                    .matches
                : try assertGolden(a.contents, "build/\(sample)/\(a.path)").matches
            #expect(matches, "\(sample)/\(a.path) differs from its golden file:\n\(a.contents)")
        }
        // No golden file may be left over from an artifact that is no longer built.
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        let goldens = Set(
            (enumerator?.allObjects as? [String] ?? []).filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            })
        #expect(goldens == Set(artifacts.map(\.path).filter { !Self.isShared($0) }))
    }

    @Test("a secret is only in the IM config, which is 0600")
    func secretsStayInIMConfig() throws {
        let artifacts = try Self.artifacts("single-https")
        for a in artifacts {
            let holds = a.contents.contains("golden-key-store")
            #expect(holds == (a.path == "nodes/im1/wildfirechat.conf"), "\(a.path)")
            if holds { #expect(a.mode == 0o600) }
        }
    }

    @Test("no IM config line carries a comment after its value")
    func imConfigSyntax() throws {
        for sample in sampleNames {
            for a in try Self.artifacts(sample) where a.path.hasSuffix("wildfirechat.conf") {
                for line in a.contents.split(separator: "\n") where !line.hasPrefix("#") {
                    #expect(line.split(separator: " ").count == 2, "\(sample)/\(a.path): \(line)")
                    #expect(!line.contains("#") && !line.contains("\t"))
                }
            }
        }
    }

    @Test("nginx arguments are quoted in one place")
    func quoting() {
        #expect(Directive.quote("/etc/ssl/a.pem") == "/etc/ssl/a.pem")
        #expect(Directive.quote("") == "\"\"")
        #expect(Directive.quote("a b;c") == "\"a b;c\"")
        #expect(Directive.quote("x\"y\\") == "\"x\\\"y\\\\\"")
        #expect(Directive.render([Directive("a", "b", block: [Directive("c", "d e")])]) == "a b {\n    c \"d e\";\n}\n")
    }

    @Test("secret values the IM config cannot hold are refused")
    func unusableSecrets() {
        #expect(Grammar.imConfigValueProblem("s3cret#1") == nil)
        #expect(Grammar.imConfigValueProblem("") != nil)
        #expect(Grammar.imConfigValueProblem("a b#c") != nil)
        #expect(Grammar.imConfigValueProblem("line\nbreak") != nil)
        #expect(Grammar.imConfigValueProblem("crlf\r\nbreak") != nil)
        #expect(Grammar.imConfigValueProblem("a #\u{301}b") != nil)
        #expect(Grammar.imConfigValueProblem(" padded") != nil)
    }
}
