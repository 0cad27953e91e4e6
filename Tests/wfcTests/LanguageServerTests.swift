import Foundation
import Testing

/// A JSON-RPC client over the pipes of a running `wfc lsp`, as an editor drives it.
final class LSPClient {
    let process = Process()
    private let toServer = Pipe(), fromServer = Pipe()
    private var buffer: [UInt8] = []
    private var nextID = 1

    init(arguments: [String] = ["lsp"]) throws {
        process.executableURL = wfcBinary
        process.arguments = arguments
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { stop(process) }
    }

    /// The exit status, waiting at most `seconds` (see TestSupport's `exitStatus(of:until:)`).
    func exitStatus(seconds: Double = 10) -> Int32? {
        TestSupport.exitStatus(of: process, until: Date().addingTimeInterval(seconds))
    }

    func sendRaw(_ bytes: [UInt8]) {
        toServer.fileHandleForWriting.write(Data(bytes))
    }

    func send(_ message: [String: Any]) throws {
        var m = message
        m["jsonrpc"] = "2.0"
        let body = try JSONSerialization.data(withJSONObject: m)
        sendRaw(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + Array(body))
    }

    func notify(_ method: String, _ params: [String: Any]) throws {
        try send(["method": method, "params": params])
    }

    /// Sends a request and returns its response, skipping notifications on the way.
    func request(_ method: String, _ params: Any = [String: Any]()) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["id": id, "method": method, "params": params])
        while true {
            let message = try #require(try receive(), "no answer to \(method)")
            if message["id"] as? Int == id { return message }
        }
    }

    /// The next notification of this method.
    func next(_ method: String, seconds: Double = 10) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let message = try receive(seconds: deadline.timeIntervalSinceNow) else { break }
            if message["method"] as? String == method { return message["params"] as? [String: Any] ?? [:] }
        }
        throw LSPError(description: "no \(method) within \(seconds) s")
    }

    /// One framed message, or nil when none arrives in time.
    func receive(seconds: Double = 10) throws -> [String: Any]? {
        let fd = fromServer.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let end = buffer.firstRange(of: Array("\r\n\r\n".utf8)) {
                let header = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                let length = Int(header.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
                if buffer.count - end.upperBound >= length {
                    let body = Data(buffer[end.upperBound..<(end.upperBound + length)])
                    buffer.removeFirst(end.upperBound + length)
                    return try JSONSerialization.jsonObject(with: body) as? [String: Any]
                }
            }
            let left = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard left > 0, poll(&pfd, 1, left) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { return nil }
            buffer += chunk[0..<n]
        }
    }

    struct LSPError: Error, CustomStringConvertible { var description: String }
}

@Suite("wfc lsp, driven as an editor drives it", .serialized)
struct LanguageServerTests {
    static let uri = "file:///work/demo/topology.yaml"
    static let broken =
        "version: 1\nmode: single\nauthorised_address: im.example.com\nclients: {web: true}\nnodes:\n  - name: im1\n    public_address: 203.0.113.20\n"

    static func started(encodings: [String] = []) throws -> LSPClient {
        let client = try LSPClient()
        var capabilities: [String: Any] = [:]
        if !encodings.isEmpty { capabilities["general"] = ["positionEncodings": encodings] }
        let initialize = try client.request(
            "initialize",
            [
                "processId": NSNull(), "rootUri": NSNull(), "capabilities": capabilities,
                "initializationOptions": ["debounceMs": 10]
            ])
        let result = try #require(initialize["result"] as? [String: Any])
        let caps = try #require(result["capabilities"] as? [String: Any])
        #expect(caps["hoverProvider"] as? Bool == true)
        try client.notify("initialized", [:])
        return client
    }

