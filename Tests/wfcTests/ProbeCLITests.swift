import Foundation
import Testing

/// `wfc probe` as a user runs it; the end-to-end test (Tests/e2e/run) proves it against a
/// whole deployment in network namespaces.
@Suite("wfc probe")
struct ProbeCLITests {
    @Test("against nothing listening: the reachability checks fail, the closed-port checks pass, exit 1")
    func nothingListening() throws {
        let dir = try temporaryDirectory()
        try "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: true}\nnodes:\n  - name: im1\n"
            .write(to: dir.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        // Port 1 on loopback refuses at once; nothing here listens on the IM ports either.
        let run = try wfc(["probe", "--resolve", "im.example.com=127.0.0.1", "--timeout", "2", "--format", "json"], cwd: dir)
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.map { $0["check"] as? String } == ["api", "tcp", "websocket", "closed", "closed"])
        for c in checks {
            #expect((c["result"] as? String == "pass") == (c["check"] as? String == "closed"), "\(c)")
            #expect(c["address"] as? String == "127.0.0.1:\(((c["endpoint"] as? String) ?? "").split(separator: ":").last ?? "")")
        }
    }

    @Test("an unresolvable name fails its checks with a hint; bad --resolve is exit 2")
    func resolution() throws {
        let dir = try temporaryDirectory()
        try "version: 1\nmode: single\nauthorized_address: nowhere.invalid\nnodes:\n  - name: im1\n"
            .write(to: dir.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        let run = try wfc(["probe", "--timeout", "2"], cwd: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("cannot resolve nowhere.invalid (use --resolve nowhere.invalid=ADDRESS)"))
        #expect(try wfc(["probe", "--resolve", "x=not-an-ip"], cwd: dir).status == 2)
        #expect(try wfc(["probe", "--help"]).stdout.contains("closed     the admin port (18080)"))
    }

    @Test("a topology with errors is reported and not probed")
    func errors() throws {
        let run = try wfc(["probe", "Tests/Fixtures/mistakes/wfc201-private-server-ip.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error[WFC201]"))
        #expect(run.stdout.isEmpty)
    }
}
