import Testing

@testable import YAMLTree

private func compose(_ text: String, limits: Limits = .standard) -> Document {
    Composer.compose(Array(text.utf8), limits: limits)
}

private func compose(bytes: [UInt8]) -> Document {
    Composer.compose(bytes)
}

/// (line, column, offset) of a mark, for compact expectations.
private func lco(_ m: Mark) -> [Int] { [m.line, m.column, m.offset] }

private func pairs(_ node: Node?) -> [Pair] {
    if case .mapping(let p)? = node?.content { return p }
    return []
}

private func items(_ node: Node?) -> [Node] {
    if case .sequence(let i)? = node?.content { return i }
    return []
}

@Suite("Composer spans")
struct ComposerSpanTests {
    @Test("block mapping: keys and values carry start and end")
    func blockMapping() {
        let doc = compose("version: 1\nmode: single\n")
        #expect(doc.problem == nil)
        let p = pairs(doc.root)
        #expect(p.count == 2)
        #expect(lco(p[1].key.span.start) == [1, 0, 11])
        #expect(lco(p[1].key.span.end) == [1, 4, 15])
        #expect(lco(p[1].value.span.start) == [1, 6, 17])
        #expect(lco(p[1].value.span.end) == [1, 12, 23])
        #expect(p[1].value.scalar == Scalar(value: "single", style: .plain))
    }

    @Test("flow collections span from the bracket to the closing bracket")
    func flowCollections() {
        let doc = compose("ports: {http: 80, tcp: [1, 2]}\n")
        let ports = pairs(doc.root)[0].value
        #expect(lco(ports.span.start) == [0, 7, 7])
        #expect(lco(ports.span.end) == [0, 30, 30])
        let tcp = pairs(ports)[1].value
        #expect(lco(tcp.span.start) == [0, 23, 23])
        #expect(lco(tcp.span.end) == [0, 29, 29])
        #expect(items(tcp).map { $0.scalar?.value } == ["1", "2"])
    }

    @Test("quoted scalars include their quotes; styles are kept")
    func quoted() {
        let doc = compose("a: \"80\"\nb: 'x y'\n")
        let p = pairs(doc.root)
        #expect(p[0].value.scalar == Scalar(value: "80", style: .doubleQuoted))
        #expect(lco(p[0].value.span.start) == [0, 3, 3])
        #expect(lco(p[0].value.span.end) == [0, 7, 7])
        #expect(p[1].value.scalar?.style == .singleQuoted)
    }

    @Test("multi-line plain and literal scalars end on their last line")
    func multiLine() {
        let doc = compose("a: one\n  two\nb: |\n  x\n  y\nc: 1\n")
        let p = pairs(doc.root)
        #expect(p[0].value.scalar?.value == "one two")
        #expect(lco(p[0].value.span.end) == [1, 5, 12])
        #expect(p[1].value.scalar == Scalar(value: "x\ny\n", style: .literal))
        #expect(lco(p[2].key.span.start) == [5, 0, 26])
    }

    @Test("columns count Unicode scalars, offsets count bytes")
    func multiByte() {
        let doc = compose("名前: \"é中\"\nk: v\n")
        let p = pairs(doc.root)
        #expect(lco(p[0].value.span.start) == [0, 4, 8])
        #expect(lco(p[0].value.span.end) == [0, 8, 15])
        #expect(lco(p[1].key.span.start) == [1, 0, 16])
    }

    @Test("CRLF line ends count as one line break")
    func crlf() {
        let doc = compose("a: 1\r\nb: 2\r\n")
        let p = pairs(doc.root)
        #expect(lco(p[1].key.span.start) == [1, 0, 6])
        #expect(lco(p[1].value.span.start) == [1, 3, 9])
    }

