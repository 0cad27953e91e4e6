import Foundation
import Testing

/// `wfc build --im-base` reads the operator's IM config as the server does and stops on a
/// vendor default secret (WFC703), warns on the Server API's time check off (WFC704), and never
/// prints a value it calls a secret.
@Suite("The IM config base's findings")
struct IMConfigBaseFindingsTests {
    @Test("default secrets stop the build with their lines, masked; the time check off only warns")
    func defaults() throws {
        let dir = try temporaryDirectory()
        let base = dir.appendingPathComponent("wildfirechat.conf"), out = dir.appendingPathComponent("out")
        try "embed.db 0\nhttp.admin.secret_key 123456\nhttp.admin.no_check_time true\ntoken.key testim\n".write(to: base, atomically: true, encoding: .utf8)
        let run = try wfc(["build", "samples/single/topology.yaml", "--out", out.path, "--im-base", base.path])
        #expect(run.status == 1 && !FileManager.default.fileExists(atPath: out.path))
        #expect(run.stderr.contains("error[WFC703]: `http.admin.secret_key` is still the vendor's default\n --> \(base.path):2:23"))
        #expect(run.stderr.contains("error[WFC703]: `token.key` is still the vendor's default\n --> \(base.path):4:11"))
        #expect(run.stderr.contains("warning[WFC704]"))
        #expect(!run.stderr.contains("123456") && !run.stderr.contains("testim") && !run.stdout.contains("123456"), "\(run.stderr)")

        try "http.admin.secret_key Zq8-long-random\nhttp.admin.no_check_time true\n".write(to: base, atomically: true, encoding: .utf8)
        let warned = try wfc(["build", "samples/single/topology.yaml", "--out", out.path, "--im-base", base.path])
        #expect(warned.status == 0 && warned.stderr.contains("warning[WFC704]") && FileManager.default.fileExists(atPath: out.path))
        #expect(!warned.stderr.contains("Zq8-long-random"))
    }
}
