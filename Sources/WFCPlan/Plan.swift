import WFCLanguage

/// A port as the plan uses it: its value and where it comes from. A default has no span of
/// its own, so `span` points at what implies it (the node, the `ports` key) and
/// `isDefault` says so.
public struct PortValue: Sendable, Hashable {
    public var value: Int
    public var span: Span
    public var isDefault: Bool
    /// The topology key that sets it (`ports.tcp`, `websocket_proxy_port`).
    public var key: KeyPath

    /// How a message names it: "`ports.tcp` 1884", "`ports.tcp` 1883 (the default)".
    public var described: String {
        "`\(key)` \(value)" + (isDefault ? " (the default)" : "")
    }
}

/// What clients speak on a port.
public enum ClientProtocol: String, Sendable, Hashable, CaseIterable {
    case http = "HTTP", https = "HTTPS", tcp = "TCP", ws = "WS", wss = "WSS"
    /// The TLS long link: TCP with TLS (`ssl_port`).
    case tls = "TLS"

    public var isTLS: Bool {
        switch self {
        case .https, .wss, .tls: return true
        case .http, .tcp, .ws: return false
        }
    }
}

/// What a listener or an opening is for.
public enum Purpose: Sendable, Hashable {
    case http, tcp, websocket, secureWebsocket, https, admin, cluster, ssh
    /// Gateway ports that forward to one node.
    case websocketProxy(node: NodeRef), secureWebsocketProxy(node: NodeRef)
    case tcpStream(node: NodeRef), websocketStream(node: NodeRef)
    /// Single entry: a node's own HTTP port on the gateway, for its short links.
    case httpProxy(node: NodeRef)
    /// Another program on the host (`services`).
    case service(String)
    /// A TURN server's listening port (TCP and UDP) and its relay range (UDP).
    case turn, turnRelay
    /// A media server's RTP range (UDP), and janus's own API (HTTP 8088, WebSocket 8188), which
    /// must stay closed.
    case rtp, janusAPI
    /// The TCP short link (`clients.short_link: tcp`): a node's own port, or at a gateway the
    /// route balanced over every node.
    case shortLink
    /// Single entry: a node's own TCP short-link port on the gateway.
    case shortLinkStream(node: NodeRef)
    /// Single entry with the TLS long link: a node's own `ssl_port` and `https_port` on the
    /// gateway, passed through at layer 4 (the node ends TLS).
    case tlsStream(node: NodeRef), httpsStream(node: NodeRef)
    /// The TLS long link (`clients.long_link: tls`): `ssl_port`, TLS ended by the node.
    case tlsLongLink

    public var summary: String {
        switch self {
        case .http: return "HTTP"
        case .tcp: return "TCP long connection"
        case .websocket: return "WebSocket"
        case .secureWebsocket: return "WSS"
        case .https: return "HTTPS"
        case .admin: return "Server API (admin)"
        case .cluster: return "cluster cache (Hazelcast)"
        case .ssh: return "SSH"
        case .websocketProxy(let n): return "WS proxy to \(n)"
        case .secureWebsocketProxy(let n): return "WSS proxy to \(n)"
        case .tcpStream(let n): return "TCP stream to \(n)"
        case .websocketStream(let n): return "WebSocket proxy to \(n)"
        case .httpProxy(let n): return "HTTP (short links) to \(n)"
        case .service(let name): return "service \(name)"
        case .turn: return "TURN"
        case .turnRelay: return "TURN relay"
        case .rtp: return "media (RTP)"
        case .janusAPI: return "janus API"
        case .shortLink: return "TCP short link"
        case .shortLinkStream(let n): return "TCP short links to \(n)"
        case .tlsLongLink: return "TLS long connection"
        case .tlsStream(let n): return "TLS stream to \(n)"
        case .httpsStream(let n): return "HTTPS (short links) stream to \(n)"
        }
    }

    /// The protocol clients speak on it.
    public var clientProtocol: ClientProtocol {
        switch self {
        case .http, .httpProxy, .admin: return .http
        case .https: return .https
        case .tcp, .tcpStream, .cluster, .ssh, .service, .turn, .turnRelay, .rtp, .shortLink, .shortLinkStream: return .tcp
        case .janusAPI: return .http
        case .websocket, .websocketProxy, .websocketStream: return .ws
        case .secureWebsocket, .secureWebsocketProxy: return .wss
        case .tlsLongLink, .tlsStream: return .tls
        case .httpsStream: return .https
        }
    }

    /// `HTTP`, `HTTPS`, `TCP`, `WS` or `WSS`, as the checklist writes it.
    public var protocolName: String { clientProtocol.rawValue }

    /// TLS ends where this port listens; a pass-through passes it on to the node.
    public var endsTLS: Bool {
        switch self {
        case .tlsStream, .httpsStream: return false
        default: return clientProtocol.isTLS
        }
    }

