/// Who talks to whom: one kind of traffic into one host's port. The plan resolves the flows
/// once; the derived firewall openings, the requirements WFC501 checks and plan.json read
/// them, so "who may reach this port" is decided in one place.
public struct Flow: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Clients of a kind dial it (from anywhere).
        case clients(ClientKind)
        /// The gateway, from its address on the network it shares with the host (nil: unknown).
        case gateway(IPAddress?)
        /// The other cluster members, at these addresses.
        case nodes([AddressRange])
        /// The Server API callers (`firewall.server_api_from`).
        case serverAPICallers([AddressRange])
        /// Operators over SSH.
        case operators
    }

    public enum ClientKind: String, Sendable, Hashable {
        case all = "all clients", native = "native clients", web = "web clients", httpsWeb = "web clients on HTTPS pages"
    }

    /// How the traffic reaches the host: straight from its source, or through the gateway.
    public enum Route: String, Sendable, Hashable {
        case direct
        case gatewayHTTP = "gateway HTTP proxy"
        case gatewayWebSocket = "gateway WebSocket proxy"
        /// WS and WSS both, the WSS with its TLS ended at the gateway.
        case gatewayTLS = "gateway WS and WSS proxy (TLS ended at the gateway)"
        case gatewayStream = "gateway layer 4"
    }

    public var source: Source
    /// Index in `Plan.hosts`.
    public var host: Int
    public var port: Int
    public var proto: TransportProtocol
    public var purpose: Purpose
    public var route: Route

    /// The firewall sources that admit this flow; nil for anywhere.
    public var sources: [AddressRange]? {
        switch source {
        case .clients, .operators: return nil
        case .gateway(let address): return address.flatMap { AddressRange($0.description) }.map { [$0] }
        case .nodes(let ranges), .serverAPICallers(let ranges): return ranges
        }
    }

    public var isFromGateway: Bool {
        if case .gateway = source { return true }
        return false
    }

    /// Client and gateway traffic: what a declared firewall must let in (WFC501). SSH is
    /// WFC504's business, and the cluster and Server API flows have rules of their own.
    public var isRequired: Bool {
        switch source {
        case .clients, .gateway: return true
        case .nodes, .serverAPICallers, .operators: return false
        }
    }

    /// How plan.json and messages name the source.
    public var from: String {
        switch source {
        case .clients(let kind): return kind.rawValue
        case .gateway(let address): return "the gateway" + (address.map { " (\($0))" } ?? "")
        case .nodes: return "the other nodes"
        case .serverAPICallers: return "the Server API callers"
        case .operators: return "operators (SSH)"
        }
    }
}

extension Flow.ClientKind {
    /// The clients that dial a listener of this purpose.
    init(_ purpose: Purpose) {
        switch purpose {
        case .tcp, .tcpStream, .httpProxy: self = .native
        case .websocket, .websocketProxy, .websocketStream: self = .web
        case .https, .secureWebsocket, .secureWebsocketProxy: self = .httpsWeb
        default: self = .all
        }
    }
}

extension Flow.Route {
    /// How the gateway carries traffic of this purpose to a node.
    init(gatewayCarrying purpose: Purpose, https: Bool) {
        switch purpose {
        case .http, .httpProxy: self = .gatewayHTTP
        case .tcp, .tcpStream: self = .gatewayStream
        case .websocket: self = https ? .gatewayTLS : .gatewayWebSocket
        default: self = .gatewayWebSocket
        }
    }
}
