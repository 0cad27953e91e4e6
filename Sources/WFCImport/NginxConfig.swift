#if canImport(Glibc)
    import Glibc
#endif

/// One nginx directive as written: its name, its arguments with quotes and escapes resolved,
/// where it stands, and its block when it has one (`http`, `server`, `upstream`, `location`).
public struct NginxDirective: Sendable, Equatable {
    public var name: String
    public var args: [String]
    public var file: String
    public var line: Int
    /// 1-based, where its name starts.
    public var column: Int = 1
    public var block: [NginxDirective]?

    /// `file:line`, as an imported value's comment names its source.
    public var source: String { "\(file):\(line)" }

    /// The directives of its block named `name`.
    public func children(_ name: String) -> [NginxDirective] { (block ?? []).filter { $0.name == name } }
}

/// A tree nginx would refuse, or one wfc will not read: where and why.
public struct GatewayReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
}

/// An nginx configuration tree read as nginx reads it (in the manner of nginxinc/crossplane):
/// words split at white space, `;`, `{` and `}`; `#` starts a comment where a word could
/// start; single and double quotes with backslash escapes; `include` resolved with its glob,
/// relative to the main file's folder, each file once. Errors name the file and line; no input
/// makes it crash or loop (depth, file count and size are bounded).
public enum NginxConfig {
    struct Token: Equatable {
        var text: String
        var line: Int
        var column: Int = 1
        /// Quoted or escaped: never `;`, `{` or `}` however it reads.
        var literal: Bool
    }

    /// The bounds of what is read: nginx trees are small; a larger one is a mistake or an attack.
    public static let maxFileBytes = 4 << 20
    static let maxFiles = 512, maxDepth = 64

