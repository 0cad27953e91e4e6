import WFCLanguage

/// The operator's own IM config (`--im-base`) read as the server reads it, for what would
/// go live unsafe: a vendor default secret (WFC703), the Server API's time check off (WFC704).
/// Values of secret-sounding keys are redacted, so no excerpt shows one.
extension IMConfigBase {
    /// The secrets the vendor's shipped `wildfirechat.conf` prints, with their values there.
    static let vendorDefaultSecrets = [("http.admin.secret_key", "123456"), ("token.key", "testim")]

    /// The file with its secret values redacted, and its findings in line order. A line the
    /// server stops at is WFC702, unless it sets one of `replacing`, which `--im-base`
    /// rewrites whole (an import replaces none).
    public static func findings(_ file: SourceFile, replacing: Set<String> = []) -> (source: SourceFile, diagnostics: [Diagnostic]) {
        var source = file
        var stop: (line: Int, dropped: [String])?
        // Each key's last active line wins, as in the server: (key, value's byte range).
        var last: [(key: String, value: Range<Int>)] = []
        for line in source.lineStarts.indices {
            let bytes = Array(source.lineBytes(line))
            guard case .entry(let key, let stops) = read(bytes) else { continue }
            // The value: after the first space past the key, trimmed (offsets in the file). A
            // key alone sets the empty value, which wins over an earlier line all the same.
            let lineStart = source.lineStarts[line]
            var start = lineStart + bytes.count, end = start
            if let keyStart = bytes.firstIndex(where: { $0 > 0x20 }),
                let space = bytes[keyStart...].firstIndex(of: UInt8(ascii: " ")),
                let first = bytes[space...].firstIndex(where: { $0 > 0x20 }),
                let lastByte = bytes.lastIndex(where: { $0 > 0x20 })
            {
                start = lineStart + first
                end = lineStart + lastByte + 1
            }
            // Every secret's value is masked, on the lines the server drops too.
            if SecretMask.isSecretKey(key.utf8) {
                source.redactions.append(Span(start: source.mark(at: start), end: source.mark(at: end)))
            }
            if stop != nil {
                stop?.dropped.append(key)
                continue
            }
            if stops {
                if !replacing.contains(key) { stop = (line, []) }
                continue
            }
            last.removeAll { $0.key == key }
            last.append((key, start..<end))
        }
        var out: [Diagnostic] = []
        if let stop {
            let bytes = source.lineBytes(stop.line)
            let first = bytes.firstIndex { $0 > 0x20 } ?? bytes.startIndex, last = bytes.lastIndex { $0 > 0x20 } ?? bytes.startIndex
            let start = source.lineStarts[stop.line] + (first - bytes.startIndex), end = source.lineStarts[stop.line] + (last - bytes.startIndex) + 1
            let lost = stop.dropped
            out.append(
                Rule.droppedConfigLines.diagnostic(
                    "the IM server stops reading here: "
                        + (lost.isEmpty
                            ? "no setting follows, but any added later would be lost"
                            : "\(lost.count) later setting\(lost.count == 1 ? " is" : "s are") never read"),
                    at: Span(start: source.mark(at: start), end: source.mark(at: end)),
                    label: "a `#` on a line that is not exactly two words",
                    notes: lost.isEmpty ? [] : ["lost: " + lost.prefix(8).map { "`\($0)`" }.joined(separator: ", ") + (lost.count > 8 ? ", …" : "")],
                    helps: ["move the comment to a line of its own"]))
        }
        for (key, range) in last.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
            let span = Span(start: source.mark(at: range.lowerBound), end: source.mark(at: range.upperBound))
            let value = Array(source.bytes[range])
            if let vendor = vendorDefaultSecrets.first(where: { $0.0 == key }), value == Array(vendor.1.utf8) {
                out.append(
                    Rule.defaultSecret.diagnostic(
                        "`\(key)` is still the vendor's default", at: span, label: "the value in the vendor's public config file",
                        notes: [
                            key == "token.key"
                                ? "anyone who has the vendor's config can mint IM tokens for any user"
                                : "anyone who reaches the Server API can sign calls to it"
                        ],
                        helps: ["set a long random value (`openssl rand -hex 24`), the same on every node; the app server needs the new Server API key too"]))
            } else if key == "http.admin.no_check_time", value == Array("true".utf8) {
                out.append(
                    Rule.adminCheckOff.diagnostic(
                        "`http.admin.no_check_time true`: signed Server API requests are accepted at any time", at: span,
                        label: "a captured request can be replayed",
                        helps: ["set `http.admin.no_check_time false` before going live (the vendor's launch checklist, item 14)"]))
            }
        }
        return (source, out)
    }
}
