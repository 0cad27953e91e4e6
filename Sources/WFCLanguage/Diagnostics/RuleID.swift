/// A rule's stable identity, its code (`WFC302`): what diagnostics carry, the consequence table
/// and the editor compare, and every report prints. Codes are never reused or renumbered, so a
/// code in a CI log or an editor's quick fix keeps its meaning.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral code: String) { rawValue = code }

    public var description: String { rawValue }

    /// Code order is catalogue order: families by hundreds (WFC1xx mode, WFC2xx addresses…).
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}
