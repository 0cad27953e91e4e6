/// A position in the source text: 0-based line, 0-based column counted in Unicode
/// scalars, and the 0-based byte offset into the file (a UTF-8 BOM counts as 3 bytes
/// but no column). Lines end at LF, CR or CRLF, as editors count them.
///
/// Stored in 32 bits each (a file wfc reads is bounded far below 2 GiB by `Limits`): every
/// value of the topology carries two spans, and at 64 bits they were most of a node's bytes,
/// copied with it through the plan and the checks.
public struct Mark: Hashable, Comparable, Sendable {
    private var storedLine: Int32
    private var storedColumn: Int32
    private var storedOffset: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedOffset = Int32(clamping: offset)
    }

    public static let zero = Mark(line: 0, column: 0, offset: 0)

    public static func < (lhs: Mark, rhs: Mark) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open range of source text: `end` is the first position after it.
public struct Span: Hashable, Comparable, Sendable {
    public var start: Mark
    public var end: Mark

    public init(start: Mark, end: Mark) {
        self.start = start
        self.end = end
    }

    public init(at mark: Mark) {
        self.init(start: mark, end: mark)
    }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