    /// The node a gateway port forwards to.
    public var upstreamNode: NodeRef? {
        switch self {
        case .websocketProxy(let n), .secureWebsocketProxy(let n), .tcpStream(let n), .websocketStream(let n), .httpProxy(let n),
            .shortLinkStream(let n), .tlsStream(let n), .httpsStream(let n):
            return n
        case .http, .tcp, .websocket, .secureWebsocket, .https, .admin, .cluster, .ssh, .service, .turn, .turnRelay, .rtp, .janusAPI, .shortLink,
            .tlsLongLink:
            return nil
        }
    }

    /// One of a node's pair of WS/WSS proxy ports on the gateway (`websocket_proxy_port`,
    /// `websocket_proxy_secure_port`): every node has its own (WFC302).
    public var isWebSocketProxyPort: Bool {
        switch self {
        case .websocketProxy, .secureWebsocketProxy: return true
        case .http, .tcp, .websocket, .secureWebsocket, .https, .admin, .cluster, .ssh, .tcpStream, .websocketStream, .httpProxy, .service, .turn,
            .turnRelay, .rtp, .janusAPI, .shortLink, .shortLinkStream, .tlsLongLink, .tlsStream, .httpsStream:
            return false
        }
    }

    /// A single-entry node's own port on the gateway (its TCP, WebSocket and HTTP): the port
    /// alone tells the gateway which node a client wants (WFC304).
    public var isNodePortOnGateway: Bool {
        switch self {
        case .tcpStream, .websocketStream, .httpProxy, .shortLinkStream, .tlsStream, .httpsStream: return true
        case .http, .tcp, .websocket, .secureWebsocket, .https, .admin, .cluster, .ssh, .websocketProxy, .secureWebsocketProxy, .service, .turn,
            .turnRelay, .rtp, .janusAPI, .shortLink, .tlsLongLink:
            return false
        }
    }

    /// The TCP short link, a node's own port or the route at a gateway.
    public var isTCPShortLink: Bool {
        switch self {
        case .shortLink, .shortLinkStream: return true
        default: return false
        }
    }

    /// Clients hold it open between heartbeats: the long connection and the WebSockets.
    public var isLongLived: Bool {
        switch self {
        case .tcp, .tcpStream, .websocket, .websocketProxy, .websocketStream, .secureWebsocket, .secureWebsocketProxy, .tlsLongLink, .tlsStream:
            return true
        case .http, .https, .admin, .cluster, .ssh, .httpProxy, .service, .turn, .turnRelay, .rtp, .janusAPI, .shortLink, .shortLinkStream, .httpsStream:
            return false
        }
    }
}

/// Who may reach a listener.
public enum Exposure: String, Sendable {
    /// Clients dial it.
    case `public`
    /// Only the gateway dials it.
    case gatewayOnly = "gateway-only"
    /// Never opened: admin and the cluster cache.
    case `internal`
}

public struct Listener: Sendable, Hashable {
    public var port: PortValue
    public var purpose: Purpose
    public var exposure: Exposure
    /// The IM server, sshd and every proxy listen on TCP; a service may take UDP.
    public var proto: TransportProtocol

    package init(port: PortValue, purpose: Purpose, exposure: Exposure, proto: TransportProtocol = .tcp) {
        self.port = port
        self.purpose = purpose
        self.exposure = exposure
        self.proto = proto
    }

    /// The port as the kernel tells ports apart: what two listeners may not share.
    public var bound: BoundPort { BoundPort(proto: proto, number: port.value) }
}

/// A port with its protocol: TCP 3478 and UDP 3478 are two ports (a TURN server binds both).
public struct BoundPort: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var proto: TransportProtocol
    public var number: Int

    public init(proto: TransportProtocol, number: Int) {
        self.proto = proto
        self.number = number
    }

    public static func < (a: BoundPort, b: BoundPort) -> Bool { (a.number, a.proto.rawValue) < (b.number, b.proto.rawValue) }

    /// `1883`, or `1883/udp`: TCP is what a port means unless said otherwise.
    public var description: String { proto == .tcp ? "\(number)" : "\(number)/\(proto.rawValue)" }

    /// The same as one Int, for the checks' dictionaries and sets: a key type of its own would
    /// make every lint instantiate new generic metadata at run time (about 160k instructions on
    /// the 4-host sample, measured with callgrind), more than the checks themselves cost.
    public var key: Int {
        switch proto {
        case .tcp: return number << 1
        case .udp: return number << 1 | 1
        }
    }
}

/// One firewall opening on one host: a port, or the ports `port...through` of a range.
public struct Opening: Sendable, Hashable {
    public var port: Int
    /// The last port of a range; `port` itself for a single port.
    public var through: Int
    public var proto: TransportProtocol
    /// nil: from anywhere.
    public var sources: [AddressRange]?
    /// The port's span in a declared rule; nil for derived openings.
    public var span: Span?
    /// Index of the declared rule in `firewall.allow`.
    public var rule: Int?
    public var purpose: Purpose?
}