    @Test("the locator's marks, walked forward, backward and across checkpoints, are those of a walk one character at a time")
    func locatorAgainstAPlainWalk() {
        // ASCII runs longer than a checkpoint's stretch, multi-byte characters, CRLF, a lone
        // CR and LF, and a BOM.
        var text = "\u{FEFF}key: " + String(repeating: "a", count: 5000) + "\r\n"
        for i in 0..<300 { text += "k\(i): v√\(i) 野火 \u{1F525}" + (i % 7 == 0 ? "\r" : i % 3 == 0 ? "\r\n" : "\n") }
        text += String(repeating: "b", count: 9000) + "\n"
        let bytes = Array(text.utf8)
        // The reference: each scalar's index, line, column and offset (libyaml does not count the BOM).
        var reference: [Mark] = []
        var line = 0, column = 0, offset = 3
        let scalars = Array(text.unicodeScalars.dropFirst())
        for (i, scalar) in scalars.enumerated() {
            reference.append(Mark(line: line, column: column, offset: offset))
            offset += String(scalar).utf8.count
            if scalar == "\n" || (scalar == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n")) {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        reference.append(Mark(line: line, column: column, offset: offset))
        bytes.withUnsafeBufferPointer { buffer in
            var locator = Locator(bytes: buffer)
            var generator = SystemRandomNumberGenerator()
            var targets = Array(stride(from: 0, to: reference.count, by: 7)) + [reference.count - 1]
            targets += (0..<2000).map { _ in Int.random(in: 0..<reference.count, using: &generator) }
            for target in targets {
                #expect(locator.mark(atIndex: target) == reference[target], "index \(target)")
            }
        }
    }

    @Test("a UTF-8 BOM takes bytes but no column")
    func bom() {
        let doc = compose(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\r\n".utf8))
        let p = pairs(doc.root)
        #expect(lco(p[0].key.span.start) == [0, 0, 3])
        #expect(lco(p[0].value.span.start) == [0, 3, 6])
    }

    @Test("explicit tags are kept with their span; implicit ones are not")
    func tags() {
        let doc = compose("a: !!int 1\nb: 2\n")
        let p = pairs(doc.root)
        #expect(p[0].value.tag?.name == "tag:yaml.org,2002:int")
        #expect(p[1].value.tag == nil)
    }

    @Test("an alias is a copy of the anchored node, spanned at the alias")
    func alias() {
        let doc = compose("a: &p {x: 1}\nb: *p\n")
        let p = pairs(doc.root)
        #expect(pairs(p[1].value).first?.value.scalar?.value == "1")
        #expect(lco(p[1].value.span.start) == [1, 3, 16])
        // The anchored node's span starts at its anchor `&p`.
        #expect(p[1].value.aliasOf.map { lco($0.start) } == [0, 3, 3])
    }

    @Test("an empty stream has no root and no problem")
    func empty() {
        let doc = compose("")
        #expect(doc.root == nil)
        #expect(doc.problem == nil)
        let comments = compose("# only a comment\n")
        #expect(comments.root == nil)
        #expect(comments.problem == nil)
    }
}

@Suite("Composer problems")
struct ComposerProblemTests {
    @Test("an unclosed flow mapping is a syntax problem with libyaml's position and context")
    func unclosedFlow() throws {
        let doc = compose("ports: {http: 80, tcp: 1883\nnodes: []\n")
        let problem = try #require(doc.problem)
        #expect(problem.kind == .syntax)
        #expect(problem.message == "did not find expected ',' or '}'")
        #expect(problem.context == "while parsing a flow mapping")
        #expect(problem.contextMark.map(lco) == [0, 7, 7])
        #expect(lco(problem.span.start) == [1, 5, 33])
    }

    @Test("invalid UTF-8 is reported at its byte")
    func invalidUTF8() throws {
        let problem = try #require(compose(bytes: Array("a: 1\nb: ".utf8) + [0xC3, 0x28]).problem)
        #expect(problem.kind == .syntax)
        #expect(lco(problem.span.start) == [1, 3, 8])
        #expect(problem.message.contains("UTF-8"))
    }

    @Test("a NUL byte is reported at its byte")
    func nul() throws {
        let problem = try #require(compose(bytes: Array("a: x".utf8) + [0] + Array("y\n".utf8)).problem)
        #expect(lco(problem.span.start) == [0, 4, 4])
        #expect(problem.message == "a NUL byte is not allowed in YAML text")
    }

    @Test("a second document is refused where it starts")
    func twoDocuments() throws {
        let problem = try #require(compose("a: 1\n---\nb: 2\n").problem)
        #expect(problem.kind == .multipleDocuments)
        #expect(problem.span.start.line == 1)
    }

    @Test("nesting beyond the limit stops composition without recursion")
    func depth() throws {
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let problem = try #require(compose(deep).problem)
        #expect(problem.kind == .tooDeep)
        #expect(lco(problem.span.start) == [0, 256, 256])
    }

    @Test("billion laughs is refused at the alias that crosses the expansion limit")
    func billionLaughs() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let problem = try #require(compose(text).problem)
        #expect(problem.kind == .aliasExpansion)
    }

    @Test("an undefined alias is a problem, not a crash")
    func undefinedAlias() throws {
        let problem = try #require(compose("a: *nowhere\n").problem)
        #expect(problem.kind == .undefinedAlias)
        #expect(lco(problem.span.start) == [0, 3, 3])
    }

    @Test("input over the size limit is refused before parsing")
    func tooLarge() throws {
        let problem = try #require(compose("a: 1234567890\n", limits: Limits(maxBytes: 8)).problem)
        #expect(problem.kind == .tooLarge)
    }
}
