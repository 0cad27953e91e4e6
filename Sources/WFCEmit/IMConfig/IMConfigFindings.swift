import WFCLanguage

/// The operator's own IM config (`--im-base`) read as the server reads it, for what would
/// go live unsafe: a vendor default secret (WFC703), the Server API's time check off (WFC704).
/// Values of secret-sounding keys are redacted, so no excerpt shows one.
extension IMConfigBase {
    /// The secrets the vendor's shipped `wildfirechat.conf` prints, with their values there.
    static let vendorDefaultSecrets = [("http.admin.secret_key", "123456"), ("token.key", "testim")]

    /// The file with its secret values redacted, and its findings in line order.
    public static func findings(_ file: SourceFile) -> (source: SourceFile, diagnostics: [Diagnostic]) {
        var source = file
        // Each key's last active line wins, as in the server: (key, value's byte range).
        var last: [(key: String, value: Range<Int>)] = []
        for line in source.lineStarts.indices {
            let bytes = Array(source.lineBytes(line))
            guard case .entry(let key, stops: false) = read(bytes) else { continue }
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
            if SecretMask.isSecretKey(key.utf8) {
                source.redactions.append(Span(start: source.mark(at: start), end: source.mark(at: end)))
            }
            last.removeAll { $0.key == key }
            last.append((key, start..<end))
        }
        var out: [Diagnostic] = []
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
