import WFCLanguage

/// Who talks to whom: one kind of traffic into one host's port. The plan resolves the flows
/// once (`Plan.resolveFlows`, the one place that decides mode × clients); the listeners, the
/// firewall openings, WFC501's requirements, the nginx servers, the IM config's proxy keys,
/// the checklist's and the probe's endpoints and plan.json all read them.
public struct Flow: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Clients of a kind dial it (from anywhere).
        case clients(ClientKind)
        /// The gateway, from its address on the network it shares with the host, or an external
        /// balancer from its source ranges (nil: unknown).
        case gateway([AddressRange]?)
        /// The gateway on the host itself (`gateway.on`), over loopback: no firewall opening.
        case loopback
        /// The other cluster members, at these addresses.
        case nodes([AddressRange])
        /// The Server API callers (`firewall.server_api_from`).
        case serverAPICallers([AddressRange])
        /// Operators over SSH.
        case operators
        /// The users of a service (`services[].from`; nil: anyone).
        case serviceUsers([AddressRange]?)
        /// The media servers (janus), which reach every node's HTTP and MQTT ports.
        case mediaServers([AddressRange])
        /// The TURN servers in front of janus (`calls.relay`), from the LAN they share with it.
        case turnServers([AddressRange])
        /// The access points (`access_points`) that map this node's ports, from their addresses.
        case accessPoints([AddressRange])
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
        case accessPoint = "access point layer 4"
    }

    /// Where the gateway passes a flow that ends on it.
    public enum Upstream: Sendable, Hashable {
        /// Balanced over every node, on this port of each.
        case everyNode(port: Int)
        /// One node, on this port.
        case node(NodeRef, port: Int)

        public var port: Int {
            switch self {
            case .everyNode(let port), .node(_, let port): return port
            }
        }
    }

    public var source: Source
    /// Index in `Plan.hosts`.
    public var host: Int
    public var port: PortValue
    /// The last port of a range (a service's `40000-40100`); nil for one port.
    public var through: Int? = nil
    public var proto: TransportProtocol = .tcp
    public var purpose: Purpose
    public var route: Route = .direct
    /// Flows into the gateway: where it passes them.
    public var upstream: Upstream? = nil
    /// Client flows: the address clients dial (the authorized address at an entry point, a
    /// multi-node node's public address); nil when the topology does not give one.
    public var dialed: Host? = nil
    /// The port clients dial when a router maps another one to `port` (`port_mapping`'s
    /// outside HTTP port); nil when they dial `port` itself.
    public var outsidePort: Int? = nil

    /// The port clients dial.
    public var dialedPort: Int { outsidePort ?? port.value }

    /// The firewall sources that admit this flow; nil for anywhere.
    public var sources: [AddressRange]? {
        switch source {
        case .clients, .operators: return nil
        case .loopback: return []
        case .serviceUsers(let ranges): return ranges
        case .gateway(let ranges): return ranges
        case .nodes(let ranges), .serverAPICallers(let ranges), .mediaServers(let ranges), .turnServers(let ranges), .accessPoints(let ranges):
            return ranges
        }
    }

    /// From the gateway, over the network or (on the same host) over loopback.
    public var isFromGateway: Bool {
        switch source {
        case .gateway, .loopback: return true
        default: return false
        }
    }

    /// Over loopback: the firewall accepts it without an opening.
    public var isLoopback: Bool {
        if case .loopback = source { return true }
        return false
    }

    public var isFromClients: Bool {
        if case .clients = source { return true }
        return false
    }

    /// From an access point, which passes clients of its region to the node.
    public var isFromAccessPoint: Bool {
        if case .accessPoints = source { return true }
        return false
    }

    /// From a proxy in front of the host: the gateway or an access point.
    public var isFromProxy: Bool { isFromGateway || isFromAccessPoint }

    /// Client, gateway and access-point traffic: what a declared firewall must let in
    /// (WFC501). SSH is WFC504's business, and the cluster and Server API flows have rules of
    /// their own.
    public var isRequired: Bool { (isFromClients || isFromProxy) && !isLoopback }

    /// The one node the gateway passes this flow to.
    public var upstreamNode: NodeRef? {
        if case .node(let n, _)? = upstream { return n }
        return nil
    }

    /// Passed to every node in turn (the route and the API).
    public var isBalanced: Bool {
        if case .everyNode? = upstream { return true }
        return false
    }

    /// The node the traffic ends on: the host itself, or the gateway's upstream node.
    public func node(in plan: Plan) -> NodeRef? {
        if case .node(let n) = plan.hosts[host].kind { return n }
        return upstreamNode
    }

    /// How plan.json and messages name the source.
    public var from: String {
        switch source {
        case .clients(let kind): return kind.rawValue
        case .gateway(let ranges): return "the gateway" + (ranges.map { " (\($0.map { $0.description }.joined(separator: ", ")))" } ?? "")
        case .loopback: return "the gateway (loopback)"
        case .nodes: return "the other nodes"
        case .serverAPICallers: return "the Server API callers"
        case .operators: return "operators (SSH)"
        case .serviceUsers: return "the service's users"
        case .mediaServers: return "the media servers"
        case .turnServers: return "the TURN servers"
        case .accessPoints: return "the access points"
        }
    }
}
