import ArgumentParser
import WFCCore

extension Mode: ExpressibleByArgument {}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented, valid topology.yaml to start from.",
        discussion: "Addresses are placeholders from documentation ranges. An existing file is never overwritten."
    )

    @Option(help: "single, multi-node or single-entry.")
    var mode: Mode

    @Option(help: "How many nodes (single mode: 1; at most 64).")
    var nodes: Int = 1

    @Flag(help: "Web and mini-program clients (WebSocket).")
    var web = false

    @Flag(help: "The web clients' pages are served over HTTPS (implies --web).")
    var https = false

    @Flag(help: "No native (Android/iOS/desktop) clients.")
    var noNative = false

    @Option(help: "Where to write it; `-` prints it.")
    var out: String = "topology.yaml"

    @Option(help: "The schema path or URL for the editor modeline on line 1.")
    var schema: String = "topology.schema.json"

    func validate() throws {
        guard (1...64).contains(nodes) else { throw ValidationError("--nodes takes 1 to 64") }
        if mode == .single, nodes != 1 { throw ValidationError("single mode has exactly one node; use --mode multi-node or single-entry") }
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
            throw ExitCode(ExitStatus.couldNotRun)
        }
        Output.standardError("wrote \(out): \(mode.rawValue), \(nodes) node\(nodes == 1 ? "" : "s"); next: wfc lint \(out)\n")
    }
}
