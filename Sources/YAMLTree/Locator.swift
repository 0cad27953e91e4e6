/// Turns libyaml's character indexes (Unicode scalars from the start of the text, a BOM
/// not counted) into `Mark`s with byte offsets and editor-style lines. libyaml's own
/// line numbers also break at NEL, LS and PS, which editors do not, so lines are counted
/// here. Marks arrive nearly in order, so a cursor walks forward; a step back resumes
/// from the nearest checkpoint, keeping the whole walk linear in the text.
struct Locator {
    /// Where the walk is, in plain integers: the stored `Mark`'s narrow fields are converted
    /// only when a mark is handed out.
    private struct Cursor {
        var index = 0, offset = 0, line = 0, column = 0
        var mark: Mark { Mark(line: line, column: column, offset: offset) }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var cursor: Cursor
    private var checkpoints: [Cursor] = []
    private static let checkpointEvery = 4096

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        cursor = Cursor(offset: bom ? 3 : 0)
        checkpoints.append(cursor)
    }

    /// The mark of the scalar with the given character index (clamped to the text's end).
    mutating func mark(atIndex target: Int) -> Mark {
        if target < cursor.index {
            var lo = 0, hi = checkpoints.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if checkpoints[mid].index <= target { lo = mid } else { hi = mid - 1 }
            }
            cursor = checkpoints[lo]
        }
        while cursor.index < target, cursor.offset < bytes.count {
            // A run of ASCII other than line breaks in one go (a byte is a character is a
            // column: nearly all of a topology), ending at the target or the next checkpoint.
            let run = min(target - cursor.index, Locator.checkpointEvery - cursor.index % Locator.checkpointEvery)
            let limit = min(cursor.offset + run, bytes.count)
            var end = cursor.offset
            while end < limit, bytes[end] < 0x80, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            if end > cursor.offset {
                cursor.index += end - cursor.offset
                cursor.column += end - cursor.offset
                cursor.offset = end
                if cursor.index % Locator.checkpointEvery == 0 { checkpoints.append(cursor) }
                continue
            }
            step()
        }
        return cursor.mark
    }

    /// The mark of the character holding a byte offset, as libyaml's reader reports its
    /// errors (a bad trailing byte is reported at the start of its sequence).
    mutating func mark(atByte offset: Int) -> Mark {
        if offset < cursor.offset {
            cursor = checkpoints[0]
        }
        while cursor.offset < offset, cursor.offset < bytes.count,
            cursor.offset + Locator.width(bytes[cursor.offset]) <= offset
        {
            step()
        }
        return cursor.mark
    }

    private static func width(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        case 0xF0..<0xF8: return 4
        default: return 1
        }
    }

    private mutating func step() {
        let byte = bytes[cursor.offset]
        let width = Locator.width(byte)
        let isBreak =
            byte == 0x0A
            || (byte == 0x0D && !(cursor.offset + 1 < bytes.count && bytes[cursor.offset + 1] == 0x0A))
        cursor.offset = min(cursor.offset + width, bytes.count)
        cursor.index += 1
        if isBreak {
            cursor.line += 1
            cursor.column = 0
        } else {
            cursor.column += 1
        }
        if cursor.index % Locator.checkpointEvery == 0 {
            checkpoints.append(cursor)
        }
    }
}
