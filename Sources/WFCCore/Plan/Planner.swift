extension PortValue {
    /// A default port points at whatever uses it; an explicit one keeps its own span.
    func at(_ span: Span) -> PortValue {
        isDefault ? PortValue(value: value, span: span, isDefault: true, key: key) : self
    }
}

extension Field where T == Int {
    func port(_ key: String, default value: Int, at fallback: Span) -> PortValue {
        if let l = located { return PortValue(value: l.value, span: l.span, isDefault: false, key: key) }
        return PortValue(value: value, span: fallback, isDefault: true, key: key)
    }
}

extension Plan {
    /// Resolves a topology that decoded without errors. Nil when a required field is
    /// missing, which the decoder has already reported.
    public init?(_ t: Topology) {
        guard let mode = t.mode.located, let authorized = t.authorizedAddress.located,
              let fields = t.nodes.value else { return nil }
        let specs = fields.compactMap(\.located)
        guard specs.count == fields.count, specs.allSatisfy({ $0.value.name.located != nil }) else { return nil }

        topology = t
        self.mode = mode
        edition = t.edition.value ?? .professional
        network = t.network.value ?? .internet
        authorizedAddress = authorized
        let clients = t.clients.value
        native = clients?.native.value ?? true
        web = clients?.web.value ?? false
        https = (clients?.https.value ?? false) && web

        let p = t.ports.value
        let portsSpan = t.ports.located?.keySpan ?? Span(at: t.span.start)
        ports = ResolvedPorts(
            http: (p?.http ?? .absent).port("ports.http", default: 80, at: portsSpan),
            tcp: (p?.tcp ?? .absent).port("ports.tcp", default: 1883, at: portsSpan),
            websocket: (p?.websocket ?? .absent).port("ports.websocket", default: 8083, at: portsSpan),
            secureWebsocket: (p?.secureWebsocket ?? .absent).port("ports.secure_websocket", default: 8084, at: portsSpan),
            https: (p?.https ?? .absent).port("ports.https", default: 443, at: portsSpan),
            admin: (p?.admin ?? .absent).port("ports.admin", default: 18080, at: portsSpan),
            cluster: (p?.cluster ?? .absent).port("ports.cluster", default: 5701, at: portsSpan))
        let firewall = t.firewall.value
        sshPort = (firewall?.sshPort ?? .absent).port("firewall.ssh_port", default: 22,
                                                      at: t.firewall.located?.keySpan ?? portsSpan)
        backend = firewall?.backend.value ?? .iptables
        serverAPIFrom = firewall?.serverAPIFrom.value.map { $0.compactMap(\.value) }

        if mode.value != .single, let g = t.gateway.located, let publicAddress = g.value.publicAddress.located {
            gateway = PlanGateway(span: g.keySpan ?? g.span, publicAddress: publicAddress,
                                  privateAddress: g.value.privateAddress.located)
        } else {
            gateway = nil
        }

        nodes = []
        for (index, located) in specs.enumerated() {
            let node = Plan.node(located.value, index: index, mode: mode.value, authorized: authorized.value, ports: ports)
            WorkMeter.add()
            if let first = nodeIndex[node.name.value] {
                copies.append(NodeCopy(name: node.name, first: first))
            } else {
                nodeIndex[node.name.value] = nodes.count
                nodes.append(node)
            }
        }
        hosts = []
        hosts = nodes.map(nodeHost) + (gateway.map { [gatewayHost($0)] } ?? [])
        flows = resolveFlows()
        for flow in flows where flow.isRequired {
            hosts[flow.host].required.append(Requirement(port: flow.port, purpose: flow.purpose, fromGateway: flow.isFromGateway))
        }
        applyFirewall(firewall)
        for i in nodes.indices {
            nodes[i].imConfig = imConfig(for: nodes[i])
        }
    }

