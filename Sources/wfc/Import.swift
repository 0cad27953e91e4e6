import WFCCore
import WFCImport
import WFCProbe

struct Import: Command {
    static let spec = CommandSpec(
        name: "import",
        abstract: "Read a running deployment's files back into a topology.yaml.",
        discussion: """
            Reads each node's wildfirechat.conf as the IM server reads it, the gateway's nginx
            tree with its includes (or haproxy.cfg), the access points' proxies, the TURN servers'
            turnserver.conf and the media servers' janus folders, and writes a topology that records what is deployed, mistakes
            included, every value commented with the file and line it comes from. What the files
            cannot say is left as `<fill in: …>`, which lint rejects (WFC701) until you fill it in.
            Findings about the files themselves (lines the server never reads, default secrets)
            are reported at their file and line. Exit status: 0 written, 1 written with findings
            of error severity, 2 the inputs cannot be read or --out exists without --force.
            """,
        options: [
            .init(name: "--node", value: "name=file", help: "A node's name and its wildfirechat.conf, in node order.", repeatable: true, required: true),
            .init(
                name: "--gateway", value: "file",
                help: "The gateway's main nginx.conf (its includes are read from its folder), or its haproxy.cfg (a name ending in .cfg)."),
            .init(
                name: "--access-point", value: "name=file",
                help: "An access point's name and its proxy's nginx.conf or haproxy.cfg, in the order of the nodes' backup entries.", repeatable: true),
            .init(name: "--turn", value: "name=file", help: "A TURN server's name and its turnserver.conf (its password is never copied).", repeatable: true),
            .init(
                name: "--media-server", value: "name=folder",
                help: "A janus media server's name and its janus_config folder (janus.jcfg, janus.transport.mqtt.jcfg), in conference.client_list order.",
                repeatable: true),
            .init(
                name: "--hazelcast", value: "name=file",
                help: "A node's hazelcast.xml: the cluster port, and the interface it binds as the node's private address.", repeatable: true),
            .init(
                name: "--resolve", value: "name[=address]",
                help:
                    "The address a name the files give resolves to (the gateway's, a node's domain): NAME=ADDRESS as you say, NAME alone looked up as the system does.",
                repeatable: true),
            .init(name: "--out", value: "file", help: "Where to write the topology; standard output without it."),
            .init(name: "--force", value: nil, help: "Overwrite --out."),
            .init(
                name: "--format", value: "format", help: "Findings format: human, json, sarif or github.",
                choices: OutputFormat.allCases.map { $0.rawValue }, defaultText: "human")
        ])

    var nodes: [(name: String, path: String)]
    var hazelcast: [String: String]
    var accessPoints: [(name: String, path: String)]
    var turn: [(name: String, path: String)]
    var mediaServers: [(name: String, path: String)]
    var gateway: String?
    var out: String?
    var force: Bool
    /// `--resolve`: each name's address as given, or nil to look it up.
    var resolve: [String: String?]
    var format: OutputFormat

    /// An option's `NAME=FILE` values, in order; NAME a host name, each given once.
    static func named(_ p: ParsedArguments, _ option: String) throws(UsageError) -> [(name: String, path: String)] {
        var out: [(name: String, path: String)] = []
        for given in p.values(option) {
            guard let eq = given.firstIndex(of: "="), Grammar.isNodeName(String(given[..<eq])), eq < given.index(before: given.endIndex) else {
                throw UsageError(message: "\(option) takes NAME=FILE, NAME lowercase letters, digits and hyphens: \(given)")
            }
            out.append((String(given[..<eq]), String(given[given.index(after: eq)...])))
        }
        guard Set(out.map { $0.name }).count == out.count else { throw UsageError(message: "\(option) gives a name twice") }
        return out
    }

    init(_ p: ParsedArguments) throws(UsageError) {
        nodes = try Self.named(p, "--node")
        guard !nodes.isEmpty else { throw UsageError(message: "missing --node NAME=FILE: each node's wildfirechat.conf") }
        hazelcast = Dictionary(uniqueKeysWithValues: try Self.named(p, "--hazelcast").map { ($0.name, $0.path) })
        guard Set(hazelcast.keys).isSubset(of: Set(nodes.map { $0.name })) else { throw UsageError(message: "--hazelcast names a node no --node gives") }
        accessPoints = try Self.named(p, "--access-point")
        turn = try Self.named(p, "--turn")
        mediaServers = try Self.named(p, "--media-server")
        gateway = p.value("--gateway")
        out = p.value("--out")
        force = p.flag("--force")
        resolve = [:]
        for given in p.values("--resolve") {
            let name = String(given.prefix { $0 != "=" })
            let address = given.contains("=") ? String(given.drop { $0 != "=" }.dropFirst()) : nil
            guard Host(name) != nil, address.map({ IPAddress($0) != nil }) ?? true else {
                throw UsageError(message: "--resolve takes NAME=ADDRESS (an IP address) or NAME: \(given)")
            }
            resolve[name] = address
        }
        format = p.value("--format", default: .human)
    }

