/// A value with the span it was written at, and the span of its key when it is the value
/// of a mapping entry.
public struct Located<T: Sendable>: Sendable {
    public var value: T
    public var span: Span
    public var keySpan: Span?

    public init(_ value: T, span: Span, keySpan: Span? = nil) {
        self.value = value
        self.span = span
        self.keySpan = keySpan
    }

    /// Where to point when talking about this entry as a whole: from its key to its value.
    public var entrySpan: Span {
        guard let keySpan else { return span }
        return Span(start: keySpan.start, end: span.end)
    }
}

/// A field of the topology: not written, written but rejected (already reported, so no
/// later check may use or re-report it), or written and valid.
public enum Field<T: Sendable>: Sendable {
    case absent
    case invalid
    case present(Located<T>)

    public var located: Located<T>? {
        if case .present(let l) = self { return l }
        return nil
    }

    public var value: T? { located?.value }

    public var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }

    public var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    public func map<U>(_ transform: (Located<T>) -> Field<U>) -> Field<U> {
        switch self {
        case .absent: return .absent
        case .invalid: return .invalid
        case .present(let l): return transform(l)
        }
    }
}

/// A field held behind a reference, for a large value most specs leave out (a node's own
/// `ports` and `tls`, some 900 bytes inline): absent, it takes one word and no allocation.
@propertyWrapper
public struct Boxed<T: Sendable>: Sendable {
    private final class Box: Sendable {
        let field: Field<T>
        init(_ field: Field<T>) { self.field = field }
    }
    private var box: Box?

    public init(wrappedValue: Field<T>) {
        box = wrappedValue.isAbsent ? nil : Box(wrappedValue)
    }

    public var wrappedValue: Field<T> {
        get { box?.field ?? .absent }
        set { box = newValue.isAbsent ? nil : Box(newValue) }
    }
}

/// A port or a range of ports, both ends included: `8083` is 8083...8083.
public struct PortRange: Sendable, Hashable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int? = nil) {
        self.lower = lower
        self.upper = upper ?? lower
    }

    public var isSingle: Bool { lower == upper }
    /// How many ports it holds.
    public var count: Int { upper - lower + 1 }
    /// The last port for a flow or an opening: nil for a single port.
    public var through: Int? { isSingle ? nil : upper }
    public func contains(_ port: Int) -> Bool { lower <= port && port <= upper }

    /// `8083` or `40000-40100`, as written in topology.yaml and by nftables.
    public var description: String { isSingle ? String(lower) : "\(lower)-\(upper)" }
}

/// A secret's value, never printed: its description is a placeholder.
public struct Redacted: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

public enum Secret: Sendable, Hashable, CustomStringConvertible {
    case env(String)
    case file(String)
    case plain(Redacted)

    public var isFile: Bool {
        if case .file = self { return true }
        return false
    }

    /// How plan.json and reports name the secret: its reference, never its value.
    public var description: String {
        switch self {
        case .env(let name): return "env:\(name)"
        case .file(let path): return "file:\(path)"
        case .plain: return "plain:<redacted>"
        }
    }
}

/// A validated mapping: each key of its spec is absent, invalid or present.
public struct Object: Sendable {
    public var span: Span
    /// The keys that are present or invalid, each once, the written ones in the order written.
    /// A list searched in turn, not a table: a mapping holds a few keys (a node's, three), and
    /// a table for each of ten thousand nodes, hashed into for each of its spec's twenty keys,
    /// cost more than the search.
    public var fields: [(key: String, value: Field<Value>)]

    public subscript(key: String) -> Field<Value> {
        // Lengths first: most keys differ in length, and comparing two unequal strings takes
        // the standard library's slow path.
        let length = key.utf8.count
        return fields.first { $0.key.utf8.count == length && $0.key == key }?.value ?? .absent
    }
    public subscript(key: Key) -> Field<Value> { self[key.rawValue] }
}

/// A decoded value, valid for the type its spec gives.
public enum Value: Sendable {
    case integer(Int)
    case boolean(Bool)
    case string(String)
    case host(Host)
    case range(AddressRange)
    case ports(PortRange)
    case secret(Secret)
    case object(Object)
    case list([Field<Value>])
    case portMap([PortMapping])
    /// A `byNode` mapping: each node name with its value, in the order written.
    case byNode([(name: Located<String>, value: Field<Value>)])
}
