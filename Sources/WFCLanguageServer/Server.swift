import WFCCore

/// `wfc lsp`: a Language Server Protocol server over a pair of file descriptors. One
/// thread: a request is answered when it arrives; diagnostics are published once the editor
/// has been quiet for `debounce` milliseconds, so a burst of keystrokes is linted once.
public final class LanguageServer {
    enum ErrorCode: Int {
        case parseError = -32700, invalidRequest = -32600, methodNotFound = -32601, invalidParams = -32602
        case serverNotInitialized = -32002
    }

    private let transport: Transport
    private var documents: [String: Document] = [:]
    /// The last lint of each document, by version: hover, completion and code actions ask
    /// about the text that was just published, and need not lint it again.
    private var linted: [String: (version: Int, result: LintResult)] = [:]
    /// Documents changed since their diagnostics were last published.
    private var dirty: Set<String> = []
    private var initialized = false
    private var shuttingDown = false
    private var encoding: PositionEncoding = .utf16
    private var debounce: Int32 = 50
    /// Where the rules are documented, for each diagnostic's `codeDescription`.
    private var docs: String?
    private let log: (String) -> Void

    public init(input: Int32, output: Int32, docs: String?, log: @escaping (String) -> Void = { _ in }) {
        transport = Transport(input: input, output: output)
        self.docs = docs
        self.log = log
    }

    /// Serves until `exit`; returns the process's exit status (0 after `shutdown`).
    public func run() -> Int32 {
        while true {
            switch transport.next(waiting: dirty.isEmpty ? -1 : debounce) {
            case .idle:
                publishDirty()
            case .closed:
                return shuttingDown ? 0 : 1
            case .malformed(let why):
                log("malformed message: \(why)")
                respond(id: .null, error: (.parseError, "parse error: \(why)"))
            case .message(let message):
                if let status = handle(message) { return status }
            }
        }
    }

