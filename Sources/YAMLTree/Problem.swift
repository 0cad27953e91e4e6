/// Why a text could not be turned into one tree. Problems are values: the parser never
/// traps on input, whatever it holds.
public struct YAMLProblem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// libyaml rejected the text (a scanner, parser or reader error).
        case syntax
        /// An alias names an anchor that was never defined.
        case undefinedAlias
        /// A second document in the stream.
        case multipleDocuments
        /// Collections nested deeper than `Limits.maxDepth`.
        case tooDeep
        /// Aliases expand to more nodes than `Limits.maxAliasExpansion`.
        case aliasExpansion
        /// The input is larger than `Limits.maxBytes`.
        case tooLarge
    }

    public var kind: Kind
    public var message: String
    public var span: Span
    /// libyaml's context ("while parsing a flow mapping") and where it started.
    public var context: String?
    public var contextMark: Mark?

    public init(kind: Kind, message: String, span: Span, context: String? = nil, contextMark: Mark? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.context = context
        self.contextMark = contextMark
    }
}

public struct Limits: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int
    public var maxAliasExpansion: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 256, maxAliasExpansion: Int = 10_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let standard = Limits()
}

/// The outcome of composing a stream: at most one root node, and the first problem met.
/// `root` is nil for an empty stream or when a problem stopped composition.
public struct Document: Sendable {
    public var root: Node?
    public var problem: YAMLProblem?
}
