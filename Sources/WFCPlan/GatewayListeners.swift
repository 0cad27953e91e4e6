import WFCLanguage

/// What a gateway does, whichever program does it: its listeners, decided once from the
/// flows into the gateway. nginx, HAProxy and the external balancer's sheet only render this
/// model (the sheet is the model written out); none of them reads the flows or decides a
/// policy of its own. Access points, TURN's 3478 and the TLS long link are more listeners.
public struct GatewayListener: Sendable {
    /// What clients get on the port.
    public enum Role: Sendable, Hashable {
        /// The authorized address's HTTP or HTTPS: route, API, files and short links, balanced
        /// over every node.
        case route
        /// A node's own HTTP port (single entry): its native short links reach that node.
        case shortLinks
        /// A node's WebSocket, or with TLS its WSS, passed to its WebSocket port.
        case websocket
        /// A node's native long connection (or its TCP short links), passed at layer 4.
        case stream
        /// The TCP short link at the authorized address: the native route, balanced at layer 4
        /// over every node.
        case shortLinkRoute
    }

    /// A node in the listener's pool.
    public struct Member: Sendable {
        public var node: String
        /// The node's name where the topology writes it.
        public var span: Span
        /// Where the gateway dials it (`Plan.upstreamAddress`).
        public var address: Host
        /// The node's port the listener passes to.
        public var port: Int
        /// The node's HTTP port, where its health is checked: a WebSocket or TCP port accepts
        /// connections before the IM server is ready.
        public var healthPort: Int
        /// Whether `healthPort` answers HTTP; an access point that reaches only the TCP short
        /// link checks that port by connecting.
        public var healthOverHTTP = true

        /// `address:port`, brackets around an IPv6 address.
        public var authority: String { address.authority(port) }
    }

    /// Files under a path of the route (`/media/`, or in a cluster `/media/<node>/`): the
    /// path is the pool's `/`, so `…/media/node1/fs/…` is node1's `/fs/…`.
    public struct FilesRoute: Sendable {
        public var prefix: String
        /// Every node (one node's deployment), or the one node whose files these are.
        public var pool: [Member]
        /// Whether the pool is the listener's own (balanced) pool.
        public var balanced: Bool
    }

    /// A service that a route listener serves by host name: one beside the gateway, or the
    /// app server wherever it runs.
    public struct ServiceRoute: Sendable {
        public var name: String
        public var domain: Host
        /// Where it listens: loopback beside the gateway, else its host's address on the
        /// network it shares with the gateway.
        public var address: Host
        /// Its first port.
        public var port: Int
        /// `services[].max_upload`, as written and in bytes.
        public var maxUpload: String
        public var maxUploadBytes: Int?
        /// The app server: its QR login long-polls for a minute (its nginx config's 100 s).
        public var readTimeout: Int?
        /// With HTTPS pages the app server is HTTPS only: plain HTTP is redirected.
        public var httpsOnly = false

        public var authority: String { "\(address.uriHost):\(port)" }
    }

    public var port: PortValue
    public var purpose: Purpose
    public var role: Role
    /// TLS ends at the gateway, with the plan's certificate for the authorized address.
    public var tls: Bool
    /// The nodes it passes to, in the plan's order: every node for the route, else one.
    public var pool: [Member]
    /// The gateway's public address is IPv6: the listener binds there too.
    public var ipv6: Bool
    /// Route listeners with built-in storage behind HTTPS: where each node's files are (the
    /// IM config's `remote_server_url` names the path).
    public var files: [FilesRoute]
    /// Route listeners: the services beside the gateway, by host name.
    public var services: [ServiceRoute]

    /// Layer 4: the bytes pass as they come, and no header can carry the client's address.
    /// An access point's listeners are all layer 4 (`.stream`), whatever they carry.
    public var isLayer4: Bool { role == .stream || role == .shortLinkRoute }
    /// What a layer-4 listener carries, as the configs' comments say it.
    public var layer4Summary: String {
        switch purpose {
        case .shortLinkStream: return "TCP short links"
        case .shortLink: return "TCP short link (the apps' route)"
        case .httpProxy: return "HTTP (short links)"
        case .tlsStream: return "TLS long connection (passed through)"
        case .httpsStream: return "HTTPS short links (passed through)"
        case .websocketStream: return "WebSocket"
        default: return "native long connection"
        }
    }
    /// HTTP listeners set `X-Forwarded-For` to the client's address.
    public var setsForwardedFor: Bool { !isLayer4 }
    /// Long-lived connections idle between heartbeats: WebSockets and the long connection.
    public var idleTimeout: Int? { role == .websocket || isLayer4 ? GatewayPolicy.idleTimeoutSeconds : nil }
}