    private static func node(_ spec: NodeSpec, index: Int, mode: Mode, authorized: Host, ports: ResolvedPorts) -> PlanNode {
        let name = spec.name.located ?? Located("", span: spec.span)
        let nodePorts = spec.ports.value
        func proxy(_ field: Field<Int>, _ key: String) -> PortValue? {
            field.located.map { PortValue(value: $0.value, span: $0.span, isDefault: false, key: key) }
        }
        /// The node's own port when written, else the top-level one, pointing at the node.
        func own(_ field: Field<Int>?, _ shared: PortValue) -> PortValue {
            proxy(field ?? .absent, shared.key) ?? shared.at(name.span)
        }
        return PlanNode(
            index: index,
            written: NodeSettings(serverIP: spec.serverIP, websocket: nodePorts?.websocket ?? .absent, http: nodePorts?.http ?? .absent,
                                  websocketProxyPort: spec.websocketProxyPort,
                                  websocketProxySecurePort: spec.websocketProxySecurePort),
            name: name,
            nodeID: spec.nodeID.port("node_id", default: index + 1, at: name.span),
            requiredServerIP: mode == .multiNode ? spec.publicAddress.value : authorized,
            publicAddress: spec.publicAddress.located, privateAddress: spec.privateAddress.located,
            tcp: own(nodePorts?.tcp, ports.tcp),
            websocket: own(nodePorts?.websocket, ports.websocket),
            // Only single entry gives a node an HTTP port of its own (WFC306 says so elsewhere).
            http: own(mode == .singleEntry ? nodePorts?.http : nil, ports.http),
            websocketProxyPort: proxy(spec.websocketProxyPort, "websocket_proxy_port"),
            websocketProxySecurePort: proxy(spec.websocketProxySecurePort, "websocket_proxy_secure_port"),
            imConfig: [])
    }

    /// The gateway's address on the network it shares with a node (DOMAIN.md): its private
    /// address when both have one; its public one when the node has only a public address.
    /// A node with only a private address and a gateway without one: the gateway reaches it
    /// from an address the topology does not name, so it is unknown (and not restricted).
    private static func gatewaySource(_ gateway: PlanGateway?, node: PlanNode) -> IPAddress? {
        guard let gateway else { return nil }
        if node.privateAddress != nil {
            return gateway.privateAddress?.value.address
        }
        return node.publicAddress == nil ? nil : gateway.publicAddress.value.address
    }

    /// Where cluster peers connect from: each node's private address, or its public one when
    /// it has none (names that are not IP literals cannot be firewall sources). One list serves
    /// every node, its own address included (harmless), so the plan stays linear in the nodes.
    func clusterSources() -> [AddressRange] {
        WorkMeter.add(nodes.count)
        guard nodes.count > 1 else { return [] }
        return nodes.compactMap { peer in
            (peer.privateAddress ?? peer.publicAddress)?.value.address.flatMap { AddressRange($0.description) }
        }
    }

    private func nodeHost(_ node: PlanNode) -> HostPlan {
        let at = node.name.span
        let behindGateway = mode.value == .singleEntry
        var listeners = [
            Listener(port: ports.http.at(at), purpose: .http, exposure: behindGateway ? .gatewayOnly : .public),
            Listener(port: node.tcp, purpose: .tcp, exposure: behindGateway ? .gatewayOnly : .public),
        ]
        if web {
            let proxied = behindGateway || (mode.value == .multiNode && https)
            listeners.append(Listener(port: node.websocket, purpose: .websocket, exposure: proxied ? .gatewayOnly : .public))
        }
        if mode.value == .single, https {
            listeners.append(Listener(port: ports.https.at(at), purpose: .https, exposure: .public))
            listeners.append(Listener(port: ports.secureWebsocket.at(at), purpose: .secureWebsocket, exposure: .public))
        }
        listeners.append(Listener(port: ports.admin.at(at), purpose: .admin, exposure: .internal))
        listeners.append(Listener(port: ports.cluster.at(at), purpose: .cluster, exposure: .internal))
        return HostPlan(name: node.name.value, kind: .node(node.index), span: at,
                        publicAddress: node.publicAddress, privateAddress: node.privateAddress,
                        listeners: listeners, required: [], declared: nil, openings: [],
                        gatewaySource: Plan.gatewaySource(gateway, node: node))
    }

