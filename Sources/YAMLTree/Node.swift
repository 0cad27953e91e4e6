/// How a scalar was written; wfc uses it to tell `80` (an integer) from `"80"` (a string).
public enum ScalarStyle: String, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

public struct Scalar: Hashable, Sendable {
    public var value: String
    public var style: ScalarStyle

    public init(value: String, style: ScalarStyle) {
        self.value = value
        self.style = style
    }
}

/// An explicit tag such as `!!str` together with where it was written.
public struct Tag: Hashable, Sendable {
    public var name: String
    public var span: Span
}

/// One key/value pair of a mapping, in source order. Keys stay nodes so that a
/// non-scalar key can be reported where it stands.
public struct Pair: Sendable {
    public var key: Node
    public var value: Node
}

/// A composed YAML node with the span it was written at. A node reached through an
/// alias is a copy of the anchored node whose own span is the alias.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public var content: Content
    public var span: Span
    public var tag: Tag?
    /// Where the anchored original stands when this node came from an alias.
    public var aliasOf: Span?
    /// Nodes in this subtree, itself included; bounds alias expansion.
    public var count: Int

    public init(content: Content, span: Span, tag: Tag? = nil, aliasOf: Span? = nil, count: Int = 1) {
        self.content = content
        self.span = span
        self.tag = tag
        self.aliasOf = aliasOf
        self.count = count
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null` in any common case.
    public var isNull: Bool {
        guard case .scalar(let s) = content, s.style == .plain else { return false }
        return s.value.isEmpty || s.value == "~" || s.value == "null" || s.value == "Null" || s.value == "NULL"
    }
}
