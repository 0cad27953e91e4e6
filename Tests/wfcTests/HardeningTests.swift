import Foundation
import Testing

/// What a hostile user or a careless day can do to wfc (issue 11), each through the binary.
@Suite("Hardening", .serialized)
struct HardeningTests {
    static let httpsHead = "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: true, https: true}\n"
    static let node = "nodes:\n  - name: im1\n"

    /// A single-https topology whose key store password comes from `secret`.
    static func singleHTTPS(_ secret: String) -> String {
        httpsHead + "tls:\n  jks_path: /etc/im/im.jks\n  key_store_password: \(secret)\n  key_manager_password: {env: WFC_KM}\n" + node
    }

    // 1. A secret with CR, CRLF or a combining mark cannot add IM config keys.
    @Test("a secret with CR/CRLF from the environment, a file or the YAML is refused; no key is injected")
    func secretLineBreaks() throws {
        let dir = try temporaryDirectory()
        try Self.singleHTTPS("{env: WFC_KS}").write(to: dir.appendingPathComponent("env.yaml"), atomically: true, encoding: .utf8)
        for value in ["pw1\r\nserver.ip 6.6.6.6", "pw1\rserver.ip 6.6.6.6", "pw1\nserver.ip 6.6.6.6"] {
            let run = try wfc(["build", "env.yaml", "--out", "out"], cwd: dir, environment: ["WFC_KS": value, "WFC_KM": "km"])
            #expect(run.status == 2, "\(value.debugDescription)")
            #expect(run.stderr.contains("holds a line break"))
            #expect(!run.stderr.contains("6.6.6.6"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        }
        // `#` with a combining mark and a space: one Character that is not "#", still a `#` byte.
        let combining = try wfc(["build", "env.yaml", "--out", "out"], cwd: dir, environment: ["WFC_KS": "a #\u{301}b", "WFC_KM": "km"])
        #expect(combining.status == 2)
        #expect(combining.stderr.contains("holds both `#` and a space"))
        // A secret file saved with Windows line ends: the last one is the editor's; one inside is not.
        try Self.singleHTTPS("{file: ks.txt}").write(to: dir.appendingPathComponent("file.yaml"), atomically: true, encoding: .utf8)
        try Data("pw1\r\nserver.ip 6.6.6.6\r\n".utf8).write(to: dir.appendingPathComponent("ks.txt"))
        let file = try wfc(["build", "file.yaml", "--out", "out"], cwd: dir, environment: ["WFC_KM": "km"])
        #expect(file.status == 2)
        #expect(file.stderr.contains("holds a line break"))
        try Data("pw1-Windows\r\n".utf8).write(to: dir.appendingPathComponent("ks.txt"))
        let good = try wfc(["build", "file.yaml", "--out", "out"], cwd: dir, environment: ["WFC_KM": "km"])
        #expect(good.status == 0, "\(good.stderr)")
        let conf = try String(contentsOf: dir.appendingPathComponent("out/nodes/im1/wildfirechat.conf"), encoding: .utf8)
        #expect(conf.contains("\nkey_store_password pw1-Windows\n"))
        #expect(!conf.contains("\r"))
        // In the YAML itself: WFC006 at lint time, without the value.
        let lint = try wfc(["lint", "-"], stdin: Self.singleHTTPS("\"pw1\\r\\nserver.ip 6.6.6.6\""))
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("error[WFC006]: `key_store_password` holds a line break"))
        #expect(!lint.stdout.contains("6.6.6.6"))
    }

