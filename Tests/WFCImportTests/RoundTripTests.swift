import Foundation
import StageTestSupport
import Testing
import WFCCore

@testable import WFCImport

/// The test of fidelity (issue 37): build a sample, import what the build wrote, build again:
/// the same IM configs and gateway configuration. Only what the files cannot say is given
/// back, as an operator fills in `wfc import`'s placeholders.
@Suite("wfc import round trip")
struct RoundTripTests {
    /// The files of a build, by path.
    static func build(_ text: String) throws -> (plan: Plan, files: [String: String]) {
        let result = lint(text)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let plan = try #require(result.plan)
        let artifacts = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
        return (plan, Dictionary(uniqueKeysWithValues: artifacts.map { ($0.path, $0.contents) }))
    }

    /// A file without its comment lines, and its rules' comments without their topology
    /// lines: they name the input and its lines, which differ.
    static func content(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .map { String($0.replacing(/t\.yaml:\d+/, with: "t.yaml")) }
    }

    /// What an operator writes for each placeholder (by the key `wfc import` reports), from the
    /// deployment the files came from.
    static func filling(_ key: String, from plan: Plan) -> String? {
        switch key {
        case "authorized_address": return plan.authorizedAddress.value.text
        case "gateway.public_address": return plan.gateway?.publicAddress.value.text
        case "gateway.private_address": return plan.gateway?.privateAddress?.value.text
        // Replaced whole below, from the sample's own `firewall`.
        case "firewall.server_api_from": return ""
        case "gateway.source_ranges": return plan.gateway?.sourceRanges?.map(\.description).joined(separator: ", ")
        case "tls.certificate": return plan.tls?.certificate?.chain
        case "tls.certificate_key": return plan.tls?.certificate?.key
        default:
            let index = Int(key.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" })
            if key.hasPrefix("nodes["), key.hasSuffix("].public_address"), let i = index { return plan.nodes[i].publicAddress?.value.text }
            if key.hasPrefix("nodes["), key.hasSuffix("].private_address"), let i = index { return plan.nodes[i].privateAddress?.value.text }
            if key == "calls.recording.host_path" { return plan.calls?.recording?.hostPath }
            if key.hasPrefix("calls.turn["), let i = index { return plan.calls?.turn[i].publicAddress.value.text }
            if key.hasPrefix("calls.media_servers["), let i = index, let m = plan.calls?.mediaServers[i] {
                return (key.hasSuffix(".private_address") ? m.privateAddress : m.publicAddress)?.value.text
            }
            if key.hasPrefix("access_points["), let i = index {
                let host = plan.hosts[plan.accessPoints[i].host]
                return (key.hasSuffix(".private_address") ? host.privateAddress : host.publicAddress)?.value.text
            }
            return nil
        }
    }

    /// Every sample.
    static let samples = [
        "single-calls", "multi-node-calls", "single-entry-calls-relay",
        "single", "single-https", "single-https-nginx", "single-port-mapped", "single-two-networks", "single-tls-long-link", "multi-node",
        "multi-node-https", "multi-node-node-wss", "multi-node-slb", "multi-node-custom-port", "multi-node-access-points", "single-entry",
        "single-entry+haproxy",
        "single-entry-haproxy", "single-entry-https", "single-entry-tcp-short-link", "single-entry-tls-long-link"
    ]

    /// A top-level section of a topology's text, from its key to the next top-level key.
    static func section(_ key: String, of text: String) -> String {
        var out: [Substring] = [], inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isLetter { inside = line.hasPrefix(key + ":") }
            if inside { out.append(line) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A media server's janus_config as deployed: the vendor's files (Tests/Fixtures/wf-janus)
    /// after the build's `configure-janus.sh`, run by the shell as an operator would.
    static func janusFolder(configure: String, name: String) throws -> ImportedMediaServer {
        let folder = try temporaryDirectory()
        for file in [ImportedMediaServer.janusFile, ImportedMediaServer.mqttFile] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Tests/Fixtures/wf-janus/\(file)"), to: folder.appendingPathComponent(file))
        }
        let script = folder.appendingPathComponent("configure-janus.sh")
        try configure.write(to: script, atomically: true, encoding: .utf8)
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = [script.path, folder.path]
        try sh.run()
        sh.waitUntilExit()
        #expect(sh.terminationStatus == 0)
        func read(_ file: String) throws -> JanusSettings { JanusSettings(Array(try Data(contentsOf: folder.appendingPathComponent(file)))) }
        return ImportedMediaServer(
            name: name, folder: "calls/\(name)", janus: try read(ImportedMediaServer.janusFile), mqtt: try read(ImportedMediaServer.mqttFile))
    }

    @Test("every sample comes back as it was built: IM configs and gateway files", arguments: samples)
    func roundTrip(_ sample: String) throws {
        var text = try sampleText(String(sample.prefix { $0 != "+" }))
        if sample.hasSuffix("+haproxy") { text = text.replacingOccurrences(of: "\ngateway:\n", with: "\ngateway:\n  backend: haproxy\n") }
        let (plan, files) = try Self.build(text)
        let nodes = plan.nodes.map { n in
            ImportedNode(
                name: n.name.value, path: "nodes/\(n.name.value)/wildfirechat.conf",
                settings: IMConfigSettings(Array((files["nodes/\(n.name.value)/wildfirechat.conf"] ?? "").utf8)))
        }
        // A proxy's built folder (`gateway`, `access/NAME`): its haproxy.cfg, or its nginx tree.
        func proxy(_ folder: String) throws -> (facts: GatewayFacts, path: String)? {
            if let cfg = files["\(folder)/haproxy.cfg"] {
                let path = "\(folder)/haproxy.cfg"
                return (GatewayFacts(haproxy: try HAProxyConfig.read(Array(cfg.utf8), file: path), file: path), path)
            }
            guard files["\(folder)/nginx.conf"] != nil else { return nil }
            // nginx.conf's `/etc/nginx/mime.types`, from beside it as on a copied tree.
            let mime = "\(folder)/mime.types"
            let tree = try NginxConfig.read(
                main: "\(folder)/nginx.conf",
                read: { path in
                    if path == mime { return Array("types {}\n".utf8) }
                    guard let text = files[path] else { throw GatewayReadError(file: path, line: 0, message: "missing") }
                    return Array(text.utf8)
                },
                glob: { files[$0] == nil && $0 != mime ? [] : [$0] })
            return (GatewayFacts(tree), "\(folder)/nginx.conf")
        }
        let accessPoints = try plan.accessPoints.map { ap in
            let read = try #require(try proxy("access/\(ap.name.value)"))
            return ImportedAccessPoint(name: ap.name.value, path: read.path, facts: read.facts)
        }
        let turn = (plan.calls?.turn ?? []).map { t in
            let path = "calls/\(t.name.value)/turnserver.conf"
            return ImportedTurn(name: t.name.value, path: path, facts: TurnSettings(Array((files[path] ?? "").utf8)))
        }
        let media = try (plan.calls?.mediaServers ?? []).map { m in
            try Self.janusFolder(configure: files["calls/\(m.name.value)/configure-janus.sh"] ?? "", name: m.name.value)
        }
        let result = Importer.topology(
            nodes: nodes, gateway: try proxy("gateway"), accessPoints: accessPoints, turn: turn, mediaServers: media)
        // wfc's own files agree with each other: nothing for WFC702–706 to say.
        #expect(result.findings.map(\.message) == [], "\(sample)")
        // The operator fills in each placeholder, in the order they stand.
        var imported = ""
        var rest = Substring(result.topology)
        for key in result.placeholders {
            let open = try #require(rest.range(of: "\"<fill in:"), "\(key) is not in the text")
            let close = try #require(rest[open.upperBound...].range(of: ">\""))
            imported += rest[..<open.lowerBound] + (try #require(Self.filling(key, from: plan), "\(sample): \(key)"))
            rest = rest[close.upperBound...]
        }
        imported += rest
        // How a node's IM server runs (Docker) is in no file: the operator says it.
        for n in plan.nodes {
            if let d = n.docker {
                imported = imported.replacingOccurrences(of: "  - name: \(n.name.value)   #", with: "  - docker: \(d.rawValue)\n    name: \(n.name.value)   #")
            }
        }
        // The firewall is the operator's intent: the sample's own section, its services named
        // as the import names them (their domain's first label).
        var firewall = Self.section("firewall", of: text)
        for s in plan.services {
            if let label = s.domain?.value.text.split(separator: ".").first {
                firewall = firewall.replacingOccurrences(of: "[\(s.name.value)]", with: "[\(label)]")
            }
        }
        imported = String(imported[..<(try #require(imported.range(of: "\nfirewall:")).lowerBound)]) + "\n" + firewall
        // The network is the operator's to say where no address in the files shows it.
        if plan.network == .intranet && !imported.contains("\nnetwork: intranet") {
            imported = imported.replacingOccurrences(of: "\nmode: ", with: "\nnetwork: intranet\nmode: ")
        }
        #expect(!imported.contains("<fill in"), "\(imported)")
        let (_, again) = try Self.build(imported)
        for path in files.keys.sorted()
        where path.hasSuffix("wildfirechat.conf")
            || ((path.hasPrefix("gateway/") || path.hasPrefix("access/")) && (path.hasSuffix(".conf") || path.hasSuffix(".cfg")))
            || (path.hasPrefix("calls/") && [".conf", ".sh"].contains(where: { path.hasSuffix($0) }))
            || ["iptables.rules", "ip6tables.rules", ".nft"].contains(where: { path.hasSuffix($0) })
        {
            let (was, now) = (Self.content(files[path]), Self.content(again[path]))
            #expect(now == was, "\(sample) \(path): \(zip(was, now).first { $0 != $1 } ?? (was.last ?? "", now.last ?? ""))\n\(imported)")
        }
    }

    @Test("a node port no gateway route reaches, and a proxy port the gateway does not listen on, are WFC706 at the node's lines")
    func unreached() throws {
        let nginx = """
            stream {
                server { listen 1883; proxy_pass 10.0.0.11:1883; }
            }
            http {
                upstream wfc_http { server 10.0.0.11:80; server 10.0.0.12:80; }
                server { listen 80; server_name im.example.com; location / { proxy_pass http://wfc_http; } }
                server { listen 10081; location / { proxy_pass http://10.0.0.11:80; } }
                server { listen 10082; location / { proxy_pass http://10.0.0.12:80; } }
            }
            """
        let tree = try NginxConfig.read(main: "nginx.conf", read: { _ in Array(nginx.utf8) }, glob: { [$0] })
        let nodes = [("node1", 1883, 10081), ("node2", 1884, 10082)].map { name, tcp, http in
            ImportedNode(
                name: name, path: "\(name).conf",
                settings: IMConfigSettings(Array("server.ip im.example.com\nport \(tcp)\nhttp_port \(http)\nlocal_port 80\nwebsocket_proxy_port 5017\n".utf8)))
        }
        let findings = Importer.topology(nodes: nodes, gateway: (GatewayFacts(tree), "nginx.conf")).findings
        #expect(
            findings.map { "\($0.rule.code) \($0.file):\($0.line) \($0.message)" } == [
                "WFC706 node1.conf:5 web clients are sent to the gateway's 5017 (`websocket_proxy_port` of `node1`), where the gateway does not listen",
                "WFC706 node2.conf:2 `node2` listens on 1884 (`port`), but no gateway route passes to it",
                "WFC706 node2.conf:5 web clients are sent to the gateway's 5017 (`websocket_proxy_port` of `node2`), where the gateway does not listen"
            ])
    }

    @Test("--resolve fills the addresses names resolve to, IPv4 first, and leaves a placeholder for a name that does not resolve")
    func resolved() throws {
        let nodes = ["node1.example.com", "node2.invalid"].enumerated().map { i, name in
            ImportedNode(
                name: "node\(i + 1)", path: "n\(i + 1).conf", settings: IMConfigSettings(Array("server.ip \(name)\nwebsocket_proxy_host im.example.com\n".utf8))
            )
        }
        let table = ["node1.example.com": ["2001:db8::1", "203.0.113.11"], "im.example.com": ["203.0.113.10"]]
        let result = Importer.topology(nodes: nodes, gateway: nil, resolve: { table[$0] ?? [] })
        #expect(result.topology.contains("  public_address: \"203.0.113.10\"   # what im.example.com resolves to (--resolve)\n"), "\(result.topology)")
        #expect(result.topology.contains("    public_address: \"203.0.113.11\"   # what node1.example.com resolves to (--resolve)\n"))
        #expect(
            result.placeholders == [
                "gateway.source_ranges", "nodes[0].private_address", "nodes[1].public_address", "nodes[1].private_address", "firewall.server_api_from"
            ])
    }

    @Test("an operator's mistakes are kept for lint: `server.ip 0.0.0.0` is the node's server_ip, and the domain a placeholder")
    func mistakesKept() throws {
        let node = ImportedNode(
            name: "im1", path: "wildfirechat.conf", settings: IMConfigSettings(Array("server.ip 0.0.0.0\nport 1883\nhttp_port 80\nlocal_port 80\n".utf8)))
        let result = Importer.topology(nodes: [node], gateway: nil)
        #expect(result.topology.contains("authorized_address: \"<fill in: the licensed domain or IP clients use>\""))
        #expect(result.topology.contains("    server_ip: \"0.0.0.0\"   # wildfirechat.conf:1 server.ip, as deployed"))
        #expect(result.placeholders == ["authorized_address", "firewall.server_api_from"])
        #expect(lint(result.topology).diagnostics.map(\.code).contains("WFC701"))
    }

    @Test("the server's reading: later duplicates win, and every setting after a line it stops at is dropped")
    func settings() {
        let s = IMConfigSettings(Array("port 1883\r\nport 1884\nhttp_port 80 # web\nlocal_port 80\n".utf8))
        #expect(s.values["port"]?.value == "1884" && s.values["port"]?.line == 2)
        #expect(s.stoppedAt == 3)
        #expect(s.dropped.map(\.key) == ["local_port"])
        #expect(s.values["local_port"] == nil)
    }
}

@Suite("wfc import's output is YAML whatever the files hold")
struct ImportQuotingTests {
    @Test("a hostile server.ip and a file name with a line break stay one value and one comment")
    func hostile() throws {
        let node = ImportedNode(
            name: "im1", path: "conf\nmode: multi-node\n#",
            settings: IMConfigSettings(Array("server.ip !a:b#\"c'{d}&*[|>%@`\nport 1883\n".utf8)))
        let text = Importer.topology(nodes: [node], gateway: nil).topology
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("mode:") } == ["mode: single"])
        // The firewall's intent is a placeholder (WFC701) in every import.
        let codes = lint(text).diagnostics.map(\.code).filter { $0 != "WFC701" }
        // The value arrives whole where it belongs, as one bad host, not as YAML syntax or keys.
        #expect(codes == ["WFC006"], "\(codes)\n\(text)")
        #expect(lint(text).diagnostics.contains { $0.message.contains("!a:b#\"c'{d}&*[|>%@`") }, "the value arrived whole")
    }
}

@Suite("wfc import of the vendor's published layouts")
struct VendorImportTests {
    /// Imports the nodes' configs and a gateway tree from a fixture folder: the topology, the
    /// findings about the files, and lint's diagnostics of the topology, as one golden file.
    static func imported(folder: String, nodes: [(name: String, file: String)] = [("im1", "wildfirechat.conf")], gatewayMain: String?) throws
        -> String
    {
        let root = repositoryRoot.appendingPathComponent(folder)
        let imported = try nodes.map { n in
            ImportedNode(name: n.name, path: n.file, settings: IMConfigSettings(Array(try Data(contentsOf: root.appendingPathComponent(n.file)))))
        }
        guard let gatewayMain else { return try report(Importer.topology(nodes: imported, gateway: nil), root: root, nodes: nodes.map(\.file)) }
        let tree = try NginxConfig.read(
            main: gatewayMain, read: { try Array(Data(contentsOf: root.appendingPathComponent($0))) },
            glob: { pattern in
                // `conf.d/*.conf`: the one glob these trees use.
                guard pattern.hasSuffix("/*.conf") else { return [pattern] }
                let dir = String(pattern.dropLast("/*.conf".count))
                let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? []
                return names.filter { $0.hasSuffix(".conf") }.sorted().map { "\(dir)/\($0)" }
            })
        return try report(Importer.topology(nodes: imported, gateway: (GatewayFacts(tree), gatewayMain)), root: root, nodes: nodes.map(\.file))
    }

    static func report(_ result: ImportResult, root: URL, nodes: [String]) throws -> String {
        var findings: [String] = []
        for file in nodes {
            let source = SourceFile(path: file, bytes: Array(try Data(contentsOf: root.appendingPathComponent(file))))
            findings += IMConfigBase.findings(source).diagnostics.map { "\($0.code) \(file):\($0.span.start.line + 1): \($0.message)" }
        }
        for f in result.findings {
            let d = f.diagnostic(in: SourceFile(path: f.file, bytes: Array(try Data(contentsOf: root.appendingPathComponent(f.file)))))
            findings.append("\(d.code) \(f.file):\(d.span.start.line + 1): \(d.message)")
        }
        let lintCodes = lint(result.topology).diagnostics.map { "\($0.code) topology.yaml:\($0.span.start.line + 1): \($0.message)" }
        return result.topology + "\n# findings about the files\n" + findings.map { "# \($0)\n" }.joined() + "# lint of the imported topology\n"
            + lintCodes.map { "# \($0)\n" }.joined()
    }

    @Test("the template beside the vendor's nginx fragment: the topology and its findings, as a golden file")
    func vendorLayout() throws {
        let actual = try Self.imported(folder: "Tests/Fixtures/import/vendor/", gatewayMain: "imserver.conf")
        let golden = try assertGolden(actual, "import/vendor/expected.txt")
        #expect(golden.matches, "\(actual)")
    }

    @Test("the docs' all-in-one HTTPS walkthrough: the lines the server never reads, and the rest of its layout")
    func allInOneHTTPS() throws {
        let actual = try Self.imported(folder: "Tests/Fixtures/import/all-in-one-https/", gatewayMain: "nginx.conf")
        let golden = try assertGolden(actual, "import/all-in-one-https/expected.txt")
        #expect(golden.matches, "\(actual)")
        // The walkthrough's `http_port 80 # …` is where the server stops reading.
        #expect(actual.contains("# WFC702 wildfirechat.conf:2:"), "\(actual)")
    }

    @Test("the docs' all-in-one HTTP walkthrough: its first line's comment leaves the server nothing to read")
    func allInOneHTTP() throws {
        let actual = try Self.imported(folder: "Tests/Fixtures/import/all-in-one-http/", gatewayMain: nil)
        let golden = try assertGolden(actual, "import/all-in-one-http/expected.txt")
        #expect(golden.matches, "\(actual)")
        #expect(actual.contains("# WFC702 wildfirechat.conf:1:"), "\(actual)")
    }

    @Test("the cookbook's single entry: three nodes found by their own ports, and nothing wrong with the files")
    func cookbookSingleEntry() throws {
        let actual = try Self.imported(
            folder: "Tests/Fixtures/import/cookbook-single-entry/", nodes: (1...3).map { ("node\($0)", "node\($0).conf") }, gatewayMain: "nginx.conf")
        let golden = try assertGolden(actual, "import/cookbook-single-entry/expected.txt")
        #expect(golden.matches, "\(actual)")
        #expect(actual.contains("mode: single-entry"), "\(actual)")
    }

    @Test("the cookbook's single entry, imported and built, gives its nodes' network keys and its gateway's listeners and routes back")
    func cookbookBuilt() throws {
        let root = repositoryRoot.appendingPathComponent("Tests/Fixtures/import/cookbook-single-entry")
        func bytes(_ file: String) throws -> [UInt8] { Array(try Data(contentsOf: root.appendingPathComponent(file))) }
        let nodes = try (1...3).map { ImportedNode(name: "node\($0)", path: "node\($0).conf", settings: IMConfigSettings(try bytes("node\($0).conf"))) }
        func tree(_ read: @escaping (String) throws(GatewayReadError) -> [UInt8]) throws -> GatewayFacts {
            GatewayFacts(try NginxConfig.read(main: "nginx.conf", read: read, glob: { [$0] }))
        }
        let original = try tree { path throws(GatewayReadError) in
            guard let b = try? bytes(path) else { throw GatewayReadError(file: path, line: 0, message: "missing") }
            return b
        }
        var text = Importer.topology(nodes: nodes, gateway: (original, "nginx.conf")).topology
        // What the operator fills in: the gateway's two addresses, and no remote Server API caller.
        for (placeholder, value) in [
            ("\"<fill in: the gateway's public address (nginx listens on every address)>\"", "203.0.113.10"),
            ("\"<fill in: its address on the nodes' network, where it reaches 192.168.2.5>\"", "192.168.2.1"),
            ("\"<fill in: the app server's address or network; [] when it runs on a node>\"", "")
        ] { text = text.replacingOccurrences(of: placeholder, with: value) }
        let (_, files) = try RoundTripTests.build(text)
        for node in nodes {
            let built = IMConfigSettings(Array((files["nodes/\(node.name)/wildfirechat.conf"] ?? "").utf8))
            for (key, setting) in node.settings.values { #expect(built.values[key]?.value == setting.value, "\(node.name) \(key)") }
        }
        // Each listener as (port, layer, targets): the cookbook's, and the build's.
        func routes(_ facts: GatewayFacts) -> Set<String> {
            Set(facts.listeners.map { "\($0.port) \($0.stream ? "stream" : "http") " + $0.targets.map { "\($0.host):\($0.port)" }.joined(separator: ",") })
        }
        // nginx.conf's `/etc/nginx/mime.types` is the system's, found beside it as on a copied tree.
        let built = GatewayFacts(
            try NginxConfig.read(
                main: "gateway/nginx.conf",
                read: { path throws(GatewayReadError) in
                    if path == "gateway/mime.types" { return Array("types {}\n".utf8) }
                    guard let t = files[path] else { throw GatewayReadError(file: path, line: 0, message: "missing") }
                    return Array(t.utf8)
                }, glob: { files[$0] == nil && $0 != "gateway/mime.types" ? [] : [$0] }))
        // The route, and per node its HTTP, WebSocket and long connection.
        #expect(routes(original).count == 10)
        #expect(routes(built) == routes(original), "\(routes(built).symmetricDifference(routes(original)).sorted())")
    }
}