    static func open(_ client: LSPClient, _ text: String, uri: String = uri) throws -> [[String: Any]] {
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]])
        return try client.next("textDocument/publishDiagnostics")["diagnostics"] as? [[String: Any]] ?? []
    }

    @Test(
        "extreme positions in edits, hovers and completions, in UTF-8 and UTF-16, are clamped: the server answers and lives on",
        arguments: ["utf-8", "utf-16"])
    func extremePositions(_ encoding: String) throws {
        let client = try Self.started(encodings: [encoding])
        _ = try Self.open(client, Self.broken)
        let extremes = [Int.max, Int(Int32.max), -1, Int.min]
        var version = 2
        for line in [Int.max, -1, 0, 3] {
            for character in extremes + [0] {
                let at = ["line": line, "character": character]
                try client.notify(
                    "textDocument/didChange",
                    [
                        "textDocument": ["uri": Self.uri, "version": version],
                        "contentChanges": [["range": ["start": at, "end": at], "text": ""]]
                    ])
                version += 1
                _ = try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri], "position": at])
                _ = try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": at])
            }
        }
        // Still answering, on the document as the (empty) edits left it.
        let hover = try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 2]])
        #expect(hover["error"] == nil)
        #expect(client.process.isRunning)
        _ = try client.request("shutdown")
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 0)
    }

    @Test("lsp --log writes a URI's control and bidi characters escaped, one line per message")
    func logEscapes() throws {
        let log = try temporaryDirectory().appendingPathComponent("lsp.log")
        let client = try LSPClient(arguments: ["lsp", "--log", log.path])
        _ = try client.request("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": [String: Any]()])
        try client.notify("initialized", [:])
        let uri = "file:///x/\u{1B}[2J\u{1B}]0;owned\u{07}\u{202E}\ntopology.yaml"
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": "version: 1\n"]])
        try client.notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["range": "bad", "text": "x"]]])
        _ = try client.request("shutdown")
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("\\u{1B}[2J"), "\(text.debugDescription)")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("wfc lsp: ") })
    }

    @Test("a session: open, diagnostics, quick fix applied, incremental change, hover, completion, shutdown")
    func session() throws {
        let client = try Self.started()
        let diagnostics = try Self.open(client, Self.broken)
        #expect(diagnostics.map { $0["code"] as? String } == ["WFC003"])
        let first = try #require(diagnostics.first)
        #expect((first["codeDescription"] as? [String: Any])?["href"] as? String != nil)
        #expect((first["range"] as? [String: Any])?["start"] as? [String: Int] == ["line": 2, "character": 0])

        // The quick fix for the misspelt key, then the edit sent back as an incremental change.
        let actions = try #require(
            try client.request(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": Self.uri], "range": first["range"] as Any, "context": ["diagnostics": [first]]
                ])["result"] as? [[String: Any]])
        let quickfix = try #require(actions.first { $0["kind"] as? String == "quickfix" })
        #expect(quickfix["title"] as? String == "rename to `authorized_address`")
        #expect(quickfix["isPreferred"] as? Bool == true)
        #expect(actions.contains { $0["kind"] as? String == "source.fixAll.wfc" })
        let changes = try #require((quickfix["edit"] as? [String: Any])?["changes"] as? [String: [[String: Any]]])
        let edit = try #require(changes[Self.uri]?.first)
        try client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": Self.uri, "version": 2],
                "contentChanges": [["range": edit["range"] as Any, "text": edit["newText"] as Any]]
            ])
        let fixed = try client.next("textDocument/publishDiagnostics")["diagnostics"] as? [Any]
        #expect(fixed?.isEmpty == true, "\(String(describing: fixed))")

        // Break it again with a full-text change: a wrong port.
        try client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": Self.uri, "version": 3],
                "contentChanges": [["text": Self.broken.replacingOccurrences(of: "authorised", with: "authorized") + "ports: {tcp: 99999}\n"]]
            ])
        let again = try client.next("textDocument/publishDiagnostics")
        #expect(again["version"] as? Int == 3)
        #expect((again["diagnostics"] as? [[String: Any]])?.map { $0["code"] as? String } == ["WFC006"])

        // Hover on a key shows its description, type and default.
        let hover = try #require(
            try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 3, "character": 11]])["result"] as? [String: Any])
        let text = try #require((hover["contents"] as? [String: Any])?["value"] as? String)
        #expect(text.contains("`clients.web`") && text.contains("Default: `false`"), "\(text)")
        // Hover on the diagnostic shows the rule.
        let ruleHover = try #require(
            try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 7, "character": 14]])["result"] as? [String: Any])
        #expect(((ruleHover["contents"] as? [String: Any])?["value"] as? String)?.contains("WFC006 invalid-value") == true)

        // Completion: the keys a node may still have; the values of `mode`.
        let keys = try #require(
            (try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 7, "character": 0]])["result"]
                as? [String: Any])?["items"] as? [[String: Any]])
        let keyLabels = Set(keys.compactMap { $0["label"] as? String })
        #expect(keyLabels.contains("gateway") && keyLabels.contains("firewall") && !keyLabels.contains("mode") && !keyLabels.contains("nodes"))
        try client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": Self.uri, "version": 4],
                "contentChanges": [
                    [
                        "range": ["start": ["line": 6, "character": 32], "end": ["line": 6, "character": 32]],
                        "text": "\n    "
                    ]
                ]
            ])
        let nodeKeys = try #require(
            (try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 7, "character": 4]])["result"]
                as? [String: Any])?["items"] as? [[String: Any]])
        let nodeLabels = Set(nodeKeys.compactMap { $0["label"] as? String })
        #expect(nodeLabels.contains("private_address") && !nodeLabels.contains("name") && !nodeLabels.contains("public_address"), "\(nodeLabels)")
        let modes = try #require(
            (try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 1, "character": 6]])["result"]
                as? [String: Any])?["items"] as? [[String: Any]])
        #expect(modes.compactMap { $0["label"] as? String } == ["single", "multi-node", "single-entry"])

        // Saving lints again (the file may have changed on disk in ways the editor reported).
        try client.notify("textDocument/didSave", ["textDocument": ["uri": Self.uri]])
        #expect(try client.next("textDocument/publishDiagnostics")["version"] as? Int == 4)

        try client.notify("textDocument/didClose", ["textDocument": ["uri": Self.uri]])
        #expect((try client.next("textDocument/publishDiagnostics")["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(try client.request("shutdown")["result"] is NSNull)
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 0)
    }

    @Test("node names complete in `to:`; enum values of backend; UTF-8 positions when offered")
    func completionsAndEncoding() throws {
        let client = try Self.started(encodings: ["utf-8", "utf-16"])
        let text =
            "# 节点 cluster\nversion: 1\nmode: multi-node\nauthorized_address: im.example.com\ngateway: {public_address: 203.0.113.10}\nnodes:\n  - {name: alpha, public_address: 203.0.113.11}\n  - {name: beta, public_address: 203.0.113.12}\nfirewall:\n  backend: \n  allow:\n    - to: \n"
        _ = try Self.open(client, text)
        let targets = try #require(
            (try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 11, "character": 10]])["result"]
                as? [String: Any])?["items"] as? [[String: Any]])
        #expect(targets.compactMap { $0["label"] as? String } == ["alpha", "beta", "nodes", "gateway", "all"])
        let backends = try #require(
            (try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 9, "character": 11]])["result"]
                as? [String: Any])?["items"] as? [[String: Any]])
        #expect(backends.compactMap { $0["label"] as? String } == ["iptables", "nftables", "both", "none"])
        _ = try client.request("shutdown")
    }

    @Test("a secret never leaves the server: not in diagnostics, hover or code actions")
    func secrets() throws {
        let client = try Self.started()
        let text =
            "version: 1\nmode: single\nauthorized_address: im.example.com\nclients: {web: true, https: true}\ntls:\n  jks_path: /a.jks\n  key_store_pasword: hunter2-secret\n  key_manager_password: {env: \"hunter3-secret\"}\nnodes:\n  - name: n1\n"
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": Self.uri, "languageId": "yaml", "version": 1, "text": text]])
        var seen = ""
        let diagnostics = try client.next("textDocument/publishDiagnostics")
        seen += String(decoding: try JSONSerialization.data(withJSONObject: diagnostics), as: UTF8.self)
        for line in 6...7 {
            let hover = try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": line, "character": 26]])
            seen += String(decoding: try JSONSerialization.data(withJSONObject: hover), as: UTF8.self)
            let actions = try client.request(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": Self.uri],
                    "range": ["start": ["line": line, "character": 0], "end": ["line": line, "character": 40]], "context": ["diagnostics": []]
                ])
            // A code action edits the document, which holds the secret; its titles and diagnostics may not.
            for action in actions["result"] as? [[String: Any]] ?? [] {
                seen +=
                    (action["title"] as? String ?? "")
                    + String(decoding: try JSONSerialization.data(withJSONObject: action["diagnostics"] ?? []), as: UTF8.self)
            }
        }
        #expect(!seen.contains("hunter2") && !seen.contains("hunter3"), "\(seen)")
        _ = try client.request("shutdown")
    }

    @Test("malformed input gets JSON-RPC errors, unknown methods MethodNotFound, and the server keeps serving")
    func malformed() throws {
        let client = try Self.started()
        client.sendRaw(Array("Content-Length: 7\r\n\r\n{\"a\":}x".utf8))
        #expect((try client.receive()?["error"] as? [String: Any])?["code"] as? Int == -32700)
        client.sendRaw(Array("X-Nothing: 1\r\n\r\n".utf8))
        #expect((try client.receive()?["error"] as? [String: Any])?["code"] as? Int == -32700)
        try client.send(["id": 99, "params": [:]])
        #expect((try client.receive()?["error"] as? [String: Any])?["code"] as? Int == -32600)
        #expect((try client.request("workspace/symbol", ["query": "x"])["error"] as? [String: Any])?["code"] as? Int == -32601)
        #expect(
            (try client.request("textDocument/hover", ["textDocument": ["uri": "file:///nope/topology.yaml"], "position": ["line": 0, "character": 0]])["error"]
                as? [String: Any])?["code"] as? Int == -32602)
        // Deep nesting and a huge declared length do not crash it.
        client.sendRaw(Array("Content-Length: 4001\r\n\r\n".utf8) + Array(String(repeating: "[", count: 4000).utf8) + [0x5D])
        #expect((try client.receive()?["error"] as? [String: Any])?["code"] as? Int == -32700)
        client.sendRaw(Array("Content-Length: 999999999999\r\n\r\n".utf8))
        #expect((try client.receive()?["error"] as? [String: Any])?["code"] as? Int == -32700)
        // Not a topology: no diagnostics are published for it, and it is still served.
        try client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///w/other.yaml", "languageId": "yaml", "version": 1, "text": "a: [\n"]])
        #expect(try client.request("shutdown")["result"] is NSNull)
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 0)
    }

    @Test("exit without shutdown is status 1; a request before initialize is refused")
    func lifecycle() throws {
        let client = try LSPClient()
        #expect((try client.request("textDocument/hover", [:])["error"] as? [String: Any])?["code"] as? Int == -32002)
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 1)
    }
}
