import WFCCore

/// An open document: its text as the editor has it, and its version.
struct Document {
    var uri: String
    var version: Int
    var bytes: [UInt8]

    var source: SourceFile { SourceFile(path: Document.displayPath(uri), bytes: bytes) }

    /// The file name diagnostics name: the URI's last path segment, percent-decoded.
    static func displayPath(_ uri: String) -> String {
        let path = uri.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri
        return percentDecoded(String(path.split(separator: "/").last ?? "topology.yaml"))
    }

    static func percentDecoded(_ text: String) -> String {
        var out: [UInt8] = []
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether wfc speaks about this document: its name ends in `topology.yaml` (or `.yml`),
    /// or it starts with the wfc schema modeline.
    var isTopology: Bool {
        let name = Document.displayPath(uri)
        if name.hasSuffix("topology.yaml") || name.hasSuffix("topology.yml") { return true }
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        return head.hasPrefix("# yaml-language-server: $schema=") && head.prefix { $0 != "\n" }.contains("topology.schema.json")
    }

    /// The byte offset of an LSP position; positions past a line's end clamp to it.
    func offset(line: Int, character: Int, encoding: PositionEncoding) -> Int {
        let starts = source.lineStarts
        guard line >= 0 else { return 0 }
        guard line < starts.count else { return bytes.count }
        let lineStart = starts[line]
        var end = line + 1 < starts.count ? starts[line + 1] : bytes.count
        while end > lineStart, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        // Clamped before any arithmetic: an editor (or anyone on the pipe) may send any Int.
        if encoding == .utf8 { return lineStart + min(max(0, character), end - lineStart) }
        var units = 0
        var offset = lineStart
        for scalar in String(decoding: bytes[lineStart..<end], as: UTF8.self).unicodeScalars {
            if units >= character { break }
            units += scalar.value > 0xFFFF ? 2 : 1
            offset += scalar.utf8.count
        }
        return min(offset, end)
    }

    /// Applies one `contentChanges` entry: with a range, an incremental edit; without, the
    /// whole text.
    mutating func apply(_ change: JSON, encoding: PositionEncoding) -> Bool {
        guard let text = change["text"]?.stringValue else { return false }
        guard let range = change["range"] else {
            bytes = Array(text.utf8)
            return true
        }
        guard let s = range["start"], let e = range["end"],
            let sl = s["line"]?.intValue, let sc = s["character"]?.intValue,
            let el = e["line"]?.intValue, let ec = e["character"]?.intValue
        else { return false }
        let from = offset(line: sl, character: sc, encoding: encoding)
        let to = max(from, offset(line: el, character: ec, encoding: encoding))
        bytes.replaceSubrange(from..<to, with: Array(text.utf8))
        return true
    }
}
