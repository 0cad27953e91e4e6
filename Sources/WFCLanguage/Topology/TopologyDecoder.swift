/// Validates a YAML tree against the language's specs (`Language`), reporting every
/// WFC002–WFC007 problem and carrying on past it: a rejected value becomes `.invalid`
/// so that no later stage uses or reports it again.
package struct TopologyDecoder {
    let source: SourceFile
    package private(set) var diagnostics: [Diagnostic] = []
    /// Spans of secrets written in plain text, masked in every excerpt.
    package private(set) var redactions: [Span] = []
    /// When output is bounded (`OutputBound`): past one more than it shows of a rule, the
    /// decoder only counts, so a file of 300,000 unknown keys does not hold 300,000 diagnostics.
    let bound: Int?
    private var reported: [RuleID: Int] = [:]
    /// Diagnostics counted but not kept, by code.
    package private(set) var uncounted: [RuleID: Int] = [:]

    package init(source: SourceFile, bound: Int? = nil) {
        self.source = source
        self.bound = bound
    }

    package mutating func decode(_ node: Node, as type: FieldType, name: String, keySpan: Span? = nil) -> Field<Value> {
        if let tag = node.tag {
            let written = source.text(tag.span).prefix { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
            report(
                .unsupportedYAML, "tags are not supported (`\(written)`)", tag.span,
                label: "remove the tag", helps: ["write the value plainly; wfc reads it by its key"])
        }
        func present(_ value: Value) -> Field<Value> { .present(Located(value, span: node.span, keySpan: keySpan)) }
        // A value `wfc import` left for the operator: reported as such, not as a wrong value.
        if let scalar = node.scalar, scalar.value.hasPrefix("<fill in:"), scalar.value.hasSuffix(">") {
            report(
                .importPlaceholder, "`\(name)` is still a placeholder from `wfc import`", node.span,
                label: String(scalar.value.dropFirst("<fill in:".count).dropLast().drop { $0 == " " }),
                helps: ["write the value the files could not say"])
            return .invalid
        }

        switch type {
        case .object(let spec):
            guard case .mapping(let pairs) = node.content else {
                return mismatch(node, expected: type, name: name)
            }
            return present(.object(decodeObject(pairs, span: node.span, spec: spec)))

        case .list(let item, let minCount):
            guard case .sequence(let items) = node.content else {
                return mismatch(node, expected: type, name: name)
            }
            if items.count < minCount {
                report(
                    .invalidValue, "`\(name)` is empty: at least \(minCount) \(minCount == 1 ? "entry is" : "entries are") needed",
                    node.span, label: "empty sequence")
                return .invalid
            }
            return present(.list(items.map { decode($0, as: item, name: name) }))

        case .oneOrList(let item):
            if case .sequence = node.content {
                return decode(node, as: .list(item, minCount: 1), name: name, keySpan: keySpan)
            }
            let single = decode(node, as: item, name: name)
            guard single.located != nil else { return single }
            return present(.list([single]))

        case .wordOrList(let word, let item):
            if case .sequence = node.content {
                return decode(node, as: .list(item, minCount: 1), name: name, keySpan: keySpan)
            }
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if text == word { return present(.string(word)) }
            var fixes: [Fix] = []
            if case .addressRange = item, AddressRange(text) != nil {
                fixes = [.replace(node.span, with: "[\(source.text(node.span))]", "make it a sequence")]
            }
            report(
                .typeMismatch, "expected \(type.expectation) for `\(name)`, found `\(shown(node))`", node.span,
                label: "not `\(word)` and not a sequence",
                helps: fixes.isEmpty ? [] : ["write `[\(source.text(node.span))]`: `\(name)` takes a sequence"],
                fixes: fixes)
            return .invalid

        case .integer(let range):
            guard let value = integerValue(node, name: name) else { return .invalid }
            guard let number = value, range.contains(number) else {
                let what =
                    range.lowerBound == range.upperBound
                    ? "expected `\(range.lowerBound)`"
                    : "expected \(range.lowerBound) to \(range.upperBound)"
                report(.invalidValue, "`\(brief(source.shownText(node.span)))` is out of range for `\(name)`", node.span, label: what)
                return .invalid
            }
            return present(.integer(number))

        case .portRange:
            if let scalar = node.scalar, !node.isNull, let bounds = TopologyDecoder.portBounds(scalar.value) {
                guard let low = bounds.0, let high = bounds.1, Language.portRange.contains(low),
                    Language.portRange.contains(high), low <= high
                else {
                    report(
                        .invalidValue, "`\(brief(scalar.value))` is not a port range for `\(name)`", node.span,
                        label: "expected LOW-HIGH with 1 <= LOW <= HIGH <= 65535")
                    return .invalid
                }
                return present(.ports(PortRange(low, high)))
            }
            switch decode(node, as: .integer(Language.portRange), name: name, keySpan: keySpan) {
            case .present(let l):
                guard case .integer(let port) = l.value else { return .invalid }
                return .present(Located(.ports(PortRange(port)), span: l.span, keySpan: l.keySpan))
            case .absent: return .absent
            case .invalid: return .invalid
            }

        case .boolean:
            guard let scalar = node.scalar, !node.isNull else { return mismatch(node, expected: type, name: name) }
            if let value = coreBoolean(scalar) { return present(.boolean(value)) }
            let truthy = ["yes", "y", "on", "true"], falsy = ["no", "n", "off", "false"]
            let lower = scalar.value.lowercased()
            if scalar.style == .plain, truthy.contains(lower) || falsy.contains(lower) {
                let word = truthy.contains(lower) ? "true" : "false"
                report(
                    .typeMismatch, "expected `true` or `false` for `\(name)`, found `\(scalar.value)`", node.span,
                    label: "not a boolean in YAML 1.2",
                    helps: ["write `\(word)`: YAML 1.1 tools read `\(scalar.value)` as a boolean, YAML 1.2 tools as a string"],
                    fixes: [.replace(node.span, with: word, "write `\(word)`")])
                return .invalid
            }
            return mismatch(node, expected: type, name: name)

        case .choice(let words):
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if words.contains(text) { return present(.string(text)) }
            let guess = Guess(text, among: words)
            report(
                .invalidValue, "`\(brief(text))` is not a valid `\(name)`", node.span,
                label: "expected \(type.expectation)",
                helps: guess.helps, fixes: guess.fixes(at: node.span))
            return .invalid

        case .host, .backupHost:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if let host = Host(text), case .backupHost = type, host.address?.isIPv6 == true {
                report(
                    .invalidValue, "`\(brief(text))` is an IPv6 address, which `\(name)` cannot carry", node.span,
                    label: "IPv6",
                    notes: [
                        "the server reads `server.backup_address` as `HOST:HTTP:TCP:WS`, split at colons; the vendor documents no form "
                            + "(brackets or another) in which an IPv6 address stands there"
                    ],
                    helps: ["give the backup network's IPv4 address, or a DNS name with an A record for it"])
                return .invalid
            }
            if let host = Host(text) { return present(.host(host)) }
            var helps: [String] = []
            var fixes: [Fix] = []
            if let bare = bareHost(text), let host = Host(bare) {
                helps.append("write the host alone: `\(host.text)`")
                fixes.append(.replace(node.span, with: host.text, "write `\(host.text)`"))
            } else {
                helps.append("a host is an IPv4 address (`203.0.113.10`), an IPv6 address (`2001:db8::10`) or a DNS name (`im.example.com`)")
            }
            report(
                .invalidValue, "`\(brief(text))` is not a valid host for `\(name)`", node.span,
                label: "not an IP address or DNS name", helps: helps, fixes: fixes)
            return .invalid

        case .nodeName:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if Grammar.isNodeName(text) { return present(.string(text)) }
            let lowered = String(text.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
            let fix = Grammar.isNodeName(lowered) ? [Fix.replace(node.span, with: lowered, "write `\(lowered)`")] : []
            report(
                .invalidValue, "`\(brief(text))` is not a valid node name", node.span,
                label: "not a node name",
                notes: ["a node name is 1 to 63 lowercase letters, digits and hyphens, starting with a letter"],
                helps: fix.isEmpty ? [] : ["write `\(lowered)`"], fixes: fix)
            return .invalid

        case .identifier:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if Grammar.isIdentifier(text) { return present(.string(text)) }
            report(
                .invalidValue, "`\(brief(text))` is not a valid value for `\(name)`", node.span, label: "not an identifier",
                notes: ["1 to 64 letters, digits, `-`, `_` and `.`: what janus and the IM server match as written"])
            return .invalid

        case .target, .serviceHost:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if Grammar.isNodeName(text) { return present(.string(text)) }
            report(
                .invalidValue, "`\(brief(text))` is not \(type.expectation)", node.span,
                label: "expected \(type.expectation)")
            return .invalid

        case .caller, .destination:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if let range = AddressRange(text) { return present(.range(range)) }
            if Grammar.isNodeName(text) { return present(.string(text)) }
            let caller = if case .caller = type { true } else { false }
            let named = caller ? "a service's name" : "a host's or service's name"
            report(
                .invalidValue, "`\(brief(text))` is neither an address, a CIDR block nor \(named)", node.span,
                label: "expected an address such as `10.0.0.5`, a block such as `10.0.0.0/8`, or "
                    + (caller ? "a service in `services`" : "a node, `gateway` or a service in `services`"))
            return .invalid

        case .addressRange:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            if let range = AddressRange(text) { return present(.range(range)) }
            report(
                .invalidValue, "`\(brief(text))` is not a valid address or CIDR block", node.span,
                label: "expected an address such as `10.0.0.5` or a block such as `10.0.0.0/8`")
            return .invalid

        case .path:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            // Paths are written into nginx, the IM config and the shell commands of CHECKLIST.md:
            // only characters none of them reads as syntax (`$` is a variable in nginx and the
            // shell, `#` a comment, a backtick or `&` a command to a shell).
            if let bad = text.unicodeScalars.first(where: { !Grammar.isPathScalar($0) }) {
                // An `env` name is often the secret itself, pasted in the wrong place: not shown.
                let shown = name == "env" || !bad.isASCII || bad.properties.generalCategory == .control ? "a character" : "`\(bad)`"
                report(
                    .relativePath, "`\(name)` holds \(shown) that nginx, the IM server or a shell would misread", node.span,
                    label: "not a usable path", helps: ["move the file to a path of letters, digits and `/ . _ - +` only"])
                return .invalid
            }
            return present(.string(text))

        case .secret:
            return decodeSecret(node, name: name, keySpan: keySpan)

        case .size:
            guard let text = stringValue(node, expected: type, name: name) else { return .invalid }
            let digits = text.utf8.prefix { isDigit($0) }
            let unit = text.utf8.dropFirst(digits.count)
            guard (1...9).contains(digits.count), unit.count <= 1, unit.allSatisfy({ "kmgKMG".utf8.contains($0) }) else {
                report(
                    .invalidValue, "`\(brief(text))` is not a size for `\(name)`", node.span,
                    label: "expected digits with an optional `k`, `m` or `g`, such as `200m`")
                return .invalid
            }
            // One meaning on every backend is none: nginx reads 0 as "no limit", HAProxy's
            // `content-length gt 0` refuses every body (the route's POST included).
            guard digits.contains(where: { $0 != UInt8(ascii: "0") }) else {
                report(
                    .invalidValue, "`\(brief(text))` is no size for `\(name)`: the gateways read 0 in opposite ways", node.span,
                    label: "a size of 0",
                    notes: [
                        "nginx reads `client_max_body_size 0` as no limit at all; HAProxy's limit of 0 bytes refuses every request with a body, so no client could connect"
                    ],
                    helps: ["give the largest upload the gateway passes, at least the IM server's own limit (`200m` with built-in storage)"])
                return .invalid
            }
            return present(.string(text.lowercased()))

        case .portMap:
            guard case .mapping(let pairs) = node.content else {
                return mismatch(node, expected: type, name: name)
            }
            var entries: [PortMapping] = []
            var firstKey: [Int: Span] = [:]
            var valid = true
            for pair in pairs {
                let outside = decode(pair.key, as: .integer(Language.portRange), name: "\(name) (outside port)")
                let inside = decode(pair.value, as: .integer(Language.portRange), name: "\(name) (inside port)")
                guard let o = outside.located, case .integer(let op) = o.value,
                    let i = inside.located, case .integer(let ip) = i.value
                else { valid = false; continue }
                if let first = firstKey[op] {
                    report(
                        .duplicateKey, "outside port \(op) is mapped twice in `\(name)`", o.span,
                        label: "mapped again here", related: [Label(first, "first mapped here")],
                        helps: ["a router sends one outside port to one inside port: keep one"])
                    valid = false
                    continue
                }
                firstKey[op] = o.span
                entries.append(PortMapping(outside: op, inside: ip, outsideSpan: o.span, insideSpan: i.span))
            }
            return valid ? present(.portMap(entries)) : .invalid

        case .byNode(let item):
            guard case .mapping(let pairs) = node.content else {
                return mismatch(node, expected: type, name: name)
            }
            var entries: [(name: Located<String>, value: Field<Value>)] = []
            var first: [String: Span] = [:]
            for pair in pairs {
                guard let key = decode(pair.key, as: .nodeName, name: "\(name) (node)").located, case .string(let nodeName) = key.value else {
                    continue
                }
                if let earlier = first[nodeName] {
                    report(
                        .duplicateKey, "`\(nodeName)` is given twice in `\(name)`", key.span,
                        label: "given again here", related: [Label(earlier, "first given here")],
                        helps: ["keep one entry per node"])
                    continue
                }
                first[nodeName] = key.span
                entries.append((Located(nodeName, span: key.span), decode(pair.value, as: item, name: "\(name).\(nodeName)", keySpan: key.span)))
            }
            return present(.byNode(entries))
        }
    }

    private mutating func decodeSecret(_ node: Node, name: String, keySpan: Span?) -> Field<Value> {
        switch node.content {
        case .scalar(let scalar) where !node.isNull:
            redactions.append(node.span)
            // The IM server reads its config with Java's readLine: a CR or LF in the value
            // would end the line there and let the rest set any key (docs/domain.md).
            if let why = Grammar.imConfigValueProblem(scalar.value) {
                report(
                    .invalidValue, "`\(name)` \(why), which wildfirechat.conf cannot hold", node.span,
                    label: "this value (not shown)",
                    notes: ["a line break would end the line in wildfirechat.conf and let the rest set another key"],
                    helps: ["write the secret on one line without `#` next to white space, or read it with `{env: NAME}`"])
                return .invalid
            }
            return .present(Located(.secret(.plain(Redacted(value: scalar.value))), span: node.span, keySpan: keySpan))
        case .mapping(let pairs):
            let object = decodeObject(pairs, span: node.span, spec: Language.secretReference)
            let env = object["env"], file = object["file"]
            if env.isInvalid || file.isInvalid { return .invalid }
            switch (env.located, file.located) {
            case (let e?, nil):
                guard case .string(let variable) = e.value, Grammar.isEnvName(variable) else {
                    // Not echoed: a password typed where the variable's name belongs is common.
                    redactions.append(e.span)
                    report(
                        .invalidValue, "the `env` of `\(name)` is not an environment variable name (the value is not shown: it may be the secret itself)",
                        e.span,
                        label: "letters, digits and `_`, not starting with a digit",
                        helps: ["write the variable's name, e.g. `{env: WFC_KEY_STORE_PASSWORD}`, and put the secret in that variable"])
                    return .invalid
                }
                return .present(Located(.secret(.env(variable)), span: node.span, keySpan: keySpan))
            case (nil, let f?):
                guard case .string(let path) = f.value, !path.isEmpty else {
                    report(.invalidValue, "the secret's `file` is empty", f.span, label: "expected a path")
                    return .invalid
                }
                return .present(Located(.secret(.file(path)), span: node.span, keySpan: keySpan))
            case (let e?, let f?):
                report(
                    .invalidValue, "a secret takes `env` or `file`, not both", f.span,
                    label: "second source", related: [Label(e.entrySpan, "first source")])
                return .invalid
            case (nil, nil):
                report(
                    .missingKey, "missing key `env` or `file` in `\(name)`", node.span,
                    label: "this secret names no source",
                    helps: ["write `{env: NAME}` to read it from the environment at build time"])
                return .invalid
            }
        default:
            return mismatch(node, expected: .secret, name: name, secret: true)
        }
    }

    private mutating func decodeObject(_ pairs: [Pair], span: Span, spec: ObjectSpec) -> Object {
        var fields: [(key: String, value: Field<Value>)] = []
        fields.reserveCapacity(pairs.count)
        // Where each key was first written: the spec's keys by their place in it (a node's
        // mapping is decoded ten thousand times, and hashing its keys twice over was a tenth
        // of decoding), the keys it does not know by name.
        var written = [Span?](repeating: nil, count: spec.fields.count)
        var unknownWritten: [String: Span] = [:]
        var suggested: Set<String> = []
        var unknownKeyText: (label: String, keys: String)?
        for pair in pairs {
            guard let key = pair.key.scalar, !pair.key.isNull else {
                let found = pair.key.isNull ? "an empty key" : describe(pair.key)
                report(
                    .typeMismatch, "a key must be a word, found \(found)", pair.key.span,
                    label: "not a key")
                continue
            }
            if pair.key.tag != nil {
                report(
                    .unsupportedYAML, "tags are not supported on keys", pair.key.span,
                    label: "remove the tag")
            }
            let name = key.value
            if key.style == .plain, name == "<<" {
                report(
                    .unsupportedYAML, "merge keys (`<<`) are not supported", pair.key.span,
                    label: "merge key", helps: ["write the merged keys out in this mapping"])
                continue
            }
            let index = spec.fieldIndex(name)
            if let first = index.flatMap({ written[$0] }) ?? unknownWritten[name] {
                report(
                    .duplicateKey, "duplicate key `\(name)` in \(spec.title)", pair.key.span,
                    label: "written again here", related: [Label(first, "first written here")],
                    helps: ["keep one of them: YAML tools disagree on which one wins"])
                continue
            }
            guard let index else {
                unknownWritten[name] = pair.key.span
                let candidates = spec.fields.indices.filter { written[$0] == nil }.map { spec.fields[$0].key }
                let guess = Guess(name, among: candidates)
                if let only = guess.only { suggested.insert(only) }
                // One label and one list of keys per mapping, shared by its unknown keys: a
                // file of 300,000 of them must not hold 300,000 copies.
                if unknownKeyText == nil {
                    unknownKeyText = ("not a key of \(spec.title)", "the keys of \(spec.title) are " + spec.keys.map { "`\($0)`" }.joined(separator: ", "))
                }
                report(
                    .unknownKey, "unknown key `\(brief(name))`", pair.key.span,
                    label: unknownKeyText?.label,
                    notes: guess.only == nil ? [unknownKeyText?.keys ?? ""] : [],
                    helps: guess.helps, fixes: guess.fixes(at: pair.key.span, "rename to", .safe))
                continue
            }
            written[index] = pair.key.span
            fields.append((name, decode(pair.value, as: spec.fields[index].type, name: name, keySpan: pair.key.span)))
        }
        // The spec's fields are read in place: most of a node's keys are not written, and
        // copying each unwritten field's spec was most of this loop.
        for index in spec.fields.indices where written[index] == nil {
            if suggested.contains(spec.fields[index].key) {
                fields.append((spec.fields[index].key, .invalid))
            } else if spec.fields[index].required {
                let field = spec.fields[index]
                let at = pairs.first?.key.span ?? span
                report(
                    .missingKey, "missing key `\(field.key)` in \(spec.title)", at,
                    label: pairs.isEmpty ? "this mapping is empty" : "\(spec.title) starts here",
                    helps: ["add `\(field.key):`: \(field.description)"])
                fields.append((field.key, .invalid))
            }
        }
        return Object(span: span, fields: fields)
    }

    /// The integer a plain scalar spells: nil (reported) when it is no integer at all,
    /// `.some(nil)` when it is one but does not fit in an Int.
    private mutating func integerValue(_ node: Node, name: String) -> Int?? {
        guard let scalar = node.scalar, !node.isNull else {
            _ = mismatch(node, expected: .integer(0...0), name: name)
            return nil
        }
        let digits = scalar.value.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        if scalar.style == .plain, !digits.isEmpty, digits.count + 1 >= scalar.value.utf8.count,
            digits.allSatisfy(isDigit)
        {
            return .some(Int(scalar.value))
        }
        if scalar.style != .plain, let number = Int(scalar.value) {
            report(
                .typeMismatch, "expected an integer for `\(name)`, found the string `\(shown(node))`", node.span,
                label: "a quoted number is a string",
                helps: ["remove the quotes"],
                fixes: [.replace(node.span, with: String(number), "remove the quotes")])
            return nil
        }
        _ = mismatch(node, expected: .integer(0...0), name: name)
        return nil
    }

    /// The text of a scalar that stands for a string; reports anything else.
    private mutating func stringValue(_ node: Node, expected: FieldType, name: String) -> String? {
        guard let scalar = node.scalar, !node.isNull else {
            _ = mismatch(node, expected: expected, name: name)
            return nil
        }
        if coreBoolean(scalar) != nil {
            _ = mismatch(node, expected: expected, name: name)
            return nil
        }
        return scalar.value
    }

    /// `40000-40100` as its two numbers (nil when one does not fit an Int); nil when the text
    /// is not digits, a hyphen and digits.
    static func portBounds(_ text: String) -> (Int?, Int?)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isDigit) }) else { return nil }
        return (Int(parts[0]), Int(parts[1]))
    }

    /// The booleans of the YAML 1.2 core schema: `true`, `True`, `TRUE` and the same for false,
    /// written plain (a quoted `"true"` is a string).
    private func coreBoolean(_ scalar: Scalar) -> Bool? {
        guard scalar.style == .plain else { return nil }
        switch scalar.value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    private mutating func mismatch(_ node: Node, expected: FieldType, name: String, secret: Bool = false) -> Field<Value> {
        let found: String
        if node.isNull || node.scalar == nil || secret {
            found = describe(node)
        } else {
            found = "`\(shown(node))`"
        }
        // `web:true` under `clients:` is one string, not a key: say so.
        let glued = secret || source.isRedacted(node.span) ? nil : node.scalar.flatMap { Grammar.gluedKey($0.value) }
        report(
            .typeMismatch, "expected \(expected.expectation) for `\(name)`, found \(found)", node.span,
            label: "expected \(expected.expectation)",
            helps: glued.map { ["write `\($0.key): \($0.value)`: a key needs a space after its colon"] } ?? [])
        return .invalid
    }

    private func describe(_ node: Node) -> String {
        switch node.content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar: return node.isNull ? "null" : "a scalar"
        }
    }

    /// A value as written, cut at the first line break and at 40 characters.
    private func shown(_ node: Node) -> String {
        brief(String(source.shownText(node.span).prefix { $0 != "\n" && $0 != "\r" }))
    }

    /// `https://im.example.com:443/path` → `im.example.com`, when that is what was meant.
    private func bareHost(_ text: String) -> String? {
        var rest = Substring(text)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: rest.startIndex)..<close]
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") {
            rest = rest[..<colon]
        }
        return rest == Substring(text) ? nil : String(rest)
    }

    private mutating func report(
        _ rule: Rule, _ message: String, _ span: Span, label: String? = nil,
        related: [Label] = [], notes: [String] = [], helps: [String] = [], fixes: [Fix] = []
    ) {
        if let bound {
            let n = reported[rule.code, default: 0]
            guard n <= bound else {
                uncounted[rule.code, default: 0] += 1
                return
            }
            reported[rule.code] = n + 1
        }
        diagnostics.append(
            Diagnostic(
                rule: rule, message: message, span: span, label: label,
                related: related, notes: notes, helps: helps, fixes: fixes))
    }
}

/// A value as messages quote it: at most 40 characters, so a 2 MB value makes a short message.
func brief(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(40)) + "…" : text
}
