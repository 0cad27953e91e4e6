import WFCCore
import WFCLanguageServer

#if canImport(Glibc)
    import Glibc
#endif

struct LSP: Command {
    static let spec = CommandSpec(
        name: "lsp",
        abstract: "Run the language server (LSP over standard input and output).",
        discussion: """
            Diagnostics as you type, quick fixes, hover and completion for every document whose
            name ends in topology.yaml or that starts with the wfc schema modeline. Set
            initializationOptions.rulesDocumentation to the URL of docs/rules.md for rule links.
            """,
        options: [.init(name: "--log", value: "file", help: "Append the server's own messages (never a document's text) to this file.")])

    var logPath: String?

    init(_ p: ParsedArguments) throws(UsageError) {
        logPath = p.value("--log")
    }

    func run() throws {
        let logFile: UnsafeMutablePointer<FILE>? = logPath.flatMap { fopen($0, "a") }
        let server = LanguageServer(input: STDIN_FILENO, output: STDOUT_FILENO, docs: LSP.bundledRulesDocument()) { line in
            guard let logFile else { return }
            // A URI or a malformed message may hold control characters: escaped, one line each.
            fputs("wfc lsp: \(line.escapingControls)\n", logFile)
            fflush(logFile)
        }
        let status = server.run()
        if status != 0 { throw Exit(status: status) }
    }

    /// docs/rules.md beside the build folder, when wfc runs from a clone of its repository.
    static func bundledRulesDocument() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        var dir = String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for _ in 0..<5 {
            dir = FileSystem.directory(of: dir)
            if access(dir + "/docs/rules.md", R_OK) == 0 { return ReportContext(workingDirectory: "/").uri(for: dir + "/docs/rules.md") }
        }
        return nil
    }
}