/// One outbound permission of a host whose `firewall.egress` closes the rest: connections
/// to these destinations on these ports pass.
public struct Egress: Sendable, Hashable {
    /// Shared by every host that needs it (the cluster's list is one array for all nodes).
    public var destinations: [AddressRange]
    /// nil: every port.
    public var ports: PortRange?
    public var proto: TransportProtocol
    /// The entry's span in `firewall.egress`; nil for what the plan needs.
    public var span: Span?
    /// Index of the entry in `firewall.egress`.
    public var rule: Int?
    /// What the plan needs it for; nil for a declared entry.
    public var purpose: Purpose?

    /// Whether it lets a connection to `address` on `port` pass.
    public func admits(_ address: IPAddress, port: Int, proto: TransportProtocol) -> Bool {
        proto == self.proto && (ports.map { $0.lower <= port && port <= $0.upper } ?? true)
            && destinations.contains { address.matches($0.address, prefix: $0.prefix) }
    }
}

public enum HostKind: Sendable, Hashable {
    case node(NodeRef)
    case gateway
    /// A TURN server: its index in `Plan.calls.turn`.
    case turn(Int)
    /// A media server (janus): its index in `Plan.calls.mediaServers`.
    case media(Int)
    /// The vendor's app server on a host of its own (`app_server` without `on`).
    case app
    /// A layer-4 proxy in another region: its index in `Plan.accessPoints`.
    case accessPoint(Int)

    /// A kind without its payload: what the inventory groups, plan.json and the rollout
    /// tell apart. A new kind of host (a media server, a TURN server) is a case here.
    public enum Family: String, Sendable, CaseIterable {
        case node, gateway, turn, media, app
        case accessPoint = "access-point"

        /// Its hosts run the IM server or the gateway, and carry the long connections the
        /// tuning is for; the others (TURN, media, the app server's own) run what the checklist
        /// starts by hand.
        public var carriesLongConnections: Bool {
            switch self {
            case .node, .gateway, .accessPoint: return true
            case .turn, .media, .app: return false
            }
        }

        /// The rollout's inventory group of its hosts (under `wfc_all`).
        public var inventoryGroup: String {
            switch self {
            case .node: return "wfc_nodes"
            case .gateway: return "wfc_gateway"
            case .turn: return "wfc_turn"
            case .media: return "wfc_media"
            case .app: return "wfc_app"
            case .accessPoint: return "wfc_access_points"
            }
        }
    }

    public var family: Family {
        switch self {
        case .node: return .node
        case .gateway: return .gateway
        case .turn: return .turn
        case .media: return .media
        case .app: return .app
        case .accessPoint: return .accessPoint
        }
    }

    /// How plan.json and the rollout (`wfc_kind`) name it.
    public var word: String { family.rawValue }
}

/// Everything wfc knows about one machine: its addresses, what listens on it, what it
/// needs open, and what the firewall opens on it.
public struct HostPlan: Sendable, HostAddresses {
    public var name: String
    public var kind: HostKind
    /// The span that names the host (a node's name, the `gateway` key).
    public var span: Span
    public var publicAddress: Located<Host>?
    public var privateAddress: Located<Host>?
    /// What binds a port on it: the IM server's ports on a node, the nginx servers on the gateway.
    public var listeners: [Listener]
    /// Its flows: a range of `Plan.flows`, which are in host order.
    public var flows: Range<Int> = 0..<0
    /// From `firewall.allow` when it is given.
    public var declared: [Opening]?
    /// What wfc opens: declared when given, otherwise one opening per flow.
    public var openings: [Opening]
    /// Where the gateway's connections to this host come from (nodes only): the gateway's
    /// address on the network they share, or an external balancer's `source_ranges`; nil
    /// when wfc cannot tell.
    public var gatewaySources: [AddressRange]? = nil
    /// The gateway on a node's host (`gateway.on`): that node's index in `hosts`. The two
    /// share one machine, so one firewall, written in the node's folder.
    public var machine: Int? = nil
    /// Where it may connect to when `firewall.egress` closes its outbound traffic (a node's
    /// machine); nil: outbound open.
    public var egress: [Egress]? = nil

    /// Its folder in the build output, and how the checklist names it.
    public var folder: String {
        switch kind {
        case .node: return "nodes/\(name)"
        case .gateway: return "gateway"
        case .turn, .media: return "calls/\(name)"
        case .app: return name
        case .accessPoint: return "access/\(name)"
        }
    }
}

extension HostPlan {
    /// A host added beside the IM hosts (a TURN or media server, the app server's own): a
    /// machine of its own, or the first of `machines` with one of its addresses.
    init(
        ownHost name: String, kind: HostKind, span: Span, publicAddress: Located<Host>?, privateAddress: Located<Host>?,
        among machines: [(Int, any HostAddresses)]
    ) {
        self.init(
            name: name, kind: kind, span: span, publicAddress: publicAddress, privateAddress: privateAddress, listeners: [], declared: nil,
            openings: [], machine: Plan.machine(sharing: publicAddress, privateAddress, among: machines))
    }
}

/// A value of the IM config: text, or a secret resolved only at build time.
public enum IMValue: Sendable, Hashable {
    case text(String)
    case secret(Secret)
}

