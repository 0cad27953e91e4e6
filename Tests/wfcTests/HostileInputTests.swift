import Foundation
import Testing

/// Whatever is in the file, `wfc lint` ends within a bound with a diagnostic (exit 1) or a
/// clean pass (exit 0): never a crash, a hang, or exit 2 for a file it could read.
@Suite("Hostile inputs")
struct HostileInputTests {
    struct Input: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: @Sendable () -> [UInt8]
        /// The codes the diagnostics must include; empty means the file is valid.
        let codes: Set<String>
        var testDescription: String { name }
    }

    static let header = "version: 1\nmode: single\nauthorized_address: im.example.com\n"
    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let inputs: [Input] = [
        Input(name: "empty file", bytes: { [] }, codes: ["WFC007"]),
        Input(name: "comments only", bytes: { text("# nothing\n# at all\n") }, codes: ["WFC007"]),
        Input(name: "a bare scalar document", bytes: { text("just a string\n") }, codes: ["WFC004"]),
        Input(name: "a bare list document", bytes: { text("- a\n- b\n") }, codes: ["WFC004"]),
        Input(
            name: "billion laughs",
            bytes: {
                var s = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
                var prev = "a"
                for n in names {
                    s += "\(n): &\(n) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
                    prev = n
                }
                return text(s)
            }, codes: ["WFC007"]),
        Input(
            name: "20,000-deep flow nesting", bytes: { text("a: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n") },
            codes: ["WFC007"]),
        Input(
            name: "3,000-deep block nesting",
            bytes: {
                var s = ""
                for depth in 0..<3_000 { s += String(repeating: " ", count: depth) + "k:\n" }
                return text(s)
            }, codes: ["WFC007"]),
        Input(name: "NUL bytes", bytes: { text(header) + [0, 0, 0] + text("nodes: []\n") }, codes: ["WFC001"]),
        Input(name: "invalid UTF-8", bytes: { text(header + "nodes:\n  - name: ") + [0xC3, 0x28, 0xFF] + text("\n") }, codes: ["WFC001"]),
        Input(
            name: "UTF-16 with its BOM", bytes: { [0xFF, 0xFE] + Array("version: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }, codes: ["WFC001"]
        ),
        Input(
            name: "BOM and CRLF line ends (valid)",
            bytes: { [0xEF, 0xBB, 0xBF] + text((header + "nodes:\n  - name: n1\n").replacingOccurrences(of: "\n", with: "\r\n")) }, codes: []),
        Input(
            name: "a 2 MB line",
            bytes: { text(header.replacingOccurrences(of: "im.example.com", with: String(repeating: "a", count: 2_000_000)) + "nodes:\n  - name: n1\n") },
            codes: ["WFC006"]),
        Input(
            name: "a 1 MB scalar",
            bytes: {
                text(
                    header + "nodes:\n  - name: |\n"
                        + String(
                            repeating: "      xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", count: 10_000
                        ))
            }, codes: ["WFC006"]),
        Input(name: "more than 8 MiB", bytes: { text(header + "# " + String(repeating: "x", count: 9 << 20) + "\n") }, codes: ["WFC007"]),
        Input(name: "a 30-digit integer", bytes: { text(header + "ports: {tcp: 123456789012345678901234567890}\nnodes:\n  - name: n1\n") }, codes: ["WFC006"]),
        Input(
            name: "float, negative and quoted ports",
            bytes: { text(header + "ports: {tcp: 1883.0, websocket: -8083, http: \"80\", admin: 1e4, https: .inf}\nnodes:\n  - name: n1\n") },
            codes: ["WFC004", "WFC006"]),
        Input(name: "complex keys", bytes: { text(header + "? {a: 1}\n: x\n? [b]\n: y\nnodes:\n  - name: n1\n") }, codes: ["WFC004"]),
        Input(name: "merge keys", bytes: { text(header + "base: &b {name: n1}\nnodes:\n  - <<: *b\n    name: n2\n") }, codes: ["WFC007", "WFC003"]),
        Input(
            name: "tags", bytes: { text("!!map\nversion: !!str 1\nmode: !custom single\nauthorized_address: im.example.com\nnodes:\n  - name: n1\n") },
            codes: ["WFC007"]),
        Input(
            name: "50,000 nodes with one name",
            bytes: {
                text(
                    "version: 1\nmode: single-entry\nauthorized_address: im.example.com\ngateway: {public_address: 203.0.113.10}\nfirewall: {server_api_from: []}\nnodes:\n"
                        + String(repeating: "  - {name: same, private_address: 10.0.0.1}\n", count: 50_000))
            }, codes: ["WFC107"]),
        Input(
            name: "a key repeated 20,000 times", bytes: { text(header + String(repeating: "mode: single\n", count: 20_000) + "nodes:\n  - name: n1\n") },
            codes: ["WFC002"]),
        Input(name: "an alias used as a key", bytes: { text(header + "x: &k mode\n*k : single\nnodes:\n  - name: n1\n") }, codes: ["WFC003"]),
        Input(name: "every control character", bytes: { text(header) + (1...31).map { UInt8($0) } + text("\n") }, codes: ["WFC001"]),
        Input(
            name: "a secret with an escaped CRLF that would add an IM key",
            bytes: {
                text(
                    "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: true, https: true}\n"
                        + "tls: {jks_path: /a.jks, key_store_password: \"pw\\r\\nserver.ip 6.6.6.6\", key_manager_password: {env: K}}\nnodes:\n  - name: n1\n")
            }, codes: ["WFC006"]),
        Input(
            name: "a secret as a block scalar with CRLF line ends",
            bytes: {
                text(
                    "version: 1\r\nmode: single\r\nauthorized_address: im.example.com\r\nclients: {web: true, https: true}\r\n"
                        + "tls:\r\n  jks_path: /a.jks\r\n  key_store_password: |\r\n    pw\r\n    server.ip 6.6.6.6\r\n  key_manager_password: {env: K}\r\nnodes:\r\n  - name: n1\r\n"
                )
            }, codes: ["WFC006"]),
        Input(
            name: "a secret with a combining mark on `#`",
            bytes: {
                text(
                    "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: true, https: true}\n"
                        + "tls: {jks_path: /a.jks, key_store_password: \"a #\u{301}b\", key_manager_password: {env: K}}\nnodes:\n  - name: n1\n")
            }, codes: ["WFC006"]),
        // Found by fuzzing: a copy before another node shifted the nodes' places in the plan.
        Input(
            name: "a node pasted twice, then another node",
            bytes: {
                text(
                    "version: 1\nmode: multi-node\nauthorized_address: im.example.com\nclients: {web: true, https: true}\n"
                        + "tls: {certificate: /c.pem, certificate_key: /k.pem}\ngateway: {public_address: 203.0.113.10}\n"
                        + "firewall: {server_api_from: []}\nnodes:\n"
                        + "  - {name: node1, public_address: 203.0.113.11, websocket_proxy_port: 5017, websocket_proxy_secure_port: 5020}\n"
                        + "  - {name: node1, public_address: 203.0.113.11, websocket_proxy_port: 5017, websocket_proxy_secure_port: 5020}\n"
                        + "  - {name: node2, public_address: 203.0.113.12, websocket_proxy_port: 5018, websocket_proxy_secure_port: 5021}\n")
            }, codes: ["WFC107"]),
        Input(
            name: "terminal escapes in a value",
            bytes: { text(header.replacingOccurrences(of: "im.example.com", with: "\"\\e]0;x\\a\\e[2J\"") + "nodes:\n  - name: n1\n") }, codes: ["WFC006"])
    ]

    /// Runs the binary with a deadline; nil when it had to be killed.
    static func lint(_ bytes: [UInt8], seconds: Double) throws -> Run? {
        let file = try temporaryDirectory().appendingPathComponent("topology.yaml")
        try Data(bytes).write(to: file)
        return try launch(wfcBinary, ["lint", "--format", "json", file.path], seconds: seconds)
    }

    @Test(arguments: inputs)
    func survives(_ input: Input) throws {
        let run = try #require(try Self.lint(input.bytes(), seconds: 60), "\(input.name): still running after 60 s")
        #expect(run.stderr.isEmpty, "\(input.name): \(run.stderr.prefix(400))")
        #expect(run.status == (input.codes.isEmpty ? 0 : 1), "\(input.name): exit \(run.status)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let diagnostics = ((json?["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]]) ?? []
        let codes = Set(diagnostics.compactMap { $0["code"] as? String })
        #expect(input.codes.isSubset(of: codes), "\(input.name): got \(codes.sorted())")
        if input.codes.isEmpty { #expect(codes.isEmpty) }
        // One rule says at most 50 things and then sums up: output stays small whatever the input.
        #expect(diagnostics.count <= 300, "\(input.name): \(diagnostics.count) diagnostics")
        if input.name.hasPrefix("50,000 nodes") { #expect(diagnostics.count == 51) }
        for d in diagnostics {
            let message = d["message"] as? String ?? ""
            #expect(message.count < 400, "\(input.name): a message of \(message.count) characters")
        }
    }
}
