import CYAML

/// Composes libyaml's event stream into one `Node` tree with exact spans.
///
/// Composition is iterative (an explicit stack), so no input can exhaust the call stack,
/// and it stops at the first problem: libyaml cannot resume after an error, and a
/// partial tree would only feed later stages half-truths.
public enum Composer {
    public static func compose(_ bytes: [UInt8], limits: Limits = .standard) -> Document {
        if bytes.count > limits.maxBytes {
            return Document(
                root: nil,
                problem: YAMLProblem(
                    kind: .tooLarge,
                    message: "the file is larger than \(limits.maxBytes / (1 << 20)) MiB, the most a topology may be",
                    span: Span(at: .zero)))
        }
        // libyaml would decode UTF-16 after its byte-order mark, but spans count UTF-8 bytes
        // and editors expect the file as it is stored: wfc reads UTF-8 only.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return Document(
                root: nil,
                problem: YAMLProblem(
                    kind: .syntax, message: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
                    span: Span(start: .zero, end: Mark(line: 0, column: 1, offset: 2))))
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var run = Run(bytes: buffer, limits: limits)
            return run.compose()
        }
    }
}

private struct Frame {
    enum Kind { case sequence, mapping }
    var kind: Kind
    var start: Mark
    var tag: Tag?
    var anchor: String?
    /// A sequence's items.
    var items: [Node] = []
    /// A mapping's pairs, each made as its value arrives: gathering the keys and values as
    /// items and pairing them at the end copied every node of every mapping once more.
    var pairs: [Pair] = []
    /// A mapping's key whose value has not arrived yet.
    var key: Node?
    var count = 1
}

private struct Run {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: Limits
    var locator: Locator
    var anchors: [String: Node] = [:]
    var expanded = 0

    init(bytes: UnsafeBufferPointer<UInt8>, limits: Limits) {
        self.bytes = bytes
        self.limits = limits
        locator = Locator(bytes: bytes)
    }

    mutating func compose() -> Document {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return Document(root: nil, problem: YAMLProblem(kind: .syntax, message: "libyaml could not start (out of memory)", span: Span(at: .zero)))
        }
        defer { yaml_parser_delete(&parser) }
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(&parser, base, bytes.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, &empty, 0)
        }

        var stack: [Frame] = []
        var root: Node?
        var documents = 0

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) != 0 else {
                return Document(root: nil, problem: problem(from: parser))
            }
            defer { yaml_event_delete(&event) }
            let span = Span(
                start: locator.mark(atIndex: Int(event.start_mark.index)),
                end: locator.mark(atIndex: Int(event.end_mark.index)))

            var finished: Node?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return Document(root: root, problem: nil)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return Document(
                        root: nil,
                        problem: YAMLProblem(
                            kind: .multipleDocuments,
                            message: "a second document starts here; a topology is one document",
                            span: span))
                }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let explicit = s.tag != nil && s.plain_implicit == 0 && s.quoted_implicit == 0
                let node = Node(
                    content: .scalar(Scalar(value: value, style: style(s.style))),
                    span: span, tag: explicit ? tag(s.tag, span) : nil)
                remember(anchor: s.anchor, node)
                finished = node
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxDepth {
                    return Document(
                        root: nil,
                        problem: YAMLProblem(
                            kind: .tooDeep,
                            message: "collections nest deeper than \(limits.maxDepth) levels",
                            span: span))
                }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let t = isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag
                let implicit = isSequence ? event.data.sequence_start.implicit : event.data.mapping_start.implicit
                let a = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                stack.append(
                    Frame(
                        kind: isSequence ? .sequence : .mapping, start: span.start,
                        tag: t != nil && implicit == 0 ? tag(t, span) : nil,
                        anchor: a.map { String(cString: $0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                let whole = Span(start: frame.start, end: span.end)
                let content: Node.Content
                switch frame.kind {
                case .sequence:
                    content = .sequence(frame.items)
                case .mapping:
                    content = .mapping(frame.pairs)
                }
                let node = Node(content: content, span: whole, tag: frame.tag, count: frame.count)
                if let name = frame.anchor { anchors[name] = node }
                finished = node
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard var node = anchors[name] else {
                    return Document(
                        root: nil,
                        problem: YAMLProblem(
                            kind: .undefinedAlias, message: "the alias `*\(name)` names no anchor defined before it",
                            span: span))
                }
                expanded += node.count
                if expanded > limits.maxAliasExpansion {
                    return Document(
                        root: nil,
                        problem: YAMLProblem(
                            kind: .aliasExpansion,
                            message: "aliases expand to more than \(limits.maxAliasExpansion) nodes",
                            span: span))
                }
                node.aliasOf = node.span
                node.span = span
                finished = node
            default:
                break
            }

            if let node = finished.take() {  // moved, not copied and then released
                if stack.isEmpty {
                    root = node
                } else {
                    let top = stack.count - 1
                    stack[top].count += node.count
                    if stack[top].kind == .sequence {
                        if stack[top].items.isEmpty { stack[top].items.reserveCapacity(4) }
                        stack[top].items.append(node)
                    } else if let key = stack[top].key.take() {
                        // Room for a few at once: a node's mapping of three pairs grew twice.
                        if stack[top].pairs.isEmpty { stack[top].pairs.reserveCapacity(4) }
                        stack[top].pairs.append(Pair(key: key, value: node))
                    } else {
                        stack[top].key = node
                    }
                }
            }
        }
    }

    private mutating func remember(anchor: UnsafeMutablePointer<yaml_char_t>?, _ node: Node) {
        if let anchor { anchors[String(cString: anchor)] = node }
    }

    private func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ span: Span) -> Tag? {
        pointer.map { Tag(name: String(cString: $0), span: span) }
    }

    private func style(_ s: yaml_scalar_style_t) -> ScalarStyle {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private mutating func problem(from parser: yaml_parser_t) -> YAMLProblem {
        let message = parser.problem.map { String(cString: $0) } ?? "the YAML could not be read"
        let context = parser.context.map { String(cString: $0) }
        if parser.error == YAML_READER_ERROR {
            let at = locator.mark(atByte: parser.problem_offset)
            let detail: String
            if parser.problem_value == 0 && message.hasPrefix("control") {
                detail = "a NUL byte is not allowed in YAML text"
            } else if parser.problem_value >= 0 {
                detail = "\(message) (byte 0x\(String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true))); the file must be UTF-8"
            } else {
                detail = message
            }
            return YAMLProblem(
                kind: .syntax, message: detail,
                span: Span(start: at, end: locator.mark(atByte: parser.problem_offset + 1)))
        }
        let at = locator.mark(atIndex: Int(parser.problem_mark.index))
        let contextMark = context == nil ? nil : locator.mark(atIndex: Int(parser.context_mark.index))
        return YAMLProblem(
            kind: .syntax, message: message, span: Span(at: at),
            context: context, contextMark: contextMark)
    }
}