public struct IMEntry: Sendable, Hashable {
    public var key: String
    public var value: IMValue
}

/// The node-level settings the checks still read as written (for their key spans), kept
/// apart from the node's `NodeSpec` so that the plan's per-node record stays small.
public struct NodeSettings: Sendable {
    public var serverIP: Field<Host>
    public var websocket: Field<Int>
    public var http: Field<Int>
    public var websocketProxyPort: Field<Int>
    public var websocketProxySecurePort: Field<Int>
}

public struct PlanNode: Sendable, HostAddresses {
    /// The fields, in one box that copies share until one of them changes: a node is a KiB or
    /// more, and the plan and the checks passed each one around by value a dozen times (issue 39).
    struct Fields: Sendable {
        var index: Int
        var written: NodeSettings
        var name: Located<String>
        var nodeID: PortValue
        var requiredServerIP: Host?
        var publicAddress: Located<Host>?
        var privateAddress: Located<Host>?
        var tcp: PortValue
        var websocket: PortValue
        var http: PortValue
        var localPort: PortValue
        var portMapping: Located<[PortMapping]>?
        var shortLinkTCP: PortValue? = nil
        var shortLinkLocalTCP: PortValue? = nil
        var ssl: PortValue? = nil
        var ownHTTPS: PortValue? = nil
        var backups: [PlanBackup] = []
        var docker: DockerNetwork? = nil
        var domain: Located<Host>? = nil
        var keystore: PlanTLS.Keystore? = nil
        var websocketProxyPort: PortValue?
        var websocketProxySecurePort: PortValue?
        var imConfig: [IMEntry]
    }

    private final class Storage: @unchecked Sendable {  // changed only while unshared (`mutable()`)
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    init(_ fields: Fields) {
        storage = Storage(fields)
    }

    private mutating func mutable() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
    }

    /// Its place in `Plan.nodes`, which is also its place in `Plan.hosts` (copies are left
    /// out, so it can be less than its position in the file).
    public var index: Int {
        get { storage.fields.index }
        set { mutable().fields.index = newValue }
    }

    public var written: NodeSettings {
        get { storage.fields.written }
        set { mutable().fields.written = newValue }
    }

    public var name: Located<String> {
        get { storage.fields.name }
        set { mutable().fields.name = newValue }
    }

    public var nodeID: PortValue {
        get { storage.fields.nodeID }
        set { mutable().fields.nodeID = newValue }
    }

    /// What `server.ip` must be in this mode (nil when the node lacks the address it needs).
    public var requiredServerIP: Host? {
        get { storage.fields.requiredServerIP }
        set { mutable().fields.requiredServerIP = newValue }
    }

    public var publicAddress: Located<Host>? {
        get { storage.fields.publicAddress }
        set { mutable().fields.publicAddress = newValue }
    }

    public var privateAddress: Located<Host>? {
        get { storage.fields.privateAddress }
        set { mutable().fields.privateAddress = newValue }
    }

    public var tcp: PortValue {
        get { storage.fields.tcp }
        set { mutable().fields.tcp = newValue }
    }

    public var websocket: PortValue {
        get { storage.fields.websocket }
        set { mutable().fields.websocket = newValue }
    }

    /// The `http_port` clients are told: the node's own in single entry, else `ports.http`.
    public var http: PortValue {
        get { storage.fields.http }
        set { mutable().fields.http = newValue }
    }

    /// `local_port`, the HTTP port it binds: `ports.local`, else 8080 on the gateway's host,
    /// else `ports.http`.
    public var localPort: PortValue {
        get { storage.fields.localPort }
        set { mutable().fields.localPort = newValue }
    }

    /// A router's DNAT in front of it (`port_mapping`), outside port → inside port.
    public var portMapping: Located<[PortMapping]>? {
        get { storage.fields.portMapping }
        set { mutable().fields.portMapping = newValue }
    }

    /// With the TCP short link: `short_link_tcp_port`, the port clients are told (its own on a
    /// single-entry gateway), and `short_link_local_tcp_port`, the port it binds.
    public var shortLinkTCP: PortValue? {
        get { storage.fields.shortLinkTCP }
        set { mutable().fields.shortLinkTCP = newValue }
    }

    public var shortLinkLocalTCP: PortValue? {
        get { storage.fields.shortLinkLocalTCP }
        set { mutable().fields.shortLinkLocalTCP = newValue }
    }

    /// With the TLS long link in single entry: its own `ssl_port` and `https_port`, which it
    /// binds and the gateway passes through.
    public var ssl: PortValue? {
        get { storage.fields.ssl }
        set { mutable().fields.ssl = newValue }
    }

    public var ownHTTPS: PortValue? {
        get { storage.fields.ownHTTPS }
        set { mutable().fields.ownHTTPS = newValue }
    }

    /// Its addresses for clients of other networks (`backup`), ports resolved, in order.
    public var backups: [PlanBackup] {
        get { storage.fields.backups }
        set { mutable().fields.backups = newValue }
    }

