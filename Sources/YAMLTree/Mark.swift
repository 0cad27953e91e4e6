/// A position in the source text: 0-based line, 0-based column counted in Unicode
/// scalars, and the 0-based byte offset into the file (a UTF-8 BOM counts as 3 bytes
/// but no column). Lines end at LF, CR or CRLF, as editors count them.
public struct Mark: Hashable, Comparable, Sendable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
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