    // 2. The input's name never reaches a generated file unescaped.
    @Test("a hostile --stdin-filename adds nothing to nftables, nginx or wildfirechat.conf")
    func hostileFileName() throws {
        let dir = try temporaryDirectory()
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/single-entry/topology.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "firewall:\n", with: "firewall:\n  backend: both\n")
        let plain = dir.appendingPathComponent("plain")
        #expect(try wfc(["build", "-", "--stdin-filename", "topology.yaml", "--out", plain.path], stdin: text).status == 0)
        let expected = tree(plain)
        for name in [
            "t\" ; tcp dport 1-65535 accept comment \"x", "a\ninclude /etc/passwd;\nserver.ip 6.6.6.6\n",
            String(repeating: "long-name/", count: 30) + "topology.yaml"
        ] {
            let out = dir.appendingPathComponent("out-\(UUID().uuidString)")
            let run = try wfc(["build", "-", "--stdin-filename", name, "--out", out.path], stdin: text)
            #expect(run.status == 0, "\(run.stderr)")
            let built = tree(out)
            // The name as written: everything after "from " on the plan's `input`.
            let planData = try #require(built["plan.json"])
            let plan = try #require(try JSONSerialization.jsonObject(with: planData) as? [String: Any])
            let shown = try #require(plan["input"] as? String)
            #expect(shown.count <= 64)
            #expect(shown.unicodeScalars.allSatisfy { $0.isASCII && !" \"'\n\r;{}#$\\".unicodeScalars.contains($0) }, "\(shown)")
            // Apart from the name, every file is byte for byte the benign build: nothing was added.
            #expect(built.keys.sorted() == expected.keys.sorted())
            for (path, data) in built {
                // A YAML scalar quotes a name that could be read as another type (`...` first).
                let text = String(decoding: data, as: UTF8.self)
                let same = (path.hasSuffix(".yml") ? text.replacingOccurrences(of: "\"\(shown)\"", with: "topology.yaml") : text)
                    .replacingOccurrences(of: shown, with: "topology.yaml")
                #expect(same == String(decoding: expected[path] ?? Data(), as: UTF8.self), "\(path)")
            }
            if getuid() == 0, Tools.which("nft") != nil {
                let check = try Tools.run("nft", ["-c", "-f", out.appendingPathComponent("gateway/nftables.nft").path])
                #expect(check.status == 0, "\(check.stderr)")
            }
        }
    }

    // 3. No format prints a secret, however the line around it is broken.
    @Test(
        "secrets stay masked when the key is misspelt, duplicated, of the wrong type, on a syntax error or typed as an env name",
        arguments: ["human", "json", "sarif", "github"])
    func secretsMasked(_ format: String) throws {
        let inputs = [
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_pasword: hunter2\n  key_manager_password: {env: K}\n" + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password: hunter2\n  key_store_password: hunter2b\n  key_manager_password: {env: K}\n"
                + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password: [hunter2, x]\n  key_manager_password: {env: K}\n" + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password: \"hunter2\n" + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password:hunter2\n" + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password: {env: \"hunter2!\"}\n  key_manager_password: {env: K}\n" + Self.node,
            // Continuation lines after a syntax error (issue 22, item 3): the value on the next
            // line at the key's indent, a wrapped flow mapping, a multi-line quoted scalar.
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password:\n  hunter2 x: : y\n" + Self.node,
            Self.httpsHead + "tls: {jks_path: /a.jks, key_store_password:\n  hunter2, key_manager_password: {env: K}\n" + Self.node,
            Self.httpsHead + "tls: {jks_path: /a.jks, key_store_password: \"abc\n  hunter2\", ]\n" + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password: \"abc\n    hunter2\n  key_manager_password: [\n" + Self.node,
            Self.httpsHead + "tls:\n  jks_path: /a.jks\n  key_store_password: 'it''s\n  hunter2'\n  : bad\n" + Self.node
        ]
        for input in inputs {
            let run = try wfc(["lint", "--format", format, "-"], stdin: input)
            #expect(run.status == 1, "\(input)")
            #expect(!run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"), "\(format): \(run.stdout)")
        }
    }

    // 6. `lint --fix` on files that are not plain, private, writable ones.
    static let fixable = "version: 1\nmode: single\nauthorised_address: im.example.com\nnodes:\n  - name: n1\n"
    static let fixed = "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: n1\n"

    @Test("--fix edits a symlink's target and keeps the link, the owner and the mode; a planted link is not followed")
    func fixThroughLinks() throws {
        let dir = try temporaryDirectory()
        let real = dir.appendingPathComponent("real.yaml"), link = dir.appendingPathComponent("topology.yaml")
        let victim = dir.appendingPathComponent("victim")
        try Self.fixable.write(to: real, atomically: true, encoding: .utf8)
        try Data("do not touch\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        // The old temporary name, planted as a link to another file: mkstemp never opens it.
        for pid in 1...64 {
            try? FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(".real.yaml.wfc-fix-\(pid)"), withDestinationURL: victim)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: real.path)
        if getuid() == 0 { #expect(chown(real.path, 1234, 1234) == 0) }
        let run = try wfc(["lint", "--fix", "topology.yaml"], cwd: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == Self.fixed)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "do not touch\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: real.path)
        #expect(attributes[.posixPermissions] as? Int == 0o640)
        if getuid() == 0 { #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == 1234) }
        // Only the planted links: no temporary of wfc's own is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("wfc-fix") }.count == 64)
    }

    @Test("--fix refuses a read-only file and a hard-linked one, and leaves both as they were")
    func fixRefuses() throws {
        let dir = try temporaryDirectory()
        let readOnly = dir.appendingPathComponent("ro.yaml")
        try Self.fixable.write(to: readOnly, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly.path)
        let ro = try wfc(["lint", "--fix", "ro.yaml"], cwd: dir)
        #expect(ro.status == 2)
        #expect(ro.stderr.contains("it is read-only"), "\(ro.stderr)")
        #expect(try String(contentsOf: readOnly, encoding: .utf8) == Self.fixable)
        let linked = dir.appendingPathComponent("a.yaml")
        try Self.fixable.write(to: linked, atomically: true, encoding: .utf8)
        try FileManager.default.linkItem(at: linked, to: dir.appendingPathComponent("b.yaml"))
        let hard = try wfc(["lint", "--fix", "a.yaml"], cwd: dir)
        #expect(hard.status == 2)
        #expect(hard.stderr.contains("hard links"))
        #expect(try String(contentsOf: dir.appendingPathComponent("b.yaml"), encoding: .utf8) == Self.fixable)
    }

    // 7. A FIFO or an oversized file as `{file:}`.
    @Test("a FIFO as a secret file is refused at once; a file over 64 KiB is refused, not cut")
    func secretFiles() throws {
        let dir = try temporaryDirectory()
        try Self.singleHTTPS("{file: ks}").write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        #expect(mkfifo(dir.appendingPathComponent("ks").path, 0o600) == 0)
        let fifo = try #require(
            try launch(
                wfcBinary, ["build", "t.yaml", "--out", "out"], cwd: dir,
                environment: ["WFC_KM": "km", "PATH": "/usr/bin:/bin"], seconds: 20),
            "wfc build hangs on a FIFO")
        #expect(fifo.status == 2)
        #expect(fifo.stderr.contains("not a regular file"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("ks"))
        try Data(repeating: UInt8(ascii: "a"), count: 70_000).write(to: dir.appendingPathComponent("ks"))
        let big = try wfc(["build", "t.yaml", "--out", "out"], cwd: dir, environment: ["WFC_KM": "km"])
        #expect(big.status == 2)
        #expect(big.stderr.contains("larger than 64 KiB"))
    }

    // 8. A killed build's temporary folder is removed by the next build.
    @Test("a stale temporary folder of a dead build is removed; another process's is kept")
    func staleTemporaries() throws {
        let dir = try temporaryDirectory()
        let stale = dir.appendingPathComponent(".out.wfc-999999999-a1B2c3"), old = dir.appendingPathComponent(".out.wfc-999999998-x9Y8z7-old")
        let live = dir.appendingPathComponent(".out.wfc-1-Qq0Ww1"), other = dir.appendingPathComponent(".other.wfc-999999999-a1B2c3")
        for folder in [stale, old, live, other] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("secret".utf8).write(to: folder.appendingPathComponent("wildfirechat.conf"))
        }
        let run = try wfc(["build", repositoryRoot.appendingPathComponent("samples/single/topology.yaml").path, "--out", "out"], cwd: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: live.path), "pid 1 is alive")
        #expect(FileManager.default.fileExists(atPath: other.path), "another output's temporaries are not ours")
    }

    // Issue 22, item 6: the output's temporary folder, where another local user may act.
    @Test("a parent folder anyone may write to without the sticky bit is refused; /tmp-like (sticky) ones are fine")
    func worldWritableParent() throws {
        let dir = try temporaryDirectory()
        let open = dir.appendingPathComponent("open"), sticky = dir.appendingPathComponent("sticky")
        for (folder, mode) in [(open, 0o777), (sticky, 0o1777)] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            #expect(chmod(folder.path, mode_t(mode)) == 0)
        }
        let sample = repositoryRoot.appendingPathComponent("samples/single/topology.yaml").path
        let refused = try wfc(["build", sample, "--out", open.appendingPathComponent("out").path])
        #expect(refused.status == 2 && refused.stderr.contains("anyone may write there and it has no sticky bit"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: open.appendingPathComponent("out").path))
        let fine = try wfc(["build", sample, "--out", sticky.appendingPathComponent("out").path])
        #expect(fine.status == 0, "\(fine.stderr)")
        // Nothing of the build's temporary folder is left, and the output is an ordinary folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sticky.path) == ["out"])
        #expect((try FileManager.default.attributesOfItem(atPath: sticky.appendingPathComponent("out").path)[.posixPermissions] as? Int) == 0o755)
    }

    @Test("replacing an output removes the old tree without following a link inside it")
    func noFollow() throws {
        let dir = try temporaryDirectory()
        let outside = dir.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("precious"))
        let sample = repositoryRoot.appendingPathComponent("samples/single/topology.yaml").path
        let out = dir.appendingPathComponent("out")
        #expect(try wfc(["build", sample, "--out", out.path]).status == 0)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("nodes/link"), withDestinationURL: outside)
        #expect(try wfc(["build", sample, "--out", out.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("precious").path), "the link's target is untouched")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("nodes/link").path))
    }

    @Test("a bidirectional override in the file is never printed raw: not in the excerpt, not in the message", arguments: ["human", "github", "json"])
    func bidiOverrides(_ format: String) throws {
        let input = "version: 1\nmode: single\nauthorized_address: \"im.\u{202E}moc.elpmaxe\"\nnodes:\n  - name: n1\u{2066}x\n"
        let run = try wfc(["lint", "--format", format, "-"], stdin: input)
        #expect(run.status == 1)
        #expect(!(run.stdout + run.stderr).unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2066 }, "\(run.stdout)")
    }

    // 9. Terminal escapes from the input.
    @Test("control characters from the input are escaped in human and github output", arguments: ["human", "github"])
    func terminalEscapes(_ format: String) throws {
        let input = "version: 1\nmode: single\nauthorized_address: \"im.\\e]0;pwned\\a\\e[2J\"\nnodes:\n  - name: n1\n"
        let run = try wfc(["lint", "--format", format, "-", "--stdin-filename", "a\u{1B}[31m.yaml"], stdin: input)
        #expect(run.status == 1)
        #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains("\\u{1B}"))
    }

    // 10. An output folder that holds the input.
    @Test("build refuses an output folder that holds the topology, even with --force, and says what --force deletes")
    func outputHoldsInput() throws {
        let dir = try temporaryDirectory()
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("samples/single/topology.yaml"), to: sub.appendingPathComponent("topology.yaml"))
        for out in ["sub", ".", "sub/"] {
            let run = try wfc(["build", "sub/topology.yaml", "--out", out, "--force"], cwd: dir)
            #expect(run.status == 2)
            #expect(run.stderr.contains("it holds the topology `sub/topology.yaml`"))
        }
        #expect(FileManager.default.fileExists(atPath: sub.appendingPathComponent("topology.yaml").path))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("x"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("x/notes.txt"))
        let refused = try wfc(["build", "sub/topology.yaml", "--out", "x"], cwd: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("holds `notes.txt`; --force would delete all of it"))
    }
}