    private func gatewayHost(_ gateway: PlanGateway) -> HostPlan {
        let at = gateway.span
        var listeners = [Listener(port: ports.http.at(at), purpose: .http, exposure: .public)]
        if https {
            listeners.append(Listener(port: ports.https.at(at), purpose: .https, exposure: .public))
        }
        for node in nodes {
            let name = node.name.value
            switch mode.value {
            case .multiNode:
                guard https else { continue }
                if let p = node.websocketProxyPort {
                    listeners.append(Listener(port: p, purpose: .websocketProxy(node: name), exposure: .public))
                }
                if let p = node.websocketProxySecurePort {
                    listeners.append(Listener(port: p, purpose: .secureWebsocketProxy(node: name), exposure: .public))
                }
            case .singleEntry:
                // Each node's short links on its own port, to that node's `local_port`; a
                // node left on the route port is WFC304's business.
                if node.http.value != ports.http.value {
                    listeners.append(Listener(port: node.http, purpose: .httpProxy(node: name), exposure: .public))
                }
                if native {
                    listeners.append(Listener(port: node.tcp, purpose: .tcpStream(node: name), exposure: .public))
                }
                if web {
                    if let p = node.websocketProxyPort {
                        listeners.append(Listener(port: p, purpose: .websocketProxy(node: name), exposure: .public))
                    } else {
                        listeners.append(Listener(port: node.websocket, purpose: .websocketStream(node: name), exposure: .public))
                    }
                }
                if https, let p = node.websocketProxySecurePort {
                    listeners.append(Listener(port: p, purpose: .secureWebsocketProxy(node: name), exposure: .public))
                }
            case .single:
                break
            }
        }
        return HostPlan(name: "gateway", kind: .gateway, span: at,
                        publicAddress: gateway.publicAddress, privateAddress: gateway.privateAddress,
                        listeners: listeners, required: [], declared: nil, openings: [])
    }

    /// Who reaches each host: operators over SSH; clients or the gateway on every listener
    /// they use (the long-connection port only with native clients); the other nodes on the
    /// cluster port; the Server API callers on the admin port. Admin and cluster never from
    /// clients.
    private func resolveFlows() -> [Flow] {
        let peers = clusterSources()
        var out: [Flow] = []
        for (i, host) in hosts.enumerated() {
            out.append(Flow(source: .operators, host: i, port: sshPort.value, proto: .tcp, purpose: .ssh, route: .direct))
            for l in host.listeners where l.exposure != .internal && (l.purpose != .tcp || native) {
                let viaGateway = l.exposure == .gatewayOnly
                out.append(Flow(source: viaGateway ? .gateway(host.gatewaySource) : .clients(Flow.ClientKind(l.purpose)),
                                host: i, port: l.port.value, proto: .tcp, purpose: l.purpose,
                                route: viaGateway ? Flow.Route(gatewayCarrying: l.purpose, https: https) : .direct))
            }
            guard case .node = host.kind else { continue }
            if !peers.isEmpty {
                out.append(Flow(source: .nodes(peers), host: i, port: ports.cluster.value, proto: .tcp, purpose: .cluster, route: .direct))
            }
            if let callers = serverAPIFrom, !callers.isEmpty {
                out.append(Flow(source: .serverAPICallers(callers), host: i, port: ports.admin.value, proto: .tcp, purpose: .admin, route: .direct))
            }
        }
        return out
    }

