import Foundation
import StageTestSupport
import Testing
import WFCLanguage

/// WFC305 and the custom-port SDK: the help says how each layout keeps 80, and the vendor's
/// custom-port SDK (`clients.sdk: custom-ports`) lets `ports.http` leave it.
@Suite("WFC305 by layout, and the custom-port SDK")
struct HttpPortNot80Tests {
    /// A topology of the repository with `ports.http: 8000` written into it.
    static func movedTo8000(_ path: String) throws -> String {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        return text.contains("\nports:\n") ? text.replacingOccurrences(of: "\nports:\n", with: "\nports:\n  http: 8000\n") : text + "\nports: {http: 8000}\n"
    }

    /// Each layout and what the first help says it keeps 80 with.
    static let layouts: [(path: String, help: String)] = [
        ("samples/single/topology.yaml", "keep `ports.http` 80 for the node to bind; if another program holds 80 on the host, let nginx share it"),
        (
            "samples/single-https-nginx/topology.yaml",
            "keep `ports.http` 80 for the gateway on `im1`, and let the node bind 8000 behind it: `ports.local: 8000`"
        ),
        ("samples/single-port-mapped/topology.yaml", "keep `ports.http` 80, the router's outside port, and let its `port_mapping` send it to 8000 inside"),
        ("samples/multi-node/topology.yaml", "keep `ports.http` 80: clients dial it at the gateway for the route and at each node for its short links"),
        ("Tests/e2e/topologies/multi-node-gateway-on-node.yaml", "keep `ports.http` 80 for the gateway on `node1`; the node behind it binds a port of its own"),
        ("samples/single-entry/topology.yaml", "keep `ports.http` 80: it is the gateway's route port, the one port the SDKs dial")
    ]

    @Test("the help keeps 80 the way the layout can, and names the custom-port SDK", arguments: layouts.map(\.path))
    func helpByLayout(_ path: String) throws {
        let want = try #require(Self.layouts.first { $0.path == path }).help
        let found = lint(try Self.movedTo8000(path)).diagnostics.filter { $0.code == "WFC305" }
        try #require(found.count == 1, "\(found.map(\.message))")
        let helps = found[0].helps
        #expect(helps.first?.hasPrefix(want) == true, "\(helps)")
        #expect(helps.last?.contains("set `clients.sdk: custom-ports`") == true)
    }

    @Test("with the custom-port SDK no layout gets WFC305; with it and 80, the SDK is inert (WFC306)", arguments: layouts.map(\.path))
    func customPortSDK(_ path: String) throws {
        let sdk = { (text: String) in
            text.contains("\nclients:\n")
                ? text.replacingOccurrences(of: "\nclients:\n", with: "\nclients:\n  sdk: custom-ports\n")
                : text.contains("\nclients: {")
                    ? text.replacingOccurrences(of: "\nclients: {", with: "\nclients: {sdk: custom-ports, ") : text + "\nclients: {sdk: custom-ports}\n"
        }
        #expect(!lint(sdk(try Self.movedTo8000(path))).diagnostics.contains { $0.code == "WFC305" })
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        let inert = lint(sdk(text)).diagnostics.filter { $0.code == "WFC306" }.map(\.message)
        #expect(inert.contains("`clients.sdk: custom-ports` has no effect: `ports.http` is 80, the port the standard SDK dials"), "\(inert)")
    }
}
