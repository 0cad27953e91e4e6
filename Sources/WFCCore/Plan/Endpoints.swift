/// An address and port a client is told to use (or, for a node's own API, that answers
/// it): what the checklist and `wfc probe` test.
public struct Endpoint: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case http, https, tcp, ws, wss
    }

    public var kind: Kind
    public var host: Host
    public var port: Int
    /// The node it reaches; nil for the balanced HTTP(S) entry.
    public var node: String?

    /// `im.example.com:1883`, `[2001:db8::1]:80`.
    public var authority: String {
        host.address?.isIPv6 == true ? "[\(host.text)]:\(port)" : "\(host.text):\(port)"
    }

    /// The URL form for the HTTP-based kinds; a port equal to the scheme's default is left out.
    public var url: String {
        let defaults: [Kind: Int] = [.http: 80, .https: 443, .ws: 80, .wss: 443]
        let h = host.address?.isIPv6 == true ? "[\(host.text)]" : host.text
        return "\(kind.rawValue)://\(h)\(defaults[kind] == port ? "" : ":\(port)")/"
    }
}

extension Plan {
    /// Where clients enter: HTTP (and HTTPS) on the authorized address.
    public var entryEndpoints: [Endpoint] {
        var out = [Endpoint(kind: .http, host: authorizedAddress.value, port: ports.http.value, node: nil)]
        if https { out.append(Endpoint(kind: .https, host: authorizedAddress.value, port: ports.https.value, node: nil)) }
        return out
    }

    /// Each node's own HTTP where the mode exposes it to clients: its public address in
    /// multi-node direct; its own port on the authorized address in single entry (short links).
    public var nodeAPIEndpoints: [Endpoint] {
        switch mode.value {
        case .multiNode:
            return nodes.compactMap { n in
                n.publicAddress.map { Endpoint(kind: .http, host: $0.value, port: ports.http.value, node: n.name.value) }
            }
        case .singleEntry:
            return nodes.filter { $0.http.value != ports.http.value }.map {
                Endpoint(kind: .http, host: authorizedAddress.value, port: $0.http.value, node: $0.name.value)
            }
        case .single:
            return []
        }
    }

    /// The long-connection, WS and WSS endpoints the route step hands out, per node.
    public var connectionEndpoints: [Endpoint] {
        let authorized = authorizedAddress.value
        var out: [Endpoint] = []
        for n in nodes {
            let name = n.name.value
            let own = mode.value == .multiNode ? n.publicAddress?.value : authorized
            guard let own else { continue }
            if native { out.append(Endpoint(kind: .tcp, host: own, port: n.tcp.value, node: name)) }
            guard web else { continue }
            switch mode.value {
            case .single:
                out.append(Endpoint(kind: .ws, host: authorized, port: n.websocket.value, node: name))
                if https { out.append(Endpoint(kind: .wss, host: authorized, port: ports.secureWebsocket.value, node: name)) }
            case .multiNode:
                if https {
                    if let p = n.websocketProxyPort { out.append(Endpoint(kind: .ws, host: authorized, port: p.value, node: name)) }
                    if let p = n.websocketProxySecurePort { out.append(Endpoint(kind: .wss, host: authorized, port: p.value, node: name)) }
                } else {
                    out.append(Endpoint(kind: .ws, host: own, port: n.websocket.value, node: name))
                }
            case .singleEntry:
                out.append(Endpoint(kind: .ws, host: authorized, port: n.websocketProxyPort?.value ?? n.websocket.value, node: name))
                if https, let p = n.websocketProxySecurePort {
                    out.append(Endpoint(kind: .wss, host: authorized, port: p.value, node: name))
                }
            }
        }
        return out
    }

    /// Ports that must not answer from outside, on every host clients can address.
    public var closedEndpoints: [Endpoint] {
        var out: [Endpoint] = []
        for h in hosts {
            guard let address = h.publicAddress?.value ?? (mode.value == .single ? authorizedAddress.value : nil) else { continue }
            // The gateway must not forward them either.
            let ports = h.kind == .gateway
                ? [self.ports.admin.value, self.ports.cluster.value]
                : h.listeners.filter { $0.exposure == .internal }.map(\.port.value)
            for port in ports {
                out.append(Endpoint(kind: .tcp, host: address, port: port, node: h.name))
            }
        }
        return out
    }
}
