import WFCLanguage

/// What kind of address a literal is, for WFC202 (can clients dial it?) and WFC502 (is a
/// source range public?). Table-driven: the first block that contains the address wins.
public enum AddressClass: String, Sendable {
    case global = "public"
    case `private` = "private"
    case shared = "shared (carrier-grade NAT)"
    case loopback
    case linkLocal = "link-local"
    case unspecified
    case documentation
    case multicast
    case broadcast

    struct Block {
        let network: IPAddress
        let prefix: Int
        let kind: AddressClass
    }

    static let blocks: [Block] = [
        ("0.0.0.0", 8, .unspecified), ("10.0.0.0", 8, .private), ("100.64.0.0", 10, .shared),
        ("127.0.0.0", 8, .loopback), ("169.254.0.0", 16, .linkLocal), ("172.16.0.0", 12, .private),
        ("192.0.2.0", 24, .documentation), ("192.168.0.0", 16, .private), ("198.51.100.0", 24, .documentation),
        ("203.0.113.0", 24, .documentation), ("224.0.0.0", 4, .multicast), ("255.255.255.255", 32, .broadcast),
        ("::", 128, .unspecified), ("::1", 128, .loopback), ("fc00::", 7, .private), ("fe80::", 10, .linkLocal),
        ("2001:db8::", 32, .documentation), ("ff00::", 8, .multicast)
    ].compactMap { text, prefix, kind in IPAddress(text).map { Block(network: $0, prefix: prefix, kind: kind) } }

    public init(_ address: IPAddress) {
        // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries.
        if let v4 = address.mappedIPv4 {
            self.init(v4)
            return
        }
        self = AddressClass.blocks.first { address.matches($0.network, prefix: $0.prefix) }?.kind ?? .global
    }

    /// The class every address of a range shares, or nil when the range spans several.
    public init?(range: AddressRange) {
        let containing = AddressClass.blocks.first {
            range.prefix >= $0.prefix && range.address.matches($0.network, prefix: $0.prefix)
        }
        if let containing {
            self = containing.kind
        } else if AddressClass.blocks.contains(where: { $0.prefix > range.prefix && $0.network.matches(range.address, prefix: range.prefix) }) {
            return nil
        } else {
            self = .global
        }
    }

    /// Whether clients on the given network can dial an address of this class.
    public func isDialable(on network: Network) -> Bool {
        switch self {
        case .global, .documentation: return true
        case .private, .shared: return network == .intranet
        case .loopback, .linkLocal, .unspecified, .multicast, .broadcast: return false
        }
    }

    /// Whether an address of this class is inside the organisation (not the internet).
    public var isInternal: Bool {
        switch self {
        case .private, .shared, .loopback, .linkLocal: return true
        case .global, .documentation, .unspecified, .multicast, .broadcast: return false
        }
    }
}