    /// How its IM server runs in Docker (`docker`); nil without Docker.
    public var docker: DockerNetwork? {
        get { storage.fields.docker }
        set { mutable().fields.docker = newValue }
    }

    /// Its own DNS name (`domain`, multi-node): what `server.ip` is and clients dial.
    public var domain: Located<Host>? {
        get { storage.fields.domain }
        set { mutable().fields.domain = newValue }
    }

    /// Its own keystore (`tls`), for the WSS it serves itself (`tls.wss: nodes`).
    public var keystore: PlanTLS.Keystore? {
        get { storage.fields.keystore }
        set { mutable().fields.keystore = newValue }
    }

    public var websocketProxyPort: PortValue? {
        get { storage.fields.websocketProxyPort }
        set { mutable().fields.websocketProxyPort = newValue }
    }

    public var websocketProxySecurePort: PortValue? {
        get { storage.fields.websocketProxySecurePort }
        set { mutable().fields.websocketProxySecurePort = newValue }
    }

    /// The IM config lines this node's wildfirechat.conf gets, in order.
    public var imConfig: [IMEntry] {
        get { storage.fields.imConfig }
        set { mutable().fields.imConfig = newValue }
    }

    /// How a purpose, a flow and a host name this node.
    public var ref: NodeRef { NodeRef(index: index, name: name.value) }
}

/// `server.backup_address HOST:HTTP:TCP:WS`: the same node for clients of another network,
/// reached through a proxy that maps these outside ports to the node's own.
public struct PlanBackup: Sendable {
    public var address: Located<Host>
    public var http: Int
    public var tcp: Int
    public var websocket: Int
    /// The access point (index in `Plan.accessPoints`) wfc configures for it; nil for a proxy
    /// or router of the operator's (`nodes[].backup`).
    public var accessPoint: Int? = nil

    /// The IM config value.
    public var value: String { "\(address.value.text):\(http):\(tcp):\(websocket)" }

    /// The outside port for a flow's purpose; nil for one the backup does not carry.
    public func port(for purpose: Purpose) -> Int? {
        switch purpose {
        case .http: return http
        case .tcp: return tcp
        case .websocket, .secureWebsocket: return websocket
        case .https, .admin, .cluster, .ssh, .websocketProxy, .secureWebsocketProxy, .tcpStream, .websocketStream, .httpProxy, .service, .turn,
            .turnRelay, .rtp, .janusAPI, .shortLink, .shortLinkStream, .tlsLongLink, .tlsStream, .httpsStream:
            return nil
        }
    }
}

/// A node entry whose name an earlier entry already has: the same node pasted twice. It is
/// one mistake (WFC107), so the copy takes no part in the plan and no other check speaks
/// of its address, ports or id.
public struct NodeCopy: Sendable {
    public var name: Located<String>
    /// The first node of that name, in `nodes`.
    public var first: Int
}

public struct PlanGateway: Sendable {
    public var span: Span
    public var publicAddress: Located<Host>
    public var privateAddress: Located<Host>?
    /// `gateway.on`: the node (index in `Plan.nodes`) whose host the gateway runs on.
    public var on: Int? = nil
    public var backend: GatewayBackend = Defaults.gatewayBackend
    /// `external`: the balancer's source ranges (WFC508 when missing).
    public var sourceRanges: [AddressRange]? = nil

    /// A balancer configured elsewhere: wfc writes no files, firewall or tuning for its host.
    public var isExternal: Bool { backend == .external }
}

/// Another program on an IM host, resolved: where it runs and who may reach it.
public struct PlanService: Sendable {
    public var name: Located<String>
    /// Index in `Plan.hosts` of the machine it runs on (a node's, or the gateway's).
    public var host: Int
    /// On the gateway's machine: the gateway can serve its `domain`.
    public var besideGateway: Bool
    public var ports: [Located<PortRange>]
    /// nil: from anywhere.
    public var sources: [AddressRange]?
    public var proto: TransportProtocol
    public var domain: Located<Host>?
    /// The body limit on its `domain` route (`client_max_body_size`).
    public var maxUpload: String = Defaults.serviceMaxUpload
    /// The vendor's app server (`app_server`), planned as a service: its route follows the
    /// vendor's own nginx config.
    public var isAppServer = false
}

/// `app_server`: where the vendor's app server runs and what it and the apps are told.
public struct PlanAppServer: Sendable {
    /// The `app_server` key.
    public var span: Span
    /// Index in `Plan.services` of the service it is planned as.
    public var service: Int
    /// On a host of its own: that host's index in `Plan.hosts`.
    public var ownHost: Int? = nil
    public var port: Int
    /// `im.admin_url` in its `application.properties`: its own node's Server API over
    /// loopback, or the first node's internal address.
    public var adminURL: String
    /// Where the apps reach it: its name through the gateway, else its host and port. The
    /// probe and the monitoring check it there.
    public var endpoint: Endpoint

    /// What the apps are told (`APP_SERVER_ADDRESS`, `APP_SERVER`): a URL with scheme.
    public var clientURL: String { String(endpoint.url.dropLast()) }
    /// `wfc.all_client_support_ssl`: every client reaches it over HTTPS.
    public var allClientsSSL: Bool { endpoint.kind == .https }
}

