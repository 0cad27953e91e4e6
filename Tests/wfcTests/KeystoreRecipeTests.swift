import Foundation
import Testing

/// The keystore recipe of CHECKLIST.md, run as an operator runs it, with Debian's openssl and
/// keytool: the key must open with `key_manager_password`, which is what the IM server does.
@Suite("CHECKLIST.md: the keystore recipe, run for real")
struct KeystoreRecipeTests {
    /// The `sh` block of the keystore step in a built checklist.
    func recipe(_ checklist: String) throws -> String {
        let lines = checklist.components(separatedBy: "\n")
        let step = try #require(lines.firstIndex { $0.contains("Put the JKS keystore") })
        let block = lines[(step + 2)...].prefix { !$0.hasPrefix("   ```") }
        return block.map { String($0.dropFirst(3)) }.joined(separator: "\n")
    }

    @Test("the commands of single-https's checklist make a JKS whose key opens with key_manager_password, not the transfer password")
    func keystore() throws {
        _ = try Tools.require("openssl")
        _ = try Tools.require("keytool")
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let build = try wfc(["build", "samples/single-https/topology.yaml", "--out", out.path], environment: secretEnvironment)
        #expect(build.status == 0, "\(build.stderr)")
        var script = try recipe(String(contentsOf: out.appendingPathComponent("CHECKLIST.md"), encoding: .utf8))
        #expect(!script.contains("/tmp/"), "the PKCS#12 file goes to a private folder")
        // The operator's answers to the prompts, given up front: openssl's transfer password
        // on its command line, the others on standard input.
        let jks = dir.appendingPathComponent("im.jks").path
        script = script.replacingOccurrences(of: "/etc/im-server/config/im.example.com.jks", with: jks)
            .replacingOccurrences(of: "-out \"$dir/keystore.p12\"", with: "-out \"$dir/keystore.p12\" -passout pass:transfer-pw")
        try Data(script.utf8).write(to: dir.appendingPathComponent("recipe.sh"))
        let pem = try Tools.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=im.example.com",
                "-keyout", dir.appendingPathComponent("privkey.pem").path,
                "-out", dir.appendingPathComponent("fullchain.pem").path
            ])
        #expect(pem.status == 0, "\(pem.stderr)")
        let manager = secretEnvironment["WFC_KEY_MANAGER_PASSWORD"] ?? "", store = secretEnvironment["WFC_KEY_STORE_PASSWORD"] ?? ""
        let answers = "\(manager)\n\(store)\n\(store)\ntransfer-pw\n"
        let ran = try #require(
            try launch(
                URL(fileURLWithPath: "/bin/bash"), [dir.appendingPathComponent("recipe.sh").path],
                stdin: Data(answers.utf8), cwd: dir))
        #expect(ran.status == 0, "\(ran.stdout)\(ran.stderr)")
        func openKey(_ password: String) throws -> Run {
            try Tools.run(
                "keytool",
                [
                    "-importkeystore", "-srckeystore", jks, "-srcstorepass", store, "-srckeypass", password,
                    "-srcalias", "im.example.com", "-destkeystore", dir.appendingPathComponent("check-\(password).p12").path,
                    "-deststoretype", "PKCS12", "-deststorepass", "check-pw", "-noprompt"
                ])
        }
        let right = try openKey(manager)
        #expect(right.status == 0, "\(right.stdout)\(right.stderr)")
        let wrong = try openKey("transfer-pw")
        #expect(wrong.status != 0 && (wrong.stdout + wrong.stderr).contains("UnrecoverableKeyException"))
    }
}