    func run() throws {
        // Never overwritten without --force: checked before reading anything.
        let existing = out.flatMap { try? FileSystem.read($0, limit: 16 << 20) }
        if let out, existing != nil, !force {
            Output.standardError("error: \(out) exists: pass --force to overwrite it\n")
            throw Exit(status: ExitStatus.couldNotRun)
        }
        // An input read whole, or the command stops: it cannot import what it cannot read.
        func input(_ path: String, limit: Int = NginxConfig.maxFileBytes, _ what: String) throws -> [UInt8] {
            do {
                return try FileSystem.readRegularFile(path, limit: limit, what: what)
            } catch {
                Output.standardError("error: cannot read \(path): \(error)\n")
                throw Exit(status: ExitStatus.couldNotRun)
            }
        }
        var imported: [ImportedNode] = []
        // Each node's report holds its file with the secret values masked, for every finding
        // at its lines.
        var reports: [LintResult] = []
        for (name, path) in nodes {
            let bytes = try input(path, limit: IMConfigBase.sizeLimit, "an IM config")
            let cluster = try hazelcast[name].map { xml in (facts: HazelcastFacts(try input(xml, "a hazelcast.xml")), path: xml) }
            imported.append(ImportedNode(name: name, path: path, settings: IMConfigSettings(bytes), hazelcast: cluster))
            let (source, findings) = IMConfigBase.findings(SourceFile(path: path, bytes: bytes))
            reports.append(LintResult(source: source, diagnostics: findings))
        }
        var facts: (facts: GatewayFacts, path: String)?
        // Every gateway file as read, once: its findings are shown from these bytes.
        var gatewayFiles: [String: [UInt8]] = [:]
        func read(_ path: String) throws -> [UInt8] {
            let bytes = try FileSystem.readRegularFile(path, limit: NginxConfig.maxFileBytes, what: "a gateway configuration file")
            gatewayFiles[path] = bytes
            return bytes
        }
        // A proxy's configuration: haproxy.cfg (a name ending in .cfg, one file), else an
        // nginx tree with its includes.
        func proxy(_ path: String) throws -> GatewayFacts {
            do throws(GatewayReadError) {
                if path.hasSuffix(".cfg") {
                    guard let bytes = try? read(path) else { throw GatewayReadError(file: path, line: 1, message: "cannot read \(path)") }
                    return GatewayFacts(haproxy: try HAProxyConfig.read(bytes, file: path), file: path)
                }
                return GatewayFacts(try NginxConfig.read(main: path, read: read))
            } catch {
                Output.standardError("error: \(error.description)\n")
                throw Exit(status: ExitStatus.couldNotRun)
            }
        }
        if let gateway { facts = (try proxy(gateway), gateway) }
        let points = try accessPoints.map { ImportedAccessPoint(name: $0.name, path: $0.path, facts: try proxy($0.path)) }
        // Calls: each TURN server's file and each media server's two janus files.
        let turnServers = try turn.map { ImportedTurn(name: $0.name, path: $0.path, facts: TurnSettings(try input($0.path, "a turnserver.conf"))) }
        let media = try mediaServers.map { m in
            ImportedMediaServer(
                name: m.name, folder: m.path, janus: JanusSettings(try input("\(m.path)/\(ImportedMediaServer.janusFile)", "a janus.jcfg")),
                mqtt: JanusSettings(try input("\(m.path)/\(ImportedMediaServer.mqttFile)", "a janus.transport.mqtt.jcfg")))
        }
        let resolver = SocketTransport(cacert: nil, timeoutMS: 5000)
        let result = Importer.topology(
            nodes: imported, gateway: facts, accessPoints: points, turn: turnServers, mediaServers: media,
            resolve: { name in resolve[name].map { $0.map { [$0] } ?? resolver.resolve(name) } ?? [] })
        // The import's findings, each in its own file: a node's, an include's, the gateway's.
        for file in Set(result.findings.map { $0.file }).sorted() {
            let found = result.findings.filter { $0.file == file }
            if let at = reports.firstIndex(where: { $0.source.path == file }) {
                reports[at].diagnostics += found.map { $0.diagnostic(in: reports[at].source) }
                reports[at].diagnostics.sort { $0.span.start.offset < $1.span.start.offset }
                continue
            }
            guard let bytes = gatewayFiles[file] else { continue }
            let source = SourceFile(path: file, bytes: bytes)
            reports.append(LintResult(source: source, diagnostics: found.map { $0.diagnostic(in: source) }))
        }
        reports = reports.filter { !$0.diagnostics.isEmpty }
        let context = ReportContext(workingDirectory: Output.workingDirectory, color: format == .human && Output.useColor(fd: 2))
        if !reports.isEmpty {
            let report = format.render(reports, context: context)
            if format == .human || out == nil { Output.standardError(report) } else { Output.standardOutput(report) }
        }
        if let out {
            do {
                let bytes = Array(result.topology.utf8)
                if let existing {
                    try FileSystem.replace(out, with: bytes, expecting: existing)
                } else {
                    try FileSystem.create(out, contents: bytes)
                }
            } catch {
                Output.standardError("error: cannot write \(out): \(error)\n")
                throw Exit(status: ExitStatus.couldNotRun)
            }
        } else {
            Output.standardOutput(result.topology)
        }
        // Hosts and paths come from the files: what a terminal would act on is escaped.
        var summary = result.inferred.map { "inferred: \($0.escapingControls)\n" }.joined()
        if !result.placeholders.isEmpty {
            summary += "to fill in (WFC701 until then): " + result.placeholders.joined(separator: ", ") + "\n"
        }
        summary += "next: wfc lint \(out ?? "topology.yaml")\n"
        Output.standardError(summary)
        if reports.contains(where: { $0.errorCount > 0 }) { throw Exit(status: ExitStatus.problems) }
    }
}
