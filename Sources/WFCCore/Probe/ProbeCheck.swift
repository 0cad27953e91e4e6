/// One check `wfc probe` makes against a live deployment, derived from the plan's endpoints:
/// the same list CHECKLIST.md gives an operator.
public struct ProbeCheck: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// `GET /api/version` answers 200 with a JSON object (over TLS for https, which also
        /// proves the certificate is valid for the host).
        case api
        /// A TCP connect to a long-connection port succeeds.
        case tcp
        /// A WebSocket upgrade answers 101 (over TLS for wss).
        case websocket
        /// A port that must not be reachable from outside: the connect must fail.
        case closed
    }

    public var kind: Kind
    public var endpoint: Endpoint

    /// `api http://im.example.com/api/version`, `tcp node1 im.example.com:1883`.
    public var title: String {
        switch kind {
        case .api: return "api \(endpoint.url)api/version" + (endpoint.node.map { " (\($0))" } ?? "")
        case .tcp: return "tcp \(endpoint.node ?? "") \(endpoint.authority)"
        case .websocket: return "\(endpoint.kind.rawValue) \(endpoint.node ?? "") \(endpoint.url)"
        case .closed: return "closed \(endpoint.node ?? "") \(endpoint.authority)"
        }
    }

    public var usesTLS: Bool { endpoint.kind == .https || endpoint.kind == .wss }
}

extension Plan {
    /// Every check of CHECKLIST.md section 3, in its order.
    public var probeChecks: [ProbeCheck] {
        var out = entryEndpoints.map { ProbeCheck(kind: .api, endpoint: $0) }
        out += nodeAPIEndpoints.map { ProbeCheck(kind: .api, endpoint: $0) }
        for e in connectionEndpoints {
            out.append(ProbeCheck(kind: e.kind == .tcp ? .tcp : .websocket, endpoint: e))
        }
        out += closedEndpoints.map { ProbeCheck(kind: .closed, endpoint: $0) }
        return out
    }
}
