import Foundation
import Testing

/// The TURN password is hostile to coturn's syntax on purpose (quotes, `#`, `=`, `;`, a space):
/// TurnServerConfTests and the e2e show coturn reads such a value whole.
let secretEnvironment = [
    "WFC_KEY_STORE_PASSWORD": "cli-test-ks-Secret1", "WFC_KEY_MANAGER_PASSWORD": "cli-test-km-Secret2", "WFC_TURN_PASSWORD": "cli-turn \"#= ;Secret3"
]

/// Every file under a folder, relative path → bytes.
func tree(_ folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    for path in paths {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            out[path] = FileManager.default.contents(atPath: url.path)
        }
    }
    return out
}

@Suite("wfc build, as a pipeline runs it")
struct BuildCLITests {
    @Test("two builds of the same topology are byte-identical")
    func deterministic() throws {
        let dir = try temporaryDirectory()
        for sample in ["multi-node-https", "single-entry", "single-https"] {
            let a = dir.appendingPathComponent("\(sample)-a"), b = dir.appendingPathComponent("\(sample)-b")
            for out in [a, b] {
                let run = try wfc(["build", "samples/\(sample)/topology.yaml", "--out", out.path], environment: secretEnvironment)
                #expect(run.status == 0, "\(run.stderr)")
            }
            let first = tree(a)
            #expect(first.count > 4)
            #expect(first == tree(b))
        }
    }

