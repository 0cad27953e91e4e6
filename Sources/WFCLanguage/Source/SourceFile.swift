@_exported import YAMLTree

/// One input file: its name as the user gave it, its bytes, and a line index. Spans are
/// 0-based internally; reporters convert them through this type.
public struct SourceFile: Sendable {
    /// The name shown in diagnostics (relative as given on the command line).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first character of every line (after a BOM on line 0).
    public let lineStarts: [Int]
    /// Spans whose text is a secret: excerpts print them masked.
    public var redactions: [Span] = []

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The bytes of a line without its line break.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 0, line < lineStarts.count else { return [] }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    /// A line's text, with redacted spans masked by `*` and tabs kept.
    public func lineText(_ line: Int) -> String {
        var slice = Array(lineBytes(line))
        let start = line < lineStarts.count ? lineStarts[line] : 0
        for span in redactions where span.start.line <= line && span.end.line >= line {
            let from = span.start.line == line ? span.start.offset - start : 0
            let to = span.end.line == line ? span.end.offset - start : slice.count
            if from < to, from >= 0, to <= slice.count {
                // One `*` per character keeps the carets under the masked value.
                let characters = String(decoding: slice[from..<to], as: UTF8.self).unicodeScalars.count
                slice.replaceSubrange(from..<to, with: [UInt8](repeating: UInt8(ascii: "*"), count: characters))
            }
        }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The column of a mark in UTF-16 code units, as LSP counts.
    public func utf16Column(_ mark: Mark) -> Int {
        guard mark.line < lineStarts.count else { return mark.column }
        let start = lineStarts[mark.line]
        let end = min(max(mark.offset, start), bytes.count)
        var units = 0
        for scalar in String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars {
            units += scalar.value > 0xFFFF ? 2 : 1
        }
        return units
    }

    /// The source text covered by a span (for messages that name a value).
    public func text(_ span: Span) -> String {
        let from = max(0, min(span.start.offset, bytes.count))
        let to = max(from, min(span.end.offset, bytes.count))
        return String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// The text of a span as a message may quote it: `<redacted>` when a secret may be in it.
    public func shownText(_ span: Span) -> String {
        isRedacted(span) ? "<redacted>" : text(span)
    }

    /// Whether a span overlaps text that may be a secret.
    public func isRedacted(_ span: Span) -> Bool {
        redactions.contains { $0.start.offset < max(span.end.offset, span.start.offset + 1) && span.start.offset < $0.end.offset }
    }

    /// The mark of a byte offset: its line (by binary search) and its column in scalars.
    public func mark(at offset: Int) -> Mark {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = min(lineStarts[lo], offset)
        return Mark(line: lo, column: String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count, offset: offset)
    }

    /// The mark just past the last character of the file.
    public var endMark: Mark {
        let last = lineStarts.count - 1
        let tail = String(decoding: bytes[lineStarts[last]...], as: UTF8.self)
        return Mark(line: last, column: tail.unicodeScalars.count, offset: bytes.count)
    }
}