    private mutating func applyFirewall(_ firewall: Firewall?) {
        if let rules = firewall?.allow.value {
            // Built per host in local arrays and stored once: appending to `hosts[i].declared`
            // through its optional copied the array on every port (quadratic in the ports).
            var declared = [[Opening]](repeating: [], count: hosts.count)
            let nodeHosts = hosts.indices.filter { if case .node = hosts[$0].kind { true } else { false } }
            for (index, field) in rules.enumerated() {
                guard let rule = field.value else { continue }
                let proto = rule.protocol.value ?? .tcp
                var sources: [AddressRange]?
                if case .ranges(let ranges)? = rule.from.value { sources = ranges.compactMap(\.value) }
                var targets = Set<Int>()
                for target in (rule.to.value ?? []).compactMap(\.value) {
                    targets.formUnion(target == "nodes" ? nodeHosts : hostIndexes(target))
                }
                let ports = (rule.ports.value ?? []).compactMap(\.located)
                for hostIndex in targets.sorted() {
                    declared[hostIndex].reserveCapacity(declared[hostIndex].count + ports.count)
                    WorkMeter.add(ports.count)
                    for p in ports {
                        declared[hostIndex].append(Opening(port: p.value.lower, through: p.value.upper, proto: proto, sources: sources,
                                                           span: p.span, rule: index, purpose: nil))
                    }
                }
            }
            for i in hosts.indices {
                hosts[i].declared = declared[i]
                hosts[i].openings = declared[i]
            }
        } else {
            // Derived: exactly the flows, each opened to its own sources.
            var openings = [[Opening]](repeating: [], count: hosts.count)
            WorkMeter.add(flows.count)
            for f in flows {
                openings[f.host].append(Opening(port: f.port, through: f.port, proto: f.proto, sources: f.sources,
                                                span: nil, rule: nil, purpose: f.purpose))
            }
            for i in hosts.indices { hosts[i].openings = openings[i] }
        }
    }

    /// The hosts a firewall target names: `nodes`, `gateway`, `all` or a node's name.
    public func hostIndexes(_ target: String) -> [Int] {
        WorkMeter.add(target == "all" || target == "nodes" || target == "gateway" ? hosts.count : 1)
        switch target {
        case "all": return Array(hosts.indices)
        case "nodes": return hosts.indices.filter { if case .node = hosts[$0].kind { true } else { false } }
        case "gateway": return hosts.indices.filter { hosts[$0].kind == .gateway }
        default: return nodeIndex[target].map { [$0] } ?? []
        }
    }

    private func imConfig(for node: PlanNode) -> [IMEntry] {
        func text(_ key: String, _ value: String) -> IMEntry { IMEntry(key: key, value: .text(value)) }
        func number(_ key: String, _ value: Int) -> IMEntry { text(key, String(value)) }
        let serverIP = node.written.serverIP.value ?? node.requiredServerIP
        var entries = [
            text("server.ip", serverIP?.text ?? ""),
            number("port", node.tcp.value),
            number("http_port", node.http.value),
            number("local_port", ports.http.value),
            number("http.admin.port", ports.admin.value),
            number("node_id", node.nodeID.value),
        ]
        if web { entries.append(number("websocket_port", node.websocket.value)) }
        let tls = topology.tls.value
        switch mode.value {
        case .single where https:
            entries.append(number("https_port", ports.https.value))
            entries.append(number("secure_websocket_port", ports.secureWebsocket.value))
            if let path = tls?.jksPath.value { entries.append(text("jks_path", path)) }
            if let s = tls?.keyStorePassword.value { entries.append(IMEntry(key: "key_store_password", value: .secret(s))) }
            if let s = tls?.keyManagerPassword.value { entries.append(IMEntry(key: "key_manager_password", value: .secret(s))) }
        case .multiNode where https:
            entries.append(text("websocket_proxy_host", authorizedAddress.value.text))
            if let p = node.websocketProxyPort { entries.append(number("websocket_proxy_port", p.value)) }
            if let p = node.websocketProxySecurePort { entries.append(number("websocket_proxy_secure_port", p.value)) }
        case .singleEntry where web && (https || node.websocketProxyPort != nil):
            entries.append(text("websocket_proxy_host", authorizedAddress.value.text))
            if let p = node.websocketProxyPort { entries.append(number("websocket_proxy_port", p.value)) }
            if https, let p = node.websocketProxySecurePort { entries.append(number("websocket_proxy_secure_port", p.value)) }
        default:
            break
        }
        return entries
    }
}