    @Test("--im-base: each node gets the operator's whole file with its keys set, 0600 with secrets; a base the server would not read is refused")
    func imBase() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let base = "Tests/Fixtures/im-base/wildfirechat.conf"
        let run = try wfc(["build", "samples/single-https/topology.yaml", "--out", out.path, "--im-base", base], environment: secretEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        let conf = out.appendingPathComponent("nodes/im1/wildfirechat.conf")
        let text = try String(contentsOf: conf, encoding: .utf8)
        #expect(text.hasPrefix("# wildfirechat.conf: a base in the shape the vendor ships"))
        #expect(text.contains("\nhttps_port 443\n") && text.contains("\nsecure_websocket_port 8084\n"), "set on their commented-out lines")
        #expect(text.contains("key_store_password cli-test-ks-Secret1\n"), "keys the base lacks are appended")
        let mode = try FileManager.default.attributesOfItem(atPath: conf.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let checklist = try String(contentsOf: out.appendingPathComponent("CHECKLIST.md"), encoding: .utf8)
        #expect(checklist.contains("it is your `--im-base` file"))

        let broken = dir.appendingPathComponent("broken.conf")
        try "port 1883\ntoken.key a b # old key\n".write(to: broken, atomically: true, encoding: .utf8)
        let refused = try wfc(["build", "samples/single/topology.yaml", "--out", dir.appendingPathComponent("refused").path, "--im-base", broken.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error[WFC702]: the IM server stops reading here"), "\(refused.stderr)")
        #expect(refused.stderr.contains("broken.conf:2:"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("refused").path))
        let missing = try wfc(["build", "samples/single/topology.yaml", "--out", dir.appendingPathComponent("m").path, "--im-base", "no/such.conf"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read the IM config base no/such.conf"), "\(missing.stderr)")

        // A media URL left from another layout: commented out, and the build says which line, not its value.
        let stale = dir.appendingPathComponent("stale.conf")
        try "port 1883\nlocal.media.storage.remote_server_url http://192.168.1.81\n".write(to: stale, atomically: true, encoding: .utf8)
        let noted = try wfc(["build", "samples/single/topology.yaml", "--out", dir.appendingPathComponent("stale").path, "--im-base", stale.path])
        #expect(noted.status == 0, "\(noted.stderr)")
        #expect(
            noted.stderr.contains("note: the IM config base's line 2 sets `local.media.storage.remote_server_url`, which this topology does not"),
            "\(noted.stderr)")
        #expect(!noted.stderr.contains("192.168.1.81"))
    }

    @Test("a topology with errors exits 1 and creates no output folder")
    func errorsWriteNothing() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let run = try wfc(["build", "Tests/Fixtures/mistakes/wfc201-private-server-ip.yaml", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error[WFC201]"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no temporary folder is left")
    }

    @Test("a missing secret names its variable (WFC406, in every format), exits 2 and writes nothing")
    func missingSecret() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let run = try wfc(
            ["build", "samples/single-https/topology.yaml", "--out", out.path],
            environment: ["WFC_KEY_STORE_PASSWORD": "only-one-is-set"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("`WFC_KEY_MANAGER_PASSWORD` is not set"))
        #expect(!run.stderr.contains("only-one-is-set"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // Machine formats carry it as a diagnostic with its code and position.
        for format in ["json", "sarif", "github"] {
            let machine = try wfc(
                ["build", "samples/single-https/topology.yaml", "--out", out.path, "--format", format],
                environment: ["WFC_KEY_STORE_PASSWORD": "only-one-is-set"])
            #expect(machine.status == 2)
            #expect(machine.stdout.contains("WFC406") && machine.stdout.contains("WFC_KEY_MANAGER_PASSWORD"), "\(format): \(machine.stdout)")
            #expect(!machine.stdout.contains("only-one-is-set") && !machine.stderr.contains("only-one-is-set"))
        }
    }

    @Test("a secret's value is only in the file that needs it (the IM config, turnserver.conf; mode 0600), never on stdout or stderr")
    func secretOnlyInIMConfig() throws {
        // Each sample's secrets and the one file that may hold them.
        let cases = [
            ("single-https", "nodes/im1/wildfirechat.conf", ["WFC_KEY_STORE_PASSWORD", "WFC_KEY_MANAGER_PASSWORD"]),
            ("single-calls", "calls/turn1/turnserver.conf", ["WFC_TURN_PASSWORD"])
        ]
        for (sample, file, names) in cases {
            let out = try temporaryDirectory().appendingPathComponent("out")
            let run = try wfc(["build", "samples/\(sample)/topology.yaml", "--out", out.path], environment: secretEnvironment)
            #expect(run.status == 0)
            for (name, value) in secretEnvironment {
                #expect(!run.stdout.contains(value) && !run.stderr.contains(value))
                for (path, data) in tree(out) {
                    let holds = String(decoding: data, as: UTF8.self).contains(value)
                    #expect(holds == (path == file && names.contains(name)), "\(sample): \(path)")
                }
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(file).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let plain = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("plan.json").path)
            #expect((plain[.posixPermissions] as? Int) == 0o644)
        }
    }

    @Test("a folder wfc did not write is not replaced without --force")
    func refusesToClobber() throws {
        let out = try temporaryDirectory()
        try "precious".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = try wfc(["build", "samples/single/topology.yaml", "--out", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("refusing to replace"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        let forced = try wfc(["build", "samples/single/topology.yaml", "--out", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.json").path))
    }

    @Test("a rebuild replaces the old output whole: files of the old topology do not linger")
    func replacesWhole() throws {
        let out = try temporaryDirectory().appendingPathComponent("out")
        #expect(try wfc(["build", "samples/multi-node/topology.yaml", "--out", out.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("nodes/node3").path))
        #expect(try wfc(["build", "samples/single/topology.yaml", "--out", out.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("nodes/node3").path))
        #expect(
            Set(tree(out).keys) == [
                ".wfc-output", "CHECKLIST.md", "plan.json", "nodes/im1/iptables.rules", "nodes/im1/ip6tables.rules", "nodes/im1/wildfirechat.conf",
                "monitoring/alerts.yml", "monitoring/blackbox.yml", "monitoring/prometheus.yml",
                "ansible/inventory.yml", "ansible/site.yml", "ansible/roles/wfc/defaults/main.yml", "ansible/roles/wfc/files/wfc-im-config-check",
                "ansible/roles/wfc/tasks/turn.yml", "ansible/roles/wfc/tasks/host-firewall.yml",
                "ansible/roles/wfc/files/wfc-firewall", "ansible/roles/wfc/tasks/firewall.yml", "ansible/roles/wfc/tasks/firewall-back.yml",
                "ansible/roles/wfc/tasks/gateway.yml",
                "ansible/roles/wfc/tasks/node.yml", "ansible/roles/wfc/tasks/probe.yml", "ansible/roles/wfc/tasks/stage.yml"
            ])
    }

    @Test("output under a missing parent folder is created; an unwritable one exits 2")
    func parents() throws {
        let out = try temporaryDirectory().appendingPathComponent("a/b/out")
        #expect(try wfc(["build", "samples/single/topology.yaml", "--out", out.path]).status == 0)
        let file = try temporaryDirectory().appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let run = try wfc(["build", "samples/single/topology.yaml", "--out", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a folder"))
    }

    @Test("--out is required")
    func outRequired() throws {
        #expect(try wfc(["build", "samples/single/topology.yaml"]).status == 2)
    }
}

@Suite("wfc build --im-base: a base that cannot be read whole is refused")
struct IMBaseInputTests {
    @Test("a base over 1 MiB is refused, not cut; a FIFO is refused at once, not waited on; nothing is written")
    func refused() throws {
        let dir = try temporaryDirectory()
        let big = dir.appendingPathComponent("big.conf")
        try Data(String(repeating: "token.key testim\n", count: 70_000).utf8).write(to: big)
        let out = dir.appendingPathComponent("out")
        let large = try wfc(["build", "samples/single/topology.yaml", "--out", out.path, "--im-base", big.path])
        #expect(large.status == 2 && large.stderr.contains("larger than 1024 KiB"), "\(large.stderr)")
        let fifo = dir.appendingPathComponent("fifo.conf")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let start = Date()
        let blocked = try wfc(["build", "samples/single/topology.yaml", "--out", out.path, "--im-base", fifo.path])
        #expect(blocked.status == 2 && blocked.stderr.contains("not a regular file"), "\(blocked.stderr)")
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

@Suite("wfc build: why a secret cannot be read")
struct SecretCauseTests {
    @Test("an empty variable is named as empty, not as unset; the excerpt shows the reference, not stars")
    func emptyVariable() throws {
        let out = try temporaryDirectory().appendingPathComponent("out")
        let run = try wfc(
            ["build", "samples/single-https/topology.yaml", "--out", out.path],
            environment: ["WFC_KEY_STORE_PASSWORD": "", "WFC_KEY_MANAGER_PASSWORD": "cli-test-km-Secret2"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the environment variable `WFC_KEY_STORE_PASSWORD` is set but empty"), "\(run.stderr)")
        #expect(run.stderr.contains("key_store_password: {env: WFC_KEY_STORE_PASSWORD}"), "\(run.stderr)")
        #expect(!run.stderr.contains("cli-test-km-Secret2"))
    }
}
