/// The shapes a value of topology.yaml can take. The decoder validates against these and
/// `wfc schema` describes them: the language is defined once, here and in `Language.swift`.
public indirect enum FieldType: Sendable {
    case integer(ClosedRange<Int>)
    case boolean
    /// One of a fixed set of words.
    case choice([String])
    /// An IPv4 or IPv6 literal, or a DNS name.
    case host
    /// An IPv4 literal or a DNS name: `server.backup_address` is `HOST:HTTP:TCP:WS`, and the
    /// vendor documents no form in which an IPv6 address's colons stand there.
    case backupHost
    /// A node name: lowercase letters, digits and hyphens, starting with a letter.
    case nodeName
    /// An id another program matches as written (janus's `client_id`, a network interface): 1 to
    /// 64 letters, digits, `-`, `_` and `.`.
    case identifier
    /// A filesystem path (absolute-ness is a check of its own, WFC405).
    case path
    /// `{env: NAME}`, `{file: PATH}` or a plain string.
    case secret
    /// An IPv4/IPv6 address or CIDR block.
    case addressRange
    /// `nodes`, `gateway`, `all` or a node name.
    case target
    /// One host: `gateway` or a node name (a service runs on one machine).
    case serviceHost
    /// An IPv4/IPv6 address or CIDR block, or a service's name.
    case caller
    /// Where outbound traffic may go: an IPv4/IPv6 address or CIDR block, or the name of a
    /// host (a node, `gateway`) or a service.
    case destination
    /// A port, or a range of ports written `LOW-HIGH` (a relay's `40000-40100`).
    case portRange
    /// A mapping of ports to ports (`{80: 8080, 1883: 1883}`).
    case portMap
    /// A mapping from node names to values of the item type (`access_points[].ports`:
    /// `{node1: {http: 81, …}}`): one entry per node, keyed so that no entry can name two.
    case byNode(FieldType)
    /// A size as nginx writes it: digits with an optional `k`, `m` or `g` (`200m`).
    case size
    case object(ObjectSpec)
    case list(FieldType, minCount: Int)
    /// A single value or a sequence of them.
    case oneOrList(FieldType)
    /// A fixed word (such as `any`) or a sequence of the item type.
    case wordOrList(String, FieldType)

    /// The mapping a value of this type is, or the items of its list are: where the keys
    /// below it are specified. A secret's `{env:}`/`{file:}` form is not counted here.
    public var objectSpec: ObjectSpec? {
        switch self {
        case .object(let spec): return spec
        case .list(let item, _), .oneOrList(let item), .wordOrList(_, let item), .byNode(let item): return item.objectSpec
        default: return nil
        }
    }

    /// How a message names what was expected.
    public var expectation: String {
        switch self {
        case .integer: return "an integer"
        case .boolean: return "`true` or `false`"
        case .choice(let words): return "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
        case .host: return "a host (an IPv4 or IPv6 address, or a DNS name)"
        case .backupHost: return "an IPv4 address or a DNS name"
        case .nodeName: return "a node name"
        case .identifier: return "an identifier (letters, digits, `-`, `_`, `.`)"
        case .path: return "a path"
        case .secret: return "`{env: NAME}`, `{file: PATH}` or a string"
        case .addressRange: return "an IPv4/IPv6 address or CIDR block"
        case .target: return "`nodes`, `gateway`, `all` or a host's name"
        case .serviceHost: return "`gateway` or a node name"
        case .caller: return "an IPv4/IPv6 address or CIDR block, or a service's name"
        case .destination: return "an IPv4/IPv6 address or CIDR block, or a host's or service's name"
        case .portRange: return "a port or a range `LOW-HIGH`"
        case .portMap: return "a mapping of ports to ports"
        case .byNode: return "a mapping of node names"
        case .size: return "a size such as `200m`"
        case .object: return "a mapping"
        case .list: return "a sequence"
        case .oneOrList(let item): return "\(item.expectation), or a sequence of them"
        case .wordOrList(let word, _): return "`\(word)` or a sequence"
        }
    }
}

/// A field's default, typed: the schema publishes plain values; a described default (a
/// node's position) is for people only.
public enum DefaultValue: Sendable, CustomStringConvertible {
    case integer(Int)
    case boolean(Bool)
    case word(String)
    case described(String)

    public var description: String {
        switch self {
        case .integer(let n): return String(n)
        case .boolean(let b): return String(b)
        case .word(let w), .described(let w): return w
        }
    }
}

public struct FieldSpec: Sendable {
    public var key: String
    public var type: FieldType
    public var required: Bool
    public var description: String
    public var defaultValue: DefaultValue?

    public init(
        _ key: Key, _ type: FieldType, required: Bool = false, default defaultValue: DefaultValue? = nil,
        _ description: String
    ) {
        self.key = key.rawValue
        self.type = type
        self.required = required
        self.description = description
        self.defaultValue = defaultValue
    }
}

public struct ObjectSpec: Sendable {
    /// How messages name a mapping of this kind ("the topology", "`clients`", "a node").
    public var title: String
    public var fields: [FieldSpec]

    public init(_ title: String, _ fields: [FieldSpec]) {
        self.title = title
        self.fields = fields
    }

    public func field(_ key: String) -> FieldSpec? {
        fieldIndex(key).map { fields[$0] }
    }

    public func fieldIndex(_ key: String) -> Int? {
        fields.firstIndex { $0.key == key }
    }

    public var keys: [String] { fields.map { $0.key } }

    /// The keys, at any depth below this mapping, whose values are secrets.
    public var secretKeys: Set<String> {
        fields.reduce(into: []) { keys, f in
            if case .secret = f.type { keys.insert(f.key) }
            if let inner = f.type.objectSpec { keys.formUnion(inner.secretKeys) }
        }
    }
}