/// The policies every gateway applies, whichever program it runs (docs/domain.md).
public enum GatewayPolicy {
    /// Long connections and WebSockets stay idle between heartbeats: 10 minutes at least.
    public static let idleTimeoutSeconds = 3600
    /// The app server's route: its QR login long-polls for a minute, so reads wait 100 s
    /// (the app server's own nginx config).
    public static let appServerReadTimeout = 100
    /// The native short links.
    public static let shortLinkPath = "/im"
    /// Files at `https://<authorized>/media/fs/…` are the nodes' `/fs/…` (in a cluster,
    /// `PlanMedia.filesPrefix` adds the node).
    public static let filesPrefix = "/media/"
    /// `/im`: the gateway answers browsers' CORS preflight itself and marks every answer as
    /// open to any origin, as the vendor's NG recipe does. The IM server's `/im` reads the
    /// `cid` and `p` headers: the recipe admits them.
    public static let cors: [(name: String, value: String)] = [
        ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "POST, OPTIONS"),
        (
            "Access-Control-Allow-Headers",
            "p,cid,DNT,X-Mx-ReqToken,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization"
        ),
        ("Access-Control-Max-Age", "86400")
    ]
    /// Health: `/api/version` answers while the IM server runs: 200, or 404 from a server run
    /// with `http.close_api_version true` (alive all the same).
    public static let healthPath = "/api/version"
    public static let healthStatuses = [200, 404]
}

extension Plan {
    /// The gateway's listeners, in the order of its flows; empty without a gateway.
    public var gatewayListeners: [GatewayListener] {
        guard let gateway = gatewayHost else { return [] }
        let ipv6 = gateway.publicAddress?.value.address?.isIPv6 == true
        let services = self.services.filter { $0.besideGateway || $0.isAppServer }.compactMap { s -> GatewayListener.ServiceRoute? in
            guard let domain = s.domain?.value, let port = s.ports.first?.value.lower else { return nil }
            let address: Host?
            if s.besideGateway {
                address = ipv6 ? Host("::1") : Host("127.0.0.1")
            } else if case .node(let n) = hosts[s.host].kind {
                address = upstreamAddress(of: nodes[n.index])
            } else {
                address = hosts[s.host].internalAddress
            }
            guard let address else { return nil }
            return GatewayListener.ServiceRoute(
                name: s.name.value, domain: domain, address: address, port: port, maxUpload: s.maxUpload,
                maxUploadBytes: bytes(ofSize: s.maxUpload), readTimeout: s.isAppServer ? GatewayPolicy.appServerReadTimeout : nil,
                httpsOnly: s.isAppServer && https)
        }
        func member(_ node: PlanNode, port: Int) -> GatewayListener.Member? {
            upstreamAddress(of: node).map {
                GatewayListener.Member(node: node.name.value, span: node.name.span, address: $0, port: port, healthPort: node.localPort.value)
            }
        }
        return flows(into: gateway).compactMap { f -> GatewayListener? in
            let role: GatewayListener.Role
            let pool: [GatewayListener.Member]
            switch f.upstream {
            case .everyNode? where f.purpose == .shortLink:
                role = .shortLinkRoute
                pool = nodes.compactMap { n in n.shortLinkLocalTCP.flatMap { member(n, port: $0.value) } }
            case .everyNode?:
                role = .route
                pool = nodes.compactMap { member($0, port: $0.localPort.value) }
            case .node(let n, let port)?:
                guard let one = member(nodes[n.index], port: port) else { return nil }
                switch f.purpose {
                case .httpProxy: role = .shortLinks
                case .tcpStream, .shortLinkStream, .tlsStream, .httpsStream: role = .stream
                case .websocketProxy, .websocketStream, .secureWebsocketProxy: role = .websocket
                case .http, .tcp, .websocket, .secureWebsocket, .https, .admin, .cluster, .ssh, .service, .turn, .turnRelay, .rtp, .janusAPI, .tlsLongLink,
                    .shortLink:
                    return nil
                }
                pool = [one]
            case nil:
                return nil
            }
            let tls = f.purpose.endsTLS
            var files: [GatewayListener.FilesRoute] = []
            if role == .route, tls, media.filesOrigin != nil {
                files =
                    media.filesPerNode
                    ? nodes.compactMap { n in
                        member(n, port: n.localPort.value).map { .init(prefix: media.filesPrefix(of: n.name.value), pool: [$0], balanced: false) }
                    }
                    : [.init(prefix: GatewayPolicy.filesPrefix, pool: pool, balanced: true)]
            }
            return GatewayListener(
                port: f.port, purpose: f.purpose, role: role, tls: tls, pool: pool, ipv6: ipv6, files: files,
                services: role == .route ? services : [])
        }
    }
}

extension Plan {
    /// An access point's listeners, in the order of its flows: each node's ports, each passed
    /// at layer 4 to that node's own port at its internal address (the enterprise network).
    public func listeners(ofAccessPoint a: Int) -> [GatewayListener] {
        let host = hosts[accessPoints[a].host]
        return flows(into: host).compactMap { f -> GatewayListener? in
            guard case .node(let n, let port)? = f.upstream, let address = nodes[n.index].internalAddress else { return nil }
            let node = nodes[n.index]
            // Its HTTP port is reached for health unless the TCP short link takes its place.
            var member = GatewayListener.Member(
                node: node.name.value, span: node.name.span, address: address, port: port, healthPort: tcpShortLink ? port : node.localPort.value)
            member.healthOverHTTP = !tcpShortLink
            return GatewayListener(port: f.port, purpose: f.purpose, role: .stream, tls: false, pool: [member], ipv6: false, files: [], services: [])
        }
    }
}
