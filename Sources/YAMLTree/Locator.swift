/// Turns libyaml's character indexes (Unicode scalars from the start of the text, a BOM
/// not counted) into `Mark`s with byte offsets and editor-style lines. libyaml's own
/// line numbers also break at NEL, LS and PS, which editors do not, so lines are counted
/// here. Marks arrive nearly in order, so a cursor walks forward; a step back resumes
/// from the nearest checkpoint, keeping the whole walk linear in the text.
struct Locator {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var mark: Mark
    private var checkpoints: [(index: Int, mark: Mark)] = []
    private static let checkpointEvery = 4096

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        mark = Mark(line: 0, column: 0, offset: bom ? 3 : 0)
        checkpoints.append((0, mark))
    }

    /// The mark of the scalar with the given character index (clamped to the text's end).
    mutating func mark(atIndex target: Int) -> Mark {
        if target < index {
            var lo = 0, hi = checkpoints.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if checkpoints[mid].index <= target { lo = mid } else { hi = mid - 1 }
            }
            (index, mark) = checkpoints[lo]
        }
        while index < target, mark.offset < bytes.count {
            step()
        }
        return mark
    }

    /// The mark of the character holding a byte offset, as libyaml's reader reports its
    /// errors (a bad trailing byte is reported at the start of its sequence).
    mutating func mark(atByte offset: Int) -> Mark {
        if offset < mark.offset {
            (index, mark) = checkpoints[0]
        }
        while mark.offset < offset, mark.offset < bytes.count,
            mark.offset + Locator.width(bytes[mark.offset]) <= offset
        {
            step()
        }
        return mark
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
        let byte = bytes[mark.offset]
        let width = Locator.width(byte)
        let isBreak =
            byte == 0x0A
            || (byte == 0x0D && !(mark.offset + 1 < bytes.count && bytes[mark.offset + 1] == 0x0A))
        mark.offset = min(mark.offset + width, bytes.count)
        index += 1
        if isBreak {
            mark.line += 1
            mark.column = 0
        } else {
            mark.column += 1
        }
        if index % Locator.checkpointEvery == 0 {
            checkpoints.append((index, mark))
        }
    }
}
