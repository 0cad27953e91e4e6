import Foundation
import Testing

/// Issue 33, the fourth hardening round: each defect through the binary, as a user meets it.
/// The rollout's own items (a `#` password, a flushed firewall, a reboot, the topology's real
/// path) are proven again for real by Tests/rollout.
@Suite("Hardening, round 4", .serialized)
struct HardeningRound4Tests {
    static let single = "version: 1\nmode: single\nauthorized_address: im.example.com\n"

    static func singleHTTPS() -> String {
        single + "clients: {web: true, https: true}\n"
            + "tls:\n  jks_path: /etc/im/im.jks\n  key_store_password: {env: WFC_KS}\n  key_manager_password: {env: WFC_KM}\nnodes:\n  - name: im1\n"
            + "firewall:\n  allow:\n    - {to: all, ports: [80, 443, 1883, 8083, 8084]}\n    - {to: all, ports: [22], from: [198.51.100.0/24]}\n"
    }

    /// Builds `text` into a new folder; the folder, with the run.
    static func build(_ text: String, environment: [String: String] = [:]) throws -> (URL, Run) {
        let dir = try temporaryDirectory()
        try text.write(to: dir.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        return (dir, try wfc(["build", "topology.yaml", "--out", "out"], cwd: dir, environment: environment))
    }

    /// The rollout's IM config check, as built, run with sh on `files`.
    static func imConfigCheck(in out: URL, _ files: [URL]) throws -> Run {
        let script = out.appendingPathComponent("ansible/roles/wfc/files/wfc-im-config-check")
        return try #require(try launch(URL(fileURLWithPath: "/bin/sh"), [script.path] + files.map(\.path)))
    }

    // 1 and 2. A password with `#` and no space is valid: built, and accepted by the rollout's
    // check, which applies the server's rule and never prints a line's value.
    @Test("item 1-2: a '#' password is built, passes the rollout's check, and no check prints a config line")
    func hashPassword() throws {
        let (dir, run) = try Self.build(Self.singleHTTPS(), environment: ["WFC_KS": "Hx7#Sec4Leak", "WFC_KM": "km"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = dir.appendingPathComponent("out")
        let conf = out.appendingPathComponent("nodes/im1/wildfirechat.conf")
        #expect(try String(contentsOf: conf, encoding: .utf8).contains("\nkey_store_password Hx7#Sec4Leak\n"))
        let staged = try Self.imConfigCheck(in: out, [conf])
        #expect(staged.status == 0, "\(staged.stdout)\(staged.stderr)")
        // The operator's live config: a valid `#` secret, then a line the server stops at.
        let live = dir.appendingPathComponent("live.conf")
        try "http.admin.secret_key ab#Live-Secret\nserver.ip 1.2.3.4\nhttp_port 80 # Note-Secret\ntoken.key x\n"
            .write(to: live, atomically: true, encoding: .utf8)
        let check = try Self.imConfigCheck(in: out, [conf, live])
        #expect(check.status == 1)
        #expect(check.stdout.contains("live.conf:3: http_port:"), "\(check.stdout)")
        #expect(!check.stdout.contains("Secret") && !check.stderr.contains("Secret"), "\(check.stdout)")
        // The stage task runs that script, not grep over the config.
        let stage = try String(contentsOf: out.appendingPathComponent("ansible/roles/wfc/tasks/stage.yml"), encoding: .utf8)
        #expect(stage.contains("wfc-im-config-check") && !stage.contains("grep"))
        // `#` with a space is what the server cannot read: still refused, without the value.
        let (_, spaced) = try Self.build(Self.singleHTTPS(), environment: ["WFC_KS": "Hx7 #Sec4Leak", "WFC_KM": "km"])
        #expect(spaced.status == 2)
        #expect(spaced.stderr.contains("holds both `#` and a space") && !spaced.stderr.contains("Sec4Leak"))
    }

    // 4. The rollout's probe names the topology wfc read, from the build folder.
    @Test("item 4: wfc_topology names the real file: from an absolute path, a folder with a space, and not from stdin")
    func topologyPath() throws {
        let dir = try temporaryDirectory()
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/multi-node/topology.yaml"), encoding: .utf8)
        for folder in ["my site", "{{ lookup('pipe', 'id') }}"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            try text.write(to: dir.appendingPathComponent("\(folder)/topology.yaml"), atomically: true, encoding: .utf8)
        }
        func defaults(_ out: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent("\(out)/ansible/roles/wfc/defaults/main.yml"), encoding: .utf8)
        }
        let absolute = dir.appendingPathComponent("my site/topology.yaml").path
        #expect(try wfc(["build", absolute, "--out", "abs"], cwd: dir).status == 0)
        #expect(try defaults("abs").contains("wfc_topology_from_build: \"../my site/topology.yaml\"\n"))
        #expect(try defaults("abs").contains("wfc_topology: \"{{ wfc_build }}/{{ wfc_topology_from_build }}\"\n"))
        #expect(try wfc(["build", "../my site/topology.yaml", "--out", "../deep/er"], cwd: dir.appendingPathComponent("my site")).status == 0)
        #expect(try defaults("deep/er").contains("wfc_topology_from_build: \"../../my site/topology.yaml\"\n"))
        // A folder name Jinja would run is written `!unsafe`.
        #expect(try wfc(["build", "{{ lookup('pipe', 'id') }}/topology.yaml", "--out", "jinja"], cwd: dir).status == 0)
        #expect(try defaults("jinja").contains("wfc_topology_from_build: !unsafe \"../{{ lookup('pipe', 'id') }}/topology.yaml\"\n"))
        // From standard input there is no file to name: the probe says it is skipped.
        #expect(try wfc(["build", "-", "--out", "stdin"], stdin: text, cwd: dir).status == 0)
        #expect(try defaults("stdin").contains("wfc_topology: \"\"\n"))
        let probe = try String(contentsOf: dir.appendingPathComponent("stdin/ansible/roles/wfc/tasks/probe.yml"), encoding: .utf8)
        #expect(probe.contains("wfc probe skipped: the build was read from standard input"))
    }

    // 5. `media.max_upload: 0` would mean "no limit" to nginx and "refuse every body" to HAProxy.
    @Test("item 5: media.max_upload 0 is WFC006 on every backend")
    func zeroUpload() throws {
        for value in ["0", "0m", "000k", "\"0\""] {
            let run = try wfc(["lint", "-"], stdin: Self.single + "nodes:\n  - name: im1\nmedia: {max_upload: \(value)}\n")
            #expect(run.status == 1, "\(value)")
            #expect(run.stdout.contains("error[WFC006]") && run.stdout.contains("the gateways read 0 in opposite ways"), "\(run.stdout)")
        }
        #expect(try wfc(["lint", "-"], stdin: Self.single + "nodes:\n  - name: im1\nmedia: {max_upload: 10m}\n").status == 0)
    }

    // 6. A router rule to the admin or the cluster port publishes it, as `firewall.allow` would.
    @Test("item 6: port_mapping to 18080 or 5701 is WFC502")
    func mappedInternalPort() throws {
        let text =
            Self.single
            + "ports: {local: 8080}\nnodes:\n  - name: im1\n    public_address: 203.0.113.10\n    private_address: 192.168.1.10\n"
            + "    port_mapping: {80: 8080, 1883: 1883, 443: 18080, 5701: 5701}\n"
        let run = try wfc(["lint", "-"], stdin: text)
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[WFC502]: `port_mapping` of `im1` publishes 18080 (Server API (admin)) on outside port 443"))
        #expect(run.stdout.contains("error[WFC502]: `port_mapping` of `im1` publishes 5701"))
    }

    // 7. The kernel keeps a page of `ip_local_reserved_ports`; a range listed port by port was cut.
    @Test("item 7: reserved ports are written as ranges, under the kernel's limit")
    func reservedPorts() throws {
        let text = Self.single + "nodes:\n  - name: im1\nservices:\n  - {name: relay, on: im1, ports: [10000-11000], protocol: udp}\n"
        let (dir, run) = try Self.build(text)
        #expect(run.status == 0, "\(run.stderr)")
        let checklist = try String(contentsOf: dir.appendingPathComponent("out/CHECKLIST.md"), encoding: .utf8)
        let line = try #require(checklist.split(separator: "'").first { $0.hasPrefix("net.ipv4.ip_local_reserved_ports = ") })
        #expect(line == "net.ipv4.ip_local_reserved_ports = 1883,5701,10000-11000,18080", "\(line)")
    }

    // 8. `HOST:HTTP:TCP:WS` has no room for an IPv6 address's colons.
    @Test("item 8: an IPv6 backup address is WFC006")
    func ipv6Backup() throws {
        let text = Self.single + "nodes:\n  - name: im1\n    public_address: 203.0.113.10\n    backup: {address: \"2001:db8::52\"}\n"
        let run = try wfc(["lint", "-"], stdin: text)
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[WFC006]: `2001:db8::52` is an IPv6 address, which `address` cannot carry"), "\(run.stdout)")
        let v4 = text.replacingOccurrences(of: "\"2001:db8::52\"", with: "11.43.238.52")
        #expect(try wfc(["lint", "-"], stdin: v4).status == 0)
    }

    // 9. Ports are protocol and number.
    @Test("item 9: a UDP service on 1883 is no conflict with the TCP long connection; two UDP ones are")
    func protocolAndNumber() throws {
        let base = Self.single + "nodes:\n  - name: im1\nservices:\n  - {name: relay, on: im1, ports: [1883], protocol: udp}\n"
        let udp = try wfc(["lint", "-"], stdin: base)
        #expect(udp.status == 0, "\(udp.stdout)")
        let twice = try wfc(["lint", "-"], stdin: base + "  - {name: other, on: im1, ports: [1883], protocol: udp}\n")
        #expect(twice.stdout.contains("error[WFC301]: port 1883/udp is used twice on `im1`"), "\(twice.stdout)")
        let tcp = try wfc(["lint", "-"], stdin: base.replacingOccurrences(of: "protocol: udp", with: "protocol: tcp"))
        #expect(tcp.stdout.contains("error[WFC301]: port 1883 is used twice"), "\(tcp.stdout)")
    }

    // 10. Masking decides by the key YAML reads, not by how it is spelt.
    @Test("item 10: a secret under an escaped key name is masked in every excerpt")
    func escapedSecretKey() throws {
        let head = Self.single + "nodes:\n  - name: im1\ntls:\n"
        for text in [
            head + "  \"key_store_pa\\x73sword\": Hunter2Secret: x\n",
            head + "  \"key_store_pa\\x73sword\": Hunter2Secret\n  \"key_store_pa\\x73sword\": Hunter2Secret\n",
            head + "  \"key_store_pa\\u0073sword\": Hunter2Secret: x\n",
            head + "  'key_store_password' : Hunter2Secret: x\n"
        ] {
            for format in ["human", "json", "sarif", "github"] {
                let run = try wfc(["lint", "-", "--format", format], stdin: text)
                #expect(run.status == 1)
                #expect(!run.stdout.contains("Hunter2") && !run.stderr.contains("Hunter2"), "\(format): \(text)")
            }
        }
    }

    // 11. Memory: a paste of 50,000 nodes stays within 300 MiB (ru_maxrss of the wfc process).
    @Test("item 11: a paste of 50,000 nodes peaks under 300 MiB")
    func pasteMemory() throws {
        let python = try Tools.require("python3")
        let text =
            "version: 1\nmode: single-entry\nauthorized_address: im.example.com\ngateway: {public_address: 203.0.113.10}\nfirewall: {server_api_from: []}\nnodes:\n"
            + String(repeating: "  - {name: same, private_address: 10.0.0.1}\n", count: 50_000)
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("paste.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        // Python's wait4 gives the child's own peak, whatever else this test process runs.
        let measure =
            "import os,subprocess,sys\np=subprocess.Popen(sys.argv[1:],stdout=subprocess.DEVNULL)\n_,s,r=os.wait4(p.pid,0)\nprint(os.waitstatus_to_exitcode(s),r.ru_maxrss)"
        let run = try #require(try launch(URL(fileURLWithPath: python), ["-c", measure, wfcBinary.path, "lint", file.path]))
        let fields = run.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.count == 2 && fields[0] == 1, "\(run.stdout)\(run.stderr)")
        let peak = fields.last ?? .max
        #expect(peak < 300 * 1024, "peak \(peak / 1024) MiB")
    }

    // 12. The reference says what lint accepts.
    @Test("item 12: services[].on is one host, and the reference says so")
    func serviceOn() throws {
        let run = try wfc(["lint", "-"], stdin: Self.single + "nodes:\n  - name: im1\nservices:\n  - {name: app, on: all, ports: [8888]}\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("a service's `on` names `all`, which is no host"))
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        #expect(reference.contains("| `on` | `gateway` or a node name | required | The one host it runs on"))
        #expect(!reference.contains("| `on` | `nodes`, `gateway`, `all` or a node name | required | The host it runs on"))
    }
}
