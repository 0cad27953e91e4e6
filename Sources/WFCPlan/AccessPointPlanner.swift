import WFCLanguage

/// One access point (全球接入): a layer-4 proxy in another region that maps each node's ports
/// to ports of its own. Each entry is one part of that node's `server.backup_address`, built
/// from the entry itself, so a node cannot be given another node's ports.
public struct PlanAccessPoint: Sendable {
    /// One node's ports on the access point.
    public struct Entry: Sendable {
        public var node: NodeRef
        /// The node's name where the access point's `ports` writes it.
        public var span: Span
        public var http: PortValue
        public var tcp: PortValue
        public var websocket: PortValue
    }

    public var name: Located<String>
    /// Its index in `Plan.hosts`.
    public var host: Int
    public var publicAddress: Located<Host>
    public var backend: GatewayBackend
    /// In the order `ports` writes the nodes.
    public var entries: [Entry]

    /// The node's backup entry: `PUBLIC:HTTP:TCP:WS`.
    func backup(_ e: Entry, index: Int) -> PlanBackup {
        PlanBackup(address: publicAddress, http: e.http.value, tcp: e.tcp.value, websocket: e.websocket.value, accessPoint: index)
    }
}

extension Plan {
    /// `access_points`, each appended to `hosts`, and each entry appended to its node's
    /// backups after the node's own. An entry for a node the topology lacks, or without all
    /// three ports, is WFC310's and left out.
    mutating func resolveAccessPoints(_ t: Topology) {
        let candidates = machines()
        for field in t.accessPoints.value ?? [] {
            guard let spec = field.value, let name = spec.name.located, let publicAddress = spec.publicAddress.located else { continue }
            var ap = PlanAccessPoint(
                name: name, host: hosts.count, publicAddress: publicAddress, backend: spec.backend.value ?? Defaults.gatewayBackend, entries: [])
            for (node, ports) in spec.ports.value ?? [] {
                guard let n = nodeIndex[node.value], let p = ports.value else { continue }
                guard let http = p.http.written(KeyPath(.accessPoints, .ports, .http)), let tcp = p.tcp.written(KeyPath(.accessPoints, .ports, .tcp)),
                    let ws = p.websocket.written(KeyPath(.accessPoints, .ports, .websocket))
                else { continue }
                ap.entries.append(.init(node: nodes[n].ref, span: node.span, http: http, tcp: tcp, websocket: ws))
            }
            for e in ap.entries {
                nodes[e.node.index].backups.append(ap.backup(e, index: accessPoints.count))
            }
            accessPoints.append(ap)
            hosts.append(
                HostPlan(
                    ownHost: name.value, kind: .accessPoint(accessPoints.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: spec.privateAddress.located, among: candidates))
        }
    }

    /// The node's port an access point passes each of its ports to: the short link (HTTP, or
    /// the TCP short link), the long connection, and the WebSocket the node serves itself
    /// (WSS where it ends TLS itself). Nil for what its clients do not use.
    func accessPointTargets(of node: PlanNode) -> [(purpose: Purpose, port: PortValue)] {
        var out: [(Purpose, PortValue)] = []
        out.append(node.shortLinkLocalTCP.map { (.shortLink, $0) } ?? (.http, node.localPort.at(node.name.span)))
        if native { out.append((.tcp, node.tcp)) }
        if web {
            out.append(nodeServesWSS ? (.secureWebsocket, ports.secureWebsocket.at(node.name.span)) : (.websocket, node.websocket))
        }
        return out
    }

    /// The nodes end TLS for WSS themselves: single mode without a gateway, or `tls.wss: nodes`.
    public var nodeServesWSS: Bool { https && ((mode.value == .single && gateway == nil) || wssAtNodes) }

    /// Into a node: each access point that maps it, on the node's own ports.
    func accessPointFlows(into node: PlanNode) -> [Flow] {
        let mapping = accessPoints.filter { $0.entries.contains { $0.node.index == node.index } }
        guard !mapping.isEmpty else { return [] }
        let sources = sources(ofHosts: mapping.map { $0.host })
        return accessPointTargets(of: node).map { target in
            Flow(source: .accessPoints(sources), host: node.index, port: target.port, purpose: target.purpose, route: .accessPoint)
        }
    }

    /// Into each access point: operators over SSH, and clients of its region on each node's
    /// three ports, which it passes to that node.
    func accessPointFlows() -> [Flow] {
        var out: [Flow] = []
        for ap in accessPoints {
            out += operatorFlows(into: ap.host)
            for e in ap.entries {
                let node = nodes[e.node.index]
                for target in accessPointTargets(of: node) {
                    let (port, purpose, clients): (PortValue, Purpose, Flow.ClientKind)
                    switch target.purpose {
                    case .shortLink: (port, purpose, clients) = (e.http, .shortLinkStream(node: node.ref), .native)
                    case .http: (port, purpose, clients) = (e.http, .httpProxy(node: node.ref), .all)
                    case .tcp: (port, purpose, clients) = (e.tcp, .tcpStream(node: node.ref), .native)
                    default: (port, purpose, clients) = (e.websocket, .websocketStream(node: node.ref), .web)
                    }
                    out.append(
                        Flow(
                            source: .clients(clients), host: ap.host, port: port, purpose: purpose,
                            upstream: .node(node.ref, port: target.port.value), dialed: ap.publicAddress.value))
                }
            }
        }
        return out
    }
}
