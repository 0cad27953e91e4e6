import Foundation
import Testing
import YAMLTree

/// monitoring/: the probe's checks as blackbox-exporter probes, validated by the exporter and
/// promtool, the alerts unit-tested, and the targets compared with what `wfc probe` checks.
@Suite("monitoring/ passes the blackbox exporter and promtool, and watches what wfc probe checks", .serialized)
struct MonitoringTests {
    static let tools = [
        "prometheus-blackbox-exporter": "apt-get install prometheus-blackbox-exporter",
        "promtool": "apt-get install prometheus"
    ]

    func require(_ tool: String) throws -> String {
        if let path = Tools.which(tool) { return path }
        try Tools.unavailable("`\(tool)` is not installed: \(Self.tools[tool] ?? "")")
    }

    func build(_ sample: String) throws -> URL {
        let out = try temporaryDirectory().appendingPathComponent("out")
        let run = try wfc(["build", "samples/\(sample)/topology.yaml", "--out", out.path], environment: secretEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        return out.appendingPathComponent("monitoring")
    }

    @Test("every sample's blackbox.yml, prometheus.yml and alerts.yml pass the tools that read them", arguments: sampleNames)
    func validates(_ sample: String) throws {
        let exporter = try require("prometheus-blackbox-exporter"), promtool = try require("promtool")
        let dir = try build(sample)
        let check = try #require(
            try launch(URL(fileURLWithPath: exporter), ["--config.check", "--config.file", dir.appendingPathComponent("blackbox.yml").path]))
        #expect(check.status == 0, "\(check.stderr)")
        let config = try #require(try launch(URL(fileURLWithPath: promtool), ["check", "config", dir.appendingPathComponent("prometheus.yml").path]))
        #expect(config.status == 0, "\(config.stdout)\(config.stderr)")
        let rules = try #require(try launch(URL(fileURLWithPath: promtool), ["check", "rules", dir.appendingPathComponent("alerts.yml").path]))
        #expect(rules.status == 0 && rules.stdout.contains("SUCCESS: 8 rules found"), "\(rules.stdout)\(rules.stderr)")
    }

    @Test("promtool test rules: each alert fires on what it is for, and not before")
    func alertUnitTests() throws {
        let promtool = try require("promtool")
        let dir = try build("multi-node-https")
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tests/Fixtures/monitoring/alerts_test.yml"),
            to: dir.appendingPathComponent("alerts_test.yml"))
        let run = try #require(try launch(URL(fileURLWithPath: promtool), ["test", "rules", "alerts_test.yml"], cwd: dir))
        #expect(run.status == 0 && run.stdout.contains("SUCCESS"), "\(run.stdout)\(run.stderr)")
    }

    /// (job, target) of every scrape target in a prometheus.yml.
    func targets(_ prometheus: URL) throws -> Set<String> {
        let root = try #require(Composer.compose(Array(try Data(contentsOf: prometheus))).root)
        func value(_ node: Node, _ key: String) -> Node? {
            guard case .mapping(let pairs) = node.content else { return nil }
            return pairs.first { $0.key.scalar?.value == key }?.value
        }
        func items(_ node: Node?) -> [Node] {
            if case .sequence(let items)? = node?.content { return items }
            return []
        }
        var out = Set<String>()
        for job in items(value(root, "scrape_configs")) {
            let name = value(job, "job_name")?.scalar?.value ?? ""
            for config in items(value(job, "static_configs")) {
                for target in items(value(config, "targets")) { out.insert("\(name) \(target.scalar?.value ?? "")") }
            }
        }
        return out
    }

    @Test("for every sample, prometheus.yml's targets are exactly the checks wfc probe runs (but DNS, STUN and relay)", arguments: sampleNames)
    func sameChecks(_ sample: String) throws {
        let unshare = try require("unshare")
        if getuid() != 0 { try Tools.unavailable("a network namespace of its own takes root: run the tests as root") }
        let dir = try build(sample)
        // The probe runs in a network namespace with no interface: it lists every check and
        // sends nothing anywhere (each check fails at once).
        let run = try #require(
            try launch(
                URL(fileURLWithPath: unshare),
                [
                    "-n", wfcBinary.path, "probe", "samples/\(sample)/topology.yaml",
                    "--format", "json", "--timeout", "1"
                ]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        var expected = Set<String>()
        for check in try #require(object["checks"] as? [[String: Any]]) {
            let kind = check["check"] as? String ?? "", title = (check["title"] as? String ?? "").split(separator: " ").map(String.init)
            let endpoint = check["endpoint"] as? String ?? ""
            switch kind {
            case "api": expected.insert((title[1].hasPrefix("https") ? "wfc_api_tls " : "wfc_api ") + title[1])
            case "tcp": expected.insert("wfc_tcp \(endpoint)")
            case "tls": expected.insert("wfc_tls \(endpoint)")
            case "short-link": expected.insert("wfc_short_link \(endpoint)")
            case "closed": expected.insert("wfc_closed \(endpoint)")
            // A TURN server's TCP port; its STUN and relay checks stay with the probe.
            case "turn": expected.insert("wfc_turn \(endpoint)")
            case "app": expected.insert((title[1].hasPrefix("https") ? "wfc_app_tls " : "wfc_app ") + title[1])
            case "websocket":
                let url = title[title.count - 1]
                expected.insert(url.hasPrefix("wss") ? "wfc_websocket_tls " + "https" + url.dropFirst(3) : "wfc_websocket " + "http" + url.dropFirst(2))
            default: break
            }
        }
        #expect(!expected.isEmpty)
        #expect(try targets(dir.appendingPathComponent("prometheus.yml")) == expected)
    }
}