/// A size as nginx writes it (`200m`) in bytes; nil if it is not one or overflows.
public func bytes(ofSize size: String) -> Int? {
    // The decoder let through 1 to 9 digits with at most one of `k`, `m`, `g` (either case).
    // Read as bytes: lint asks for it (WFC607), and a dictionary of Characters cost more
    // than the check itself.
    var number = 0, factor = 1
    for (i, b) in size.utf8.enumerated() {
        let unit: Int
        switch b | 0x20 {
        case UInt8(ascii: "k"): unit = 1 << 10
        case UInt8(ascii: "m"): unit = 1 << 20
        case UInt8(ascii: "g"): unit = 1 << 30
        default:
            // A digit, before any unit, and not so many that the product overflows.
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b), factor == 1, number < 1 << 40 else { return nil }
            number = number * 10 + Int(b - UInt8(ascii: "0"))
            continue
        }
        guard i > 0, factor == 1 else { return nil }
        factor = unit
    }
    guard !size.isEmpty else { return nil }
    let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
    return overflow ? nil : bytes
}

/// File storage as the gateway and the IM config use it.
public struct PlanMedia: Sendable {
    public var storage: MediaStorage
    /// The gateway's `client_max_body_size` (`200m`).
    public var maxUpload: String
    /// The same in bytes, for gateways that take a number (HAProxy); nil if it overflows.
    public var maxUploadBytes: Int? { bytes(ofSize: maxUpload) }
    /// Built-in storage behind a gateway for HTTPS pages: files are served through the
    /// gateway at `https://<authorized>` (an HTTPS page cannot load them over HTTP).
    public var filesOrigin: String?
    /// Each node keeps the files it received, so in a cluster each node's files have a path
    /// of their own on the gateway (`/media/<node>/`): the balanced pool would fetch a file
    /// from a node that does not have it. One node keeps the vendor's `/media/`.
    public var filesPerNode = false

    /// Where the gateway serves a node's files: `/media/`, or in a cluster `/media/<node>/`.
    public func filesPrefix(of node: String) -> String {
        GatewayPolicy.filesPrefix + (filesPerNode ? node + "/" : "")
    }

    /// The node's `local.media.storage.remote_server_url`: clients upload to it and fetch
    /// what they get back from under it (`…/fs/…`), so both reach the node that holds the
    /// file. Nil when the node's own `http://server.ip:http_port` serves its files.
    public func remoteServerURL(of node: String) -> String? {
        filesOrigin.map { $0 + String(filesPrefix(of: node).dropLast()) }
    }
}

/// The resolved deployment: defaults applied, every host's listeners and openings,
/// `server.ip` per node. Checks and emitters read it and never derive these facts again.
public struct Plan: Sendable {
    public var topology: Topology
    public var mode: Located<Mode>
    public var edition: Edition
    public var network: Network
    public var authorizedAddress: Located<Host>
    public var native: Bool
    public var web: Bool
    /// HTTPS web clients: `clients.https` with `clients.web` (WFC403 reports https alone).
    public var https: Bool
    /// `clients.sdk`: the custom-port SDK dials `ports.http` where the standard one dials 80.
    public var sdk: ClientSDK = Defaults.sdk
    /// Native clients make their short links (and the route) over the vendor's TCP short link
    /// (`clients.short_link: tcp`); HTTP stays for the JS clients, robots and channels.
    public var tcpShortLink = false
    /// Native clients hold the TLS long link on `ports.ssl` and make HTTPS short links
    /// (`clients.long_link: tls`), the nodes ending TLS with their keystore.
    public var tlsLongLink = false
    /// Multi-node with HTTPS pages whose nodes serve WSS themselves (`tls.wss: nodes`).
    public var wssAtNodes: Bool = false
    public var ports: ResolvedPorts
    public var sshPort: PortValue
    public var backend: FirewallBackend
    public var nodes: [PlanNode]
    /// Entries that repeat an earlier node's name, left out of `nodes` and `hosts`.
    public var copies: [NodeCopy] = []
    public var gateway: PlanGateway?
    /// The nodes, then the gateway, then the TURN servers, then the media servers.
    public var hosts: [HostPlan]
    /// The gateway's place in `hosts`.
    public var gatewayIndex: Int? = nil
    /// Who talks to whom, host by host in `hosts` order (`Flow`).
    public var flows: [Flow] = []

    /// What `capacity.connections` asks of the hosts.
    public var sizing: Sizing

    /// The TLS material the mode uses; nil without HTTPS web clients.
    public var tls: PlanTLS?

    public var media: PlanMedia

    /// `services`, each on the host (index in `hosts`) whose firewall admits it.
    public var services: [PlanService] = []

    /// `app_server`, planned as one of `services` (the last).
    public var appServer: PlanAppServer? = nil

    /// `calls`; nil without calls.
    public var calls: PlanCalls? = nil

    /// `access_points`, each a host of its own.
    public var accessPoints: [PlanAccessPoint] = []

