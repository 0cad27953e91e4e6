/// nginx configuration as a tree of directives (after crossplane): a name, its arguments
/// and an optional block. Rendering decides quoting in one place, so no user value reaches
/// the file by string concatenation.
package struct Directive: Equatable {
    var name: String
    var args: [String]
    var block: [Directive]?
    /// Comment lines written above the directive.
    var comments: [String]

    package init(_ name: String, _ args: String..., block: [Directive]? = nil, comments: [String] = []) {
        self.name = name
        self.args = args
        self.block = block
        self.comments = comments
    }

    init(_ name: String, args: [String], block: [Directive]? = nil, comments: [String] = []) {
        self.name = name
        self.args = args
        self.block = block
        self.comments = comments
    }

    package static func render(_ directives: [Directive], indent: Int = 0) -> String {
        var out = ""
        for (i, d) in directives.enumerated() {
            let pad = String(repeating: "    ", count: indent)
            if i > 0, d.block != nil || !d.comments.isEmpty || directives[i - 1].block != nil { out += "\n" }
            for comment in d.comments { out += pad + "# " + comment + "\n" }
            let head = ([d.name] + d.args.map(quote)).joined(separator: " ")
            if let block = d.block {
                out += pad + head + " {\n" + render(block, indent: indent + 1) + pad + "}\n"
            } else {
                out += pad + head + ";\n"
            }
        }
        return out
    }

    /// Bare when the word cannot be misread by nginx's tokenizer, double-quoted otherwise.
    package static func quote(_ arg: String) -> String {
        let special: Set<Character> = [" ", "\t", "\n", "\r", ";", "{", "}", "#", "\"", "'", "\\"]
        if !arg.isEmpty, !arg.contains(where: special.contains) { return arg }
        var out = "\""
        for c in arg {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
