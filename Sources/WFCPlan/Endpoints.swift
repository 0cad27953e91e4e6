import WFCLanguage

/// An address and port a client is told to use (or, for a node's own API, that answers
/// it): what the checklist and `wfc probe` test.
public struct Endpoint: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case http, https, tcp, ws, wss, tls

        /// The check for what clients speak.
        public init(_ p: ClientProtocol) {
            switch p {
            case .http: self = .http
            case .https: self = .https
            case .tcp: self = .tcp
            case .ws: self = .ws
            case .wss: self = .wss
            case .tls: self = .tls
            }
        }
    }

    public var kind: Kind
    public var host: Host
    public var port: Int
    /// The node it reaches; nil for the balanced HTTP(S) entry.
    public var node: String?

    public init(kind: Kind, host: Host, port: Int, node: String?) {
        self.kind = kind
        self.host = host
        self.port = port
        self.node = node
    }

    /// `im.example.com:1883`, `[2001:db8::1]:80`.
    public var authority: String { host.authority(port) }

    /// The URL form for the HTTP-based kinds; a port equal to the scheme's default is left out.
    public var url: String {
        let defaults: [Kind: Int] = [.http: 80, .https: 443, .ws: 80, .wss: 443]
        return "\(kind.rawValue)://\(host.uriHost)\(defaults[kind] == port ? "" : ":\(port)")/"
    }
}

extension Host {
    /// The host as a URL or `host:port` writes it: an IPv6 literal in brackets.
    public var uriHost: String { address?.isIPv6 == true ? "[\(text)]" : text }

    /// `im.example.com:1883`, `[2001:db8::1]:80`.
    public func authority(_ port: Int) -> String { "\(uriHost):\(port)" }
}

extension Plan {
    /// The public address clients enter at: the gateway's, or the single node's.
    public var entryAddress: Host? {
        gateway?.publicAddress.value ?? (mode.value == .single ? nodes.first?.publicAddress?.value : nil)
    }

    /// Where clients enter: HTTP (and HTTPS) on the authorized address, at the gateway or
    /// the single node.
    public var entryEndpoints: [Endpoint] {
        guard let entry = gatewayHost ?? (mode.value == .single ? hosts.first : nil) else { return [] }
        return flows(into: entry).compactMap { f in
            // The route: HTTP or HTTPS on the authorized address, not a node's own port.
            guard f.isFromClients, let host = f.dialed, f.purpose == .http || f.purpose == .https else { return nil }
            return Endpoint(kind: Endpoint.Kind(f.purpose.clientProtocol), host: host, port: f.dialedPort, node: nil)
        }
    }

    /// Each node's own HTTP where clients reach it: its public address in multi-node direct;
    /// its own short-link port on the gateway in single entry.
    public var nodeAPIEndpoints: [Endpoint] {
        return clientFlows.compactMap { f in
            // Without a gateway the node's own HTTP is the entry's; an access point's is the node's.
            guard gateway != nil || hosts[f.host].kind.family == .accessPoint else { return nil }
            // HTTP, and the TLS long link's HTTPS short links on the node's own port.
            let proto = f.purpose.clientProtocol
            guard proto == .http || proto == .https, let host = f.dialed, let node = f.node(in: self) else { return nil }
            return Endpoint(kind: Endpoint.Kind(proto), host: host, port: f.dialedPort, node: node.name)
        }
    }

    /// The TCP short link where native clients dial it: the route at the entry (a gateway's
    /// balanced port, or the single node), then each node's own port.
    public var shortLinkEndpoints: [Endpoint] {
        clientFlows.compactMap { f in
            guard f.purpose.isTCPShortLink, let host = f.dialed else { return nil }
            return Endpoint(kind: .tcp, host: host, port: f.dialedPort, node: f.node(in: self)?.name)
        }
    }

    /// The long-connection, WS and WSS endpoints the route step hands out, node by node.
    public var connectionEndpoints: [Endpoint] {
        var byNode = [[Endpoint]](repeating: [], count: nodes.count)
        for f in clientFlows {
            guard let host = f.dialed, let node = f.node(in: self) else { continue }
            guard f.purpose.isLongLived else { continue }
            let kind = Endpoint.Kind(f.purpose.clientProtocol)
            byNode[node.index].append(Endpoint(kind: kind, host: host, port: f.dialedPort, node: node.name))
        }
        let order: [Endpoint.Kind: Int] = [.tcp: 0, .ws: 1, .wss: 2]
        return byNode.flatMap {
            $0.enumerated().sorted { (order[$0.element.kind] ?? 0, $0.offset) < (order[$1.element.kind] ?? 0, $1.offset) }.map { $0.element }
        }
    }

    /// Ports that must not answer from outside, on every host clients can address: the
    /// internal listeners of a node; on the gateway, which must not forward them either,
    /// the admin and cluster ports.
    public var closedEndpoints: [Endpoint] {
        var out: [Endpoint] = []
        for (i, h) in hosts.enumerated() where h.machine == nil {
            guard let address = h.publicAddress?.value ?? (mode.value == .single ? authorizedAddress.value : nil) else { continue }
            // On the gateway's own host, what only the gateway reaches comes over loopback.
            let besideGateway = gateway?.on.map { $0 == i } ?? false
            let ports =
                h.kind == .gateway
                ? [self.ports.admin.value, self.ports.cluster.value]
                : h.listeners.filter { $0.exposure == .internal || (besideGateway && $0.exposure == .gatewayOnly) }.map { $0.port.value }
            for port in ports {
                out.append(Endpoint(kind: .tcp, host: address, port: port, node: h.name))
            }
        }
        return out
    }

    /// Names that must resolve to an address: each node's own `domain` to its public
    /// address (the entry point's is `entryAddress`).
    public var nodeDomains: [(node: String, domain: Host, address: Host)] {
        nodes.compactMap { n in
            guard let domain = n.domain?.value, let address = n.publicAddress?.value, address.address != nil else { return nil }
            return (n.name.value, domain, address)
        }
    }

    /// The flows clients start, in host order.
    private var clientFlows: [Flow] { flows.filter { $0.isFromClients } }
}
