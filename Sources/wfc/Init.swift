import WFCCore

struct Init: Command {
    static let spec = CommandSpec(
        name: "init",
        abstract: "Write a commented, valid topology.yaml to start from.",
        discussion: "Addresses are placeholders from documentation ranges. An existing file is never overwritten.",
        options: [
            .init(name: "--mode", value: "mode", help: "The deployment mode.", choices: Mode.allCases.map { $0.rawValue }, required: true),
            .init(name: "--nodes", value: "n", help: "How many nodes (single mode: 1; at most 64).", defaultText: "1 in single mode, 3 otherwise"),
            .init(name: "--web", value: nil, help: "Web and mini-program clients (WebSocket)."),
            .init(name: "--https", value: nil, help: "The web clients' pages are served over HTTPS (implies --web)."),
            .init(name: "--no-native", value: nil, help: "No native (Android/iOS/desktop) clients."),
            .init(name: "--out", value: "file", help: "Where to write it; `-` prints it.", defaultText: "topology.yaml"),
            .init(name: "--schema", value: "path", help: "The schema path or URL for the editor modeline on line 1.", defaultText: "topology.schema.json")
        ])

    var mode: Mode
    var nodes: Int
    var web: Bool
    var https: Bool
    var noNative: Bool
    var out: String
    var schema: String

    init(_ p: ParsedArguments) throws(UsageError) {
        guard let mode = p.value("--mode").flatMap(Mode.init(rawValue:)) else {
            throw UsageError(message: "missing --mode <single|multi-node|single-entry>")
        }
        self.mode = mode
        // A cluster of one is no cluster: the other modes start with three nodes.
        nodes = try p.integer("--nodes", default: mode == .single ? 1 : 3)
        web = p.flag("--web")
        https = p.flag("--https")
        noNative = p.flag("--no-native")
        out = p.value("--out") ?? "topology.yaml"
        schema = p.value("--schema") ?? "topology.schema.json"
        guard (1...64).contains(nodes) else { throw UsageError(message: "--nodes takes 1 to 64") }
        if mode == .single, nodes != 1 { throw UsageError(message: "single mode has exactly one node; use --mode multi-node or single-entry") }
        if noNative, !(web || https) {
            throw UsageError(message: "--no-native without --web leaves no clients: add --web, or drop --no-native")
        }
    }

    func run() throws {
        let text = Scaffold.render(.init(mode: mode, nodes: nodes, native: !noNative, web: web || https, https: https, schema: schema))
        if out == "-" {
            Output.standardOutput(text)
            return
        }
        do {
            try FileSystem.create(out, contents: Array(text.utf8))
        } catch {
            Output.standardError("error: cannot write \(error)\n")
            throw Exit(status: ExitStatus.couldNotRun)
        }
        Output.standardError("wrote \(out): \(mode.rawValue), \(nodes) node\(nodes == 1 ? "" : "s"); next: wfc lint \(out)\n")
    }
}