    /// The Server API callers (`firewall.server_api_from`); nil when not given.
    public var serverAPIFrom: [AddressRange]?

    /// Each node's index in `nodes`, by name.
    public var nodeIndex: [String: Int] = [:]

    /// The names a program's `on` or an outbound rule may give a host: the nodes', then
    /// `gateway` where there is one, then the TURN servers'.
    public var hostNames: [String] {
        var names = nodes.map { $0.name.value }
        if gateway != nil { names.append(FirewallTarget.gateway.word) }
        return names + (calls?.turn.map { $0.name.value } ?? []) + (calls?.mediaServers.map { $0.name.value } ?? []) + accessPoints.map { $0.name.value }
    }

    public func host(named name: String) -> HostPlan? {
        if name == FirewallTarget.gateway.word { return gatewayHost }
        if let n = nodeIndex[name] { return hosts[n] }
        if let t = calls?.turn.first(where: { $0.name.value == name }) { return hosts[t.host] }
        if let m = calls?.mediaServers.first(where: { $0.name.value == name }) { return hosts[m.host] }
        return accessPoints.first { $0.name.value == name }.map { hosts[$0.host] }
    }

    /// Every key some node's IM config sets: what `--im-base` replaces in the operator's file.
    public var imConfigKeys: Set<String> {
        Set(nodes.flatMap { $0.imConfig.map { $0.key } })
    }

    /// The IM config keys this plan owns: the network keys, and with built-in storage the
    /// files' address in the second network (with object storage those name the store, which
    /// the operator configures).
    public var imOwnedKeys: Set<String> {
        var keys = media.storage == .builtin ? Plan.imNetworkKeys.union(Plan.builtinBackupMediaKeys) : Plan.imNetworkKeys
        // The advanced edition's keys, owned only where the topology describes those calls: a
        // base that runs janus the topology does not know keeps its lines.
        if calls?.edition == .advanced { keys.formUnion(Plan.conferenceKeys) }
        return keys
    }

    /// The advanced edition's keys of every node (`conferenceConfig(for:)`).
    public static let conferenceKeys: Set<String> = [
        "conference.client_list", "conference.signal_server_address", "conference.record_strategy", "conference.record_path"
    ]

    /// The vendor's dual-network keys for the files' address in the other network.
    public static let builtinBackupMediaKeys: Set<String> = ["media.backup_server_url", "media.backup_server_port"]

    /// Every network key wfc writes in some layout (`imConfig(for:)` in the planner; a test
    /// holds the two together). With `--im-base`, a base line that sets one of them while this
    /// topology does not is left from another layout (a `remote_server_url` for HTTPS pages,
    /// a proxy port), and contradicts the topology: the merge comments it out.
    public static let imNetworkKeys: Set<String> = [
        "server.ip", "port", "http_port", "local_port", "http.admin.port", "node_id", "websocket_port", "https_port",
        "secure_websocket_port", "jks_path", "key_store_password", "key_manager_password", "websocket_proxy_host",
        "websocket_proxy_port", "websocket_proxy_secure_port", "local.media.storage.remote_server_url", "server.backup_address",
        "short_link_tcp_port", "short_link_local_tcp_port", "ssl_port"
    ]

    /// The flows into one host.
    public func flows(into host: HostPlan) -> ArraySlice<Flow> { flows[host.flows] }

    /// The gateway's host plan, when there is a gateway.
    public var gatewayHost: HostPlan? { gatewayIndex.map { hosts[$0] } }

    public func node(named name: String) -> PlanNode? {
        return nodeIndex[name].map { nodes[$0] }
    }

    /// Whether a declared firewall lets no SSH in over the host's own address family (WFC504,
    /// and the checklist's warning): an IPv6-only (or IPv4-mapped) source does not let an
    /// operator reach an IPv4 host. Derived rules always admit SSH.
    public func locksOutSSH(_ h: HostPlan) -> Bool {
        guard let declared = h.declared else { return false }
        let ssh = sshPort.value
        let families = Set([h.publicAddress, h.privateAddress].compactMap { $0?.value.address?.isIPv6 })
        return (families.isEmpty ? [false] : families).contains { v6 in
            !declared.contains { o in
                o.port <= ssh && ssh <= o.through && o.proto == .tcp
                    && (o.sources?.contains { $0.address.isIPv6 == v6 && !$0.address.isIPv4Mapped } ?? true)
            }
        }
    }

    /// The ports the IM server itself binds on a node's host, each once, in order: what its
    /// container publishes (`docker: published`); sshd and services are not in it. `internal`
    /// when no flow reaches the port from outside (the Server API, the cluster port).
    public func imServerPorts(of host: HostPlan) -> [(port: Int, internal: Bool)] {
        var internalOnly: [Int: Bool] = [:]
        for l in host.listeners where l.proto == .tcp && l.purpose != .ssh {
            if case .service = l.purpose { continue }
            internalOnly[l.port.value] = (internalOnly[l.port.value] ?? true) && l.exposure == .internal
        }
        return internalOnly.keys.sorted().map { ($0, internalOnly[$0] ?? false) }
    }