    static func tokens(_ bytes: [UInt8], file: String) throws(GatewayReadError) -> [Token] {
        var out: [Token] = []
        var line = 1, i = 0, lineStart = 0
        var word: [UInt8] = [], wordLine = 1, wordColumn = 1, literal = false
        // Inside `${…}`: its `}` belongs to the word.
        var variable = false
        func flush() {
            guard !word.isEmpty || literal else { return }
            out.append(Token(text: String(decoding: word, as: UTF8.self), line: wordLine, column: wordColumn, literal: literal))
            word = []
            literal = false
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"):
                flush()
                line += 1
                i += 1
                lineStart = i
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                flush()
                i += 1
            case UInt8(ascii: "#") where word.isEmpty && !literal:
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                // `${var}` inside a word is a variable, not a block.
                if b == UInt8(ascii: "{"), word.last == UInt8(ascii: "$") {
                    word.append(b)
                    variable = true
                    i += 1
                    continue
                }
                if b == UInt8(ascii: "}"), variable {
                    word.append(b)
                    variable = false
                    i += 1
                    continue
                }
                variable = false
                flush()
                out.append(Token(text: String(UnicodeScalar(b)), line: line, column: i - lineStart + 1, literal: false))
                i += 1
            case UInt8(ascii: "\""),
                UInt8(ascii: "'") where word.isEmpty && !literal:
                let quote = b, start = line
                wordLine = line
                wordColumn = i - lineStart + 1
                i += 1
                while true {
                    guard i < bytes.count else { throw GatewayReadError(file: file, line: start, message: "a quote that never closes") }
                    let c = bytes[i]
                    if c == quote { i += 1; break }
                    if c == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        // nginx keeps the backslash except before the quote itself or another backslash.
                        let next = bytes[i + 1]
                        if next == quote || next == UInt8(ascii: "\\") { word.append(next) } else { word += [c, next] }
                        if next == UInt8(ascii: "\n") { (line, lineStart) = (line + 1, i + 2) }
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "\n") { (line, lineStart) = (line + 1, i + 1) }
                    word.append(c)
                    i += 1
                }
                literal = true
                flush()
            case UInt8(ascii: "\\") where i + 1 < bytes.count:
                if word.isEmpty { (wordLine, wordColumn) = (line, i - lineStart + 1) }
                word += [b, bytes[i + 1]]
                if bytes[i + 1] == UInt8(ascii: "\n") { (line, lineStart) = (line + 1, i + 2) }
                literal = true
                i += 2
            default:
                if word.isEmpty { (wordLine, wordColumn) = (line, i - lineStart + 1) }
                word.append(b)
                i += 1
            }
        }
        flush()
        return out
    }

    /// The directives of one file's tokens; `include` is left as written.
    static func parse(_ tokens: [Token], file: String) throws(GatewayReadError) -> [NginxDirective] {
        var index = 0
        func block(depth: Int, opened: Int?) throws(GatewayReadError) -> [NginxDirective] {
            guard depth < maxDepth else { throw GatewayReadError(file: file, line: tokens[index - 1].line, message: "blocks nested too deep") }
            var out: [NginxDirective] = []
            while index < tokens.count {
                let t = tokens[index]
                index += 1
                if !t.literal && t.text == "}" {
                    guard opened != nil else { throw GatewayReadError(file: file, line: t.line, message: "unexpected \"}\"") }
                    return out
                }
                if !t.literal && (t.text == ";" || t.text == "{") {
                    throw GatewayReadError(file: file, line: t.line, message: "unexpected \"\(t.text)\"")
                }
                var args: [String] = []
                while true {
                    guard index < tokens.count else {
                        throw GatewayReadError(file: file, line: t.line, message: "\"\(t.text)\" ends without \";\" or \"{\"")
                    }
                    let a = tokens[index]
                    index += 1
                    if !a.literal && a.text == ";" {
                        out.append(NginxDirective(name: t.text, args: args, file: file, line: t.line, column: t.column, block: nil))
                        break
                    }
                    if !a.literal && a.text == "{" {
                        let inner = try block(depth: depth + 1, opened: a.line)
                        out.append(NginxDirective(name: t.text, args: args, file: file, line: t.line, column: t.column, block: inner))
                        break
                    }
                    if !a.literal && a.text == "}" {
                        throw GatewayReadError(file: file, line: a.line, message: "unexpected \"}\" (a \";\" is missing after \"\(t.text)\")")
                    }
                    args.append(a.text)
                }
            }
            if let opened { throw GatewayReadError(file: file, line: opened, message: "a \"{\" that never closes") }
            return out
        }
        return try block(depth: 0, opened: nil)
    }

    /// The tree from `main`, each `include` replaced by the directives of the files its glob
    /// matches (relative paths from `main`'s folder), in sorted order, as nginx does. `read`
    /// gives a file's bytes; `glob` the paths a pattern matches.
    public static func read(
        main: String, read: (String) throws -> [UInt8], glob: (String) -> [String] = NginxConfig.glob
    ) throws(GatewayReadError) -> [NginxDirective] {
        let folder = main.lastIndex(of: "/").map { String(main[..<$0]) }
        // A path beside the main file, as the operator would write it (no `./`).
        func beside(_ path: some StringProtocol) -> String { folder.map { $0 + "/" + path } ?? String(path) }
        var files = 0
        var stack: [String] = []
        func load(_ path: String, from: (file: String, line: Int)?) throws(GatewayReadError) -> [NginxDirective] {
            files += 1
            guard files <= maxFiles else { throw GatewayReadError(file: from?.file ?? path, line: from?.line ?? 1, message: "more than \(maxFiles) files") }
            guard !stack.contains(path) else {
                throw GatewayReadError(file: from?.file ?? path, line: from?.line ?? 1, message: "\(path) includes itself")
            }
            let bytes: [UInt8]
            do { bytes = try read(path) } catch {
                throw GatewayReadError(file: from?.file ?? path, line: from?.line ?? 1, message: "cannot read \(path)")
            }
            guard bytes.count <= maxFileBytes else { throw GatewayReadError(file: path, line: 1, message: "larger than \(maxFileBytes >> 20) MiB") }
            stack.append(path)
            defer { stack.removeLast() }
            return try expand(parse(tokens(bytes, file: path), file: path))
        }
        func expand(_ directives: [NginxDirective]) throws(GatewayReadError) -> [NginxDirective] {
            var out: [NginxDirective] = []
            for d in directives {
                if d.name == "include", d.block == nil, d.args.count == 1 {
                    let pattern = d.args[0].hasPrefix("/") ? d.args[0] : beside(d.args[0])
                    var matched = glob(pattern)
                    // A tree copied off its host: `/etc/nginx/…` is then beside the main file.
                    if matched.isEmpty, pattern.hasPrefix("/etc/nginx/") {
                        matched = glob(beside(pattern.dropFirst("/etc/nginx/".count)))
                    }
                    // nginx refuses an include of one missing file; a glob may match none.
                    if matched.isEmpty, !pattern.contains(where: { "*?[".contains($0) }) {
                        throw GatewayReadError(file: d.file, line: d.line, message: "include \(d.args[0]): no such file")
                    }
                    for path in matched.sorted() { out += try load(path, from: (d.file, d.line)) }
                } else if let block = d.block {
                    var copy = d
                    copy.block = try expand(block)
                    out.append(copy)
                } else {
                    out.append(d)
                }
            }
            return out
        }
        return try load(main, from: nil)
    }

    /// The files a glob matches (libc's glob), none for no match.
    public static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
    }
}