    /// Handles one message; a status when the server must stop.
    private func handle(_ message: JSON) -> Int32? {
        guard case .object = message, let method = message["method"]?.stringValue else {
            if case .object = message, message["id"] != nil, message["result"] != nil || message["error"] != nil { return nil }  // a response to us
            respond(id: message["id"] ?? .null, error: (.invalidRequest, "not a JSON-RPC request or notification"))
            return nil
        }
        let id = message["id"]
        let params = message["params"] ?? .null
        if method == "exit" { return shuttingDown ? 0 : 1 }
        if !initialized, method != "initialize" {
            if let id { respond(id: id, error: (.serverNotInitialized, "the server is not initialized")) }
            return nil
        }
        if shuttingDown, let id {
            respond(id: id, error: (.invalidRequest, "the server is shutting down"))
            return nil
        }
        switch method {
        case "initialize":
            respond(id: id ?? .null, result: initialize(params))
        case "initialized", "$/setTrace", "$/cancelRequest", "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles":
            break
        case "shutdown":
            shuttingDown = true
            respond(id: id ?? .null, result: .null)
        case "textDocument/didOpen":
            let d = params["textDocument"]
            guard let uri = d?["uri"]?.stringValue, let text = d?["text"]?.stringValue else { return nil }
            documents[uri] = Document(uri: uri, version: d?["version"]?.intValue ?? 0, bytes: Array(text.utf8))
            linted[uri] = nil
            dirty.insert(uri)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, var doc = documents[uri] else { return nil }
            for change in params["contentChanges"]?.arrayValue ?? [] {
                if !doc.apply(change, encoding: encoding) { log("a change to \(uri) was not understood") }
            }
            doc.version = params["textDocument"]?["version"]?.intValue ?? doc.version + 1
            documents[uri] = doc
            linted[uri] = nil
            dirty.insert(uri)
        case "textDocument/didSave":
            if let uri = params["textDocument"]?["uri"]?.stringValue, documents[uri] != nil { dirty.insert(uri) }
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let doc = documents.removeValue(forKey: uri) else { return nil }
            linted[uri] = nil
            dirty.remove(uri)
            if doc.isTopology {
                notify("textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))]))
            }
        case "textDocument/codeAction", "textDocument/hover", "textDocument/completion":
            guard let id else { return nil }
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let doc = documents[uri] else {
                respond(id: id, error: (.invalidParams, "unknown document"))
                return nil
            }
            guard doc.isTopology else {
                respond(
                    id: id,
                    result: method == "textDocument/hover"
                        ? .null : method == "textDocument/codeAction" ? .array([]) : .object([("isIncomplete", .bool(false)), ("items", .array([]))]))
                return nil
            }
            let result = lint(doc)
            switch method {
            case "textDocument/codeAction":
                guard let range = params["range"], let from = position(range["start"], in: doc), let to = position(range["end"], in: doc) else {
                    respond(id: id, error: (.invalidParams, "codeAction needs a range"))
                    return nil
                }
                let only = params["context"]?["only"]?.arrayValue?.compactMap { $0.stringValue }
                respond(id: id, result: Features.codeActions(doc, result: result, range: (from, to), only: only, encoding: encoding))
            case "textDocument/hover":
                guard let at = position(params["position"], in: doc) else {
                    respond(id: id, error: (.invalidParams, "hover needs a position"))
                    return nil
                }
                respond(id: id, result: Features.hover(doc, result: result, offset: at))
            default:
                guard let at = position(params["position"], in: doc) else {
                    respond(id: id, error: (.invalidParams, "completion needs a position"))
                    return nil
                }
                respond(id: id, result: Features.completion(doc, result: result, offset: at))
            }
        default:
            if let id { respond(id: id, error: (.methodNotFound, "method not found: \(method)")) }
        }
        return nil
    }

    private func initialize(_ params: JSON) -> JSON {
        initialized = true
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        encoding = offered.contains("utf-8") ? .utf8 : .utf16
        let options = params["initializationOptions"]
        if let ms = options?["debounceMs"]?.intValue { debounce = Int32(max(0, min(ms, 5_000))) }
        if let url = options?["rulesDocumentation"]?.stringValue { docs = url }
        return .object([
            (
                "capabilities",
                .object([
                    ("positionEncoding", .string(encoding.rawValue)),
                    (
                        "textDocumentSync",
                        .object([
                            ("openClose", .bool(true)),
                            ("change", .int(2)),  // incremental
                            ("save", .object([("includeText", .bool(false))]))
                        ])
                    ),
                    ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix"), .string("source.fixAll.wfc")]))])),
                    ("hoverProvider", .bool(true)),
                    ("completionProvider", .object([("triggerCharacters", .array([.string(":"), .string(" "), .string("[")]))]))
                ])
            ),
            ("serverInfo", .object([("name", .string("wfc")), ("version", .string(WFCVersion.string))]))
        ])
    }

    private func lint(_ doc: Document) -> LintResult {
        if let last = linted[doc.uri], last.version == doc.version { return last.result }
        let result = Linter.lint(doc.source)
        linted[doc.uri] = (doc.version, result)
        return result
    }

    private func position(_ p: JSON?, in doc: Document) -> Int? {
        guard let line = p?["line"]?.intValue, let character = p?["character"]?.intValue else { return nil }
        return doc.offset(line: line, character: character, encoding: encoding)
    }

    private func publishDirty() {
        for uri in dirty.sorted() {
            guard let doc = documents[uri], doc.isTopology else { continue }
            let result = lint(doc)
            notify("textDocument/publishDiagnostics", Features.diagnostics(doc, result: result, encoding: encoding, docs: docs))
        }
        dirty.removeAll()
    }

    private func respond(id: JSON, result: JSON) {
        transport.send(.object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)]))
    }

    private func respond(id: JSON, error: (ErrorCode, String)) {
        transport.send(
            .object([
                ("jsonrpc", .string("2.0")), ("id", id),
                ("error", .object([("code", .int(error.0.rawValue)), ("message", .string(error.1))]))
            ]))
    }

    private func notify(_ method: String, _ params: JSON) {
        transport.send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }
}