    /// Whether wfc writes a host's firewall and tuning: every host but an external balancer's.
    public func configures(_ host: HostPlan) -> Bool {
        switch host.kind {
        case .gateway: return gateway?.isExternal != true
        case .accessPoint(let a): return accessPoints[a].backend != .external
        case .node, .turn, .media, .app: return true
        }
    }

    /// A host's place in `hosts`: a node's is its place in `nodes`, the gateway comes last.
    public func index(of host: HostPlan) -> Int {
        switch host.kind {
        case .node(let n): return n.index
        case .gateway: return gatewayIndex ?? hosts.count - 1
        case .turn(let t): return calls?.turn[t].host ?? hosts.count - 1
        case .media(let m): return calls?.mediaServers[m].host ?? hosts.count - 1
        case .app: return appServer?.ownHost ?? hosts.count - 1
        case .accessPoint(let a): return accessPoints[a].host
        }
    }

    /// The host whose firewall admits a host's traffic: itself, or for a gateway on a node's
    /// host, that node's.
    public func machine(of host: Int) -> Int { hosts[host].machine ?? host }

    /// The hosts on one machine (index in `hosts`): the host itself, and a gateway on it.
    public func hosts(onMachine machine: Int) -> [HostPlan] {
        hosts.indices.filter { self.machine(of: $0) == machine }.map { hosts[$0] }
    }

    /// The node whose machine the gateway runs on: the one `gateway.on` names, else the first
    /// with one of the gateway's addresses (one address is one machine, whether or not `on`
    /// says so: one firewall, one set of ports). Lint and build both read it through
    /// `machine(of:)`. (Two nodes with one address are WFC107's business.)
    static func machine(ofGateway g: PlanGateway, nodes: [PlanNode]) -> Int? {
        if let on = g.on { return on }
        // The nodes are read in place: boxing each (a KiB or more) as `any HostAddresses`
        // cost more than the rest of the search.
        let own = addressKeys(g.publicAddress, g.privateAddress)
        return nodes.first { shares(own, $0.publicAddress, $0.privateAddress) }?.index
    }

    /// The first of `hosts` (index, addresses) with one of these addresses: the machine a host
    /// with them runs on.
    static func machine(sharing publicAddress: Located<Host>?, _ privateAddress: Located<Host>?, among hosts: [(Int, any HostAddresses)]) -> Int? {
        let own = addressKeys(publicAddress, privateAddress)
        return hosts.first { shares(own, $0.1.publicAddress, $0.1.privateAddress) }?.0
    }

    /// At most two keys (`Host.identity`), searched in turn: hashing each node's two keys to
    /// look them up was most of finding the gateway's machine among ten thousand nodes.
    private static func addressKeys(_ a: Located<Host>?, _ b: Located<Host>?) -> [String] {
        [a, b].compactMap { $0?.value.identity }
    }

    private static func shares(_ own: [String], _ a: Located<Host>?, _ b: Located<Host>?) -> Bool {
        a.map { own.contains($0.value.identity) } == true || b.map { own.contains($0.value.identity) } == true
    }

    /// Where the gateway dials a node: over loopback on its own host, else the node's private
    /// address, else its public one.
    public func upstreamAddress(of node: PlanNode) -> Host? {
        if gateway?.on == node.index { return node.publicAddress?.value.address?.isIPv6 == true ? Host("::1") : Host("127.0.0.1") }
        return node.internalAddress
    }
}

/// The top-level `ports`, each with its default.
public struct ResolvedPorts: Sendable {
    public var http: PortValue
    public var tcp: PortValue
    public var websocket: PortValue
    public var secureWebsocket: PortValue
    public var https: PortValue
    public var admin: PortValue
    public var cluster: PortValue
    /// `short_link_tcp_port`, with `clients.short_link: tcp`.
    public var shortLinkTCP: PortValue
    /// `ssl_port`, with `clients.long_link: tls` (no default).
    public var ssl: PortValue? = nil
}

/// TLS as the mode uses it, read once from `tls`: the node's own keystore (single + https)
/// or the gateway's certificate (a gateway + https). Missing fields are WFC401/WFC402's.
public struct PlanTLS: Sendable {
    public struct Keystore: Sendable {
        public var path: String?
        public var storePassword: Located<Secret>?
        public var managerPassword: Located<Secret>?
    }

    public struct Certificate: Sendable {
        public var chain: String?
        public var key: String?
    }

    /// Single + https without a gateway: the node ends TLS itself.
    public var keystore: Keystore?
    /// A gateway + https (also one `on` the single node): the gateway ends TLS.
    public var certificate: Certificate?
}

/// A node's or a host's addresses as the topology gives them.
public protocol HostAddresses {
    var publicAddress: Located<Host>? { get }
    var privateAddress: Located<Host>? { get }
}

extension HostAddresses {
    /// Where the other hosts reach it: its private address, else its public one.
    public var internalAddress: Host? { (privateAddress ?? publicAddress)?.value }
}
