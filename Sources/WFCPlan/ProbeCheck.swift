import WFCLanguage

/// One check `wfc probe` makes against a live deployment, derived from the plan's endpoints:
/// the same list CHECKLIST.md gives an operator.
public struct ProbeCheck: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// The authorized address resolves to the entry point (CHECKLIST step 1).
        case dns
        /// `GET /api/version` answers 200 with a JSON object (over TLS for https, which also
        /// proves the certificate is valid for the host), the same object on every node.
        case api
        /// A TCP connect to a long-connection port succeeds.
        case tcp
        /// A TCP connect to a TCP short-link port succeeds (the vendor's protocol has no
        /// published request to send).
        case shortLink = "short-link"
        /// A TLS long link (`ssl_port`): the TLS handshake succeeds with a certificate valid for
        /// the name clients dial and trusted.
        case tls
        /// A WebSocket upgrade answers 101 (over TLS for wss), on `/` or the web SDK's `/ws`.
        case websocket
        /// A port that must not be reachable from outside: the connect must fail while the
        /// host answers elsewhere.
        case closed
        /// The vendor's app server: `GET /` answers 200 `Ok` (its `AppController`).
        case appServer = "app"
        /// A TURN server answers a STUN Binding request over UDP with the client's mapped address.
        case stun
        /// A TCP connect to a TURN server's port succeeds.
        case turn
        /// A TURN Allocate with the topology's credentials gives a relayed address that is the
        /// public one (`expected`), and a datagram sent to it comes back through the relay range;
        /// `behindRelay`, the private one, which only janus reaches.
        case relay
        /// A media server's RTP range over UDP: unprovable without a peer that answers, so
        /// always skipped, with the vendor's `nc -u` procedure. It knocks on `answerPort`
        /// (SSH): a host with only UDP to offer must still show it is up, or its closed ports
        /// would be inconclusive.
        case media
    }

    public var kind: Kind
    public var endpoint: Endpoint
    /// `dns`: the address the name must resolve to; `relay`: the relayed address; `media`:
    /// the address janus announces (`DOCKER_IP`), where UDP is tried.
    public var expected: Host?
    /// `media`: a TCP port the host answers on (its SSH port).
    public var answerPort: Int?
    /// `relay` and `media` with `calls.relay`: the TURN servers relay to janus on their LAN,
    /// where no client sends (the relay range and janus are private).
    public var behindRelay = false

    public init(kind: Kind, endpoint: Endpoint, expected: Host? = nil, answerPort: Int? = nil, behindRelay: Bool = false) {
        self.kind = kind
        self.endpoint = endpoint
        self.expected = expected
        self.answerPort = answerPort
        self.behindRelay = behindRelay
    }

    /// `api http://im.example.com/api/version`, `tcp node1 im.example.com:1883`.
    public var title: String {
        switch kind {
        case .dns: return "dns \(endpoint.host.text) -> \(expected?.text ?? "")"
        case .api: return "api \(endpoint.url)api/version" + (endpoint.node.map { " (\($0))" } ?? "")
        case .tcp: return "tcp \(endpoint.node ?? "") \(endpoint.authority)"
        case .tls: return "tls \(endpoint.node ?? "") \(endpoint.authority)"
        case .shortLink: return "short-link \(endpoint.node ?? "route") \(endpoint.authority)"
        case .websocket: return "\(endpoint.kind.rawValue) \(endpoint.node ?? "") \(endpoint.url)"
        case .closed: return "closed \(endpoint.node ?? "") \(endpoint.authority)"
        case .appServer: return "app \(endpoint.url)"
        case .stun: return "stun \(endpoint.node ?? "") \(endpoint.authority)/udp"
        case .turn: return "turn \(endpoint.node ?? "") \(endpoint.authority)/tcp"
        case .relay: return "relay \(endpoint.node ?? "") \(endpoint.authority)/udp"
        case .media: return "media \(endpoint.node ?? "") \(endpoint.authority)/udp"
        }
    }

    public var usesTLS: Bool { endpoint.kind == .https || endpoint.kind == .wss || endpoint.kind == .tls }
}

extension Plan {
    /// Every check of CHECKLIST.md sections 1 and 3, in their order.
    public var probeChecks: [ProbeCheck] {
        var out: [ProbeCheck] = []
        if authorizedAddress.value.address == nil, let entry = entryAddress, entry.address != nil {
            out.append(
                ProbeCheck(
                    kind: .dns, endpoint: Endpoint(kind: .http, host: authorizedAddress.value, port: ports.http.value, node: nil),
                    expected: entry))
        }
        for d in nodeDomains {
            out.append(ProbeCheck(kind: .dns, endpoint: Endpoint(kind: .http, host: d.domain, port: ports.http.value, node: d.node), expected: d.address))
        }
        out += entryEndpoints.map { ProbeCheck(kind: .api, endpoint: $0) }
        out += nodeAPIEndpoints.map { ProbeCheck(kind: .api, endpoint: $0) }
        if let app = appServer { out.append(ProbeCheck(kind: .appServer, endpoint: app.endpoint)) }
        out += shortLinkEndpoints.map { ProbeCheck(kind: .shortLink, endpoint: $0) }
        for e in connectionEndpoints {
            out.append(ProbeCheck(kind: e.kind == .tcp ? .tcp : e.kind == .tls ? .tls : .websocket, endpoint: e))
        }
        out += closedEndpoints.map { ProbeCheck(kind: .closed, endpoint: $0) }
        let relayed = calls?.relayed ?? false
        for t in calls?.turn ?? [] {
            let e = Endpoint(kind: .tcp, host: t.publicAddress.value, port: t.port.value, node: t.name.value)
            out += [
                ProbeCheck(kind: .stun, endpoint: e), ProbeCheck(kind: .turn, endpoint: e),
                ProbeCheck(kind: .relay, endpoint: e, expected: t.relayedAddress.value, behindRelay: relayed)
            ]
        }
        for m in calls?.mediaServers ?? [] {
            // The knock goes to the address the closed checks use; a private janus has none.
            let outside = m.publicAddress?.value
            out.append(
                ProbeCheck(
                    kind: .media, endpoint: Endpoint(kind: .tcp, host: outside ?? m.dockerIP.value, port: m.rtpPorts.lower, node: m.name.value),
                    expected: m.dockerIP.value, answerPort: outside == nil ? nil : sshPort.value, behindRelay: relayed))
        }
        return out
    }
}
