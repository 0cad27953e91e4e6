import Foundation
import Testing

/// The generated files, checked by the programs that will read them: nginx -t, gixy,
/// iptables-restore/ip6tables-restore --test and nft -c. A missing tool skips the test with
/// the command that installs it, or fails it in CI (`Tools`).
@Suite("Generated files pass the real tools", .serialized)
struct ToolValidationTests {

    /// Every sample and clean fixture, built with TLS paths pointing at a throwaway
    /// certificate made here (and HAProxy's bundle of it beside it). `gatewayBackend`: the
    /// `gateway.backend` every topology with a gateway gets; an external balancer also gets
    /// `source_ranges`.
    static func builds(gatewayBackend: String? = nil) throws -> [(String, URL)] {
        let dir = try temporaryDirectory()
        let cert = dir.appendingPathComponent("cert.pem"), key = dir.appendingPathComponent("key.pem")
        _ = try Tools.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=im.example.com",
                "-keyout", key.path, "-out", cert.path
            ])
        try (try String(contentsOf: cert, encoding: .utf8) + String(contentsOf: key, encoding: .utf8))
            .write(to: dir.appendingPathComponent("cert.haproxy.pem"), atomically: true, encoding: .utf8)
        var inputs = sampleFiles
        inputs += try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Tests/Fixtures/clean").path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { "Tests/Fixtures/clean/\($0)" }
        var out: [(String, URL)] = []
        for input in inputs {
            var text = try String(contentsOf: repositoryRoot.appendingPathComponent(input), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("certificate_key:") {
                    text = text.replacingOccurrences(of: String(line), with: "  certificate_key: \(key.path)")
                } else if trimmed.hasPrefix("certificate:") {
                    text = text.replacingOccurrences(of: String(line), with: "  certificate: \(cert.path)")
                }
            }
            // An external balancer runs on no node's host (WFC109), and a declared firewall
            // that admits the gateway's address does not admit its source ranges (WFC501).
            if gatewayBackend == "external", text.contains("\n  on: ") || text.contains("\n  allow:") { continue }
            if let backend = gatewayBackend {
                // The sample's own choice of balancer gives way to the one under test.
                text = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !["  backend: haproxy", "  backend: external", "  backend: nginx"].contains($0) && !$0.hasPrefix("  source_ranges:") }
                    .joined(separator: "\n")
                let keys = ["backend: \(backend)"] + (backend == "external" ? ["source_ranges: [10.0.0.0/8, 172.16.0.0/12, 203.0.113.0/24]"] : [])
                text = text.replacingOccurrences(of: "\ngateway:\n", with: "\ngateway:\n" + keys.map { "  \($0)\n" }.joined())
                    .replacingOccurrences(of: "\ngateway: {", with: "\ngateway: {" + keys.map { "\($0), " }.joined())
            }
            let folder = repositoryRoot.appendingPathComponent(input).deletingLastPathComponent()
            let topology = folder.appendingPathComponent(".wfc-tool-test-\(UUID().uuidString).yaml")
            try text.write(to: topology, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: topology) }
            let target = dir.appendingPathComponent(input.replacingOccurrences(of: "/", with: "_"))
            let build = try wfc(
                ["build", topology.path, "--out", target.path],
                environment: secretEnvironment.merging(["IM_KEY_MANAGER_PASSWORD": "fixture-km"]) { $1 })
            #expect(build.status == 0, "\(input): \(build.stderr)")
            out.append((input, target))
        }
        return out
    }

    static func files(_ folder: URL, named name: String) -> [URL] {
        tree(folder).keys.filter { $0.hasSuffix(name) }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("nginx -t and gixy accept every gateway and access point configuration")
    func nginx() throws {
        var checked = 0
        for (input, folder) in try Self.builds() {
            // `gateway/nginx.conf` and each access point's `access/NAME/nginx.conf`.
            for conf in Self.files(folder, named: "/nginx.conf") {
                let t = try Tools.run("nginx", ["-t", "-q", "-c", conf.path])
                #expect(t.status == 0, "\(input): nginx -t: \(t.stderr)")
                let g = try Tools.run("gixy", [conf.path])
                #expect(g.status == 0 && g.stdout.contains("No issues found"), "\(input): gixy: \(g.stdout)\(g.stderr)")
                checked += 1
            }
        }
        #expect(checked >= 8)
    }

    @Test("haproxy -c accepts the gateway of every sample and fixture built with `backend: haproxy`, and every access point's")
    func haproxy() throws {
        var checked = 0
        for (input, folder) in try Self.builds(gatewayBackend: "haproxy") {
            #expect(Self.files(folder, named: "gateway/nginx.conf").isEmpty, "\(input): nginx files beside haproxy.cfg")
            for conf in Self.files(folder, named: "/haproxy.cfg") {
                let t = try Tools.run("haproxy", ["-c", "-f", conf.path])
                #expect(t.status == 0 && !t.stderr.contains("WARNING"), "\(input): haproxy -c: \(t.stdout)\(t.stderr)")
                checked += 1
            }
        }
        #expect(checked >= 8)
    }

    @Test("ansible-playbook --syntax-check, ansible-inventory --list and sh -n accept every build's rollout")
    func ansible() throws {
        var checked = 0
        for (input, folder) in try Self.builds() {
            let ansible = folder.appendingPathComponent("ansible")
            let syntax = try Tools.run(
                "ansible-playbook",
                [
                    "--syntax-check", "-i", ansible.appendingPathComponent("inventory.yml").path,
                    ansible.appendingPathComponent("site.yml").path
                ])
            #expect(syntax.status == 0 && !syntax.stderr.contains("WARNING"), "\(input): \(syntax.stdout)\(syntax.stderr)")
            let list = try Tools.run("ansible-inventory", ["-i", ansible.appendingPathComponent("inventory.yml").path, "--list"])
            #expect(list.status == 0, "\(input): \(list.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
            let groups = (json["wfc_all"] as? [String: Any])?["children"] as? [String] ?? []
            // The kinds' groups; TURN servers exactly where the topology has calls.
            #expect(
                Set(groups).isSubset(of: ["wfc_nodes", "wfc_gateway", "wfc_turn", "wfc_media", "wfc_app", "wfc_access_points"]) && groups.contains("wfc_nodes"),
                "\(input): \(groups)")
            let calls = (try? String(contentsOf: repositoryRoot.appendingPathComponent(input), encoding: .utf8))?.contains("\ncalls:") ?? false
            let callHosts = ["wfc_turn", "wfc_media"].flatMap { (json[$0] as? [String: Any])?["hosts"] as? [String] ?? [] }
            #expect(callHosts.isEmpty != calls, "\(input): \(callHosts)")
            let nodes = (json["wfc_nodes"] as? [String: Any])?["hosts"] as? [String] ?? []
            #expect(!nodes.isEmpty, "\(input)")
            let helper = try Tools.run("sh", ["-n", ansible.appendingPathComponent("roles/wfc/files/wfc-firewall").path])
            #expect(helper.status == 0, "\(input): \(helper.stderr)")
            checked += 1
        }
        #expect(checked >= 10)
    }

    @Test("iptables-restore and ip6tables-restore --test accept every rules file")
    func iptables() throws {
        var checked = (v4: 0, v6: 0)
        for (input, folder) in try Self.builds() {
            for file in Self.files(folder, named: "tables.rules") {
                let v6 = file.lastPathComponent.hasPrefix("ip6")
                let r = try Tools.run(v6 ? "ip6tables-restore" : "iptables-restore", ["--test", "--noflush"], stdin: try Data(contentsOf: file))
                #expect(r.status == 0, "\(input) \(file.lastPathComponent): \(r.stderr)")
                if v6 { checked.v6 += 1 } else { checked.v4 += 1 }
            }
        }
        #expect(checked.v4 >= 10)
        #expect(checked.v6 == checked.v4, "every host gets both families")
    }

    @Test("nft -c accepts every nftables file")
    func nftables() throws {
        var checked = 0
        for (input, folder) in try Self.builds() {
            for file in Self.files(folder, named: "nftables.nft") {
                let r = try Tools.run("nft", ["-c", "-f", file.path])
                #expect(r.status == 0, "\(input) \(file.lastPathComponent): \(r.stderr)")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }
}
