import WFCLanguage

extension PortValue {
    /// A default port points at whatever uses it; an explicit one keeps its own span.
    package func at(_ span: Span) -> PortValue {
        isDefault ? PortValue(value: value, span: span, isDefault: true, key: key) : self
    }
}

extension Field where T == Int {
    /// The port as written, at its own span; nil when it is not.
    func written(_ key: KeyPath) -> PortValue? {
        located.map { PortValue(value: $0.value, span: $0.span, isDefault: false, key: key) }
    }

    func port(_ key: KeyPath, default value: Int, at fallback: Span) -> PortValue {
        written(key) ?? PortValue(value: value, span: fallback, isDefault: true, key: key)
    }
}

extension Plan {
    /// Resolves a topology that decoded without errors. Nil when a required field is
    /// missing, which the decoder has already reported.
    public init?(_ t: Topology) {
        guard let mode = t.mode.located, let authorized = t.authorizedAddress.located,
            let fields = t.nodes.value
        else { return nil }
        // Read in place, never copied: a node's spec is a few KiB, and a paste holds tens of thousands.
        guard fields.allSatisfy({ $0.located?.value.name.located != nil }) else { return nil }

        topology = t
        self.mode = mode
        edition = t.edition.value ?? Defaults.edition
        network = t.network.value ?? Defaults.network
        authorizedAddress = authorized
        let clients = t.clients.value
        native = clients?.native.value ?? Defaults.native
        web = clients?.web.value ?? Defaults.web
        https = (clients?.https.value ?? Defaults.httpsClients) && web
        sdk = clients?.sdk.value ?? Defaults.sdk
        tcpShortLink = native && clients?.shortLink.value == .tcp
        tlsLongLink = native && clients?.longLink.value == .tls
        wssAtNodes = https && mode.value == .multiNode && t.tls.value?.wss.value == .nodes

        let p = t.ports.value
        let portsSpan = t.ports.located?.keySpan ?? Span(at: t.span.start)
        ports = ResolvedPorts(
            http: (p?.http ?? .absent).port(KeyPath(.ports, .http), default: Defaults.http, at: portsSpan),
            tcp: (p?.tcp ?? .absent).port(KeyPath(.ports, .tcp), default: Defaults.tcp, at: portsSpan),
            websocket: (p?.websocket ?? .absent).port(KeyPath(.ports, .websocket), default: Defaults.websocket, at: portsSpan),
            secureWebsocket: (p?.secureWebsocket ?? .absent).port(KeyPath(.ports, .secureWebsocket), default: Defaults.secureWebsocket, at: portsSpan),
            https: (p?.https ?? .absent).port(KeyPath(.ports, .https), default: Defaults.https, at: portsSpan),
            admin: (p?.admin ?? .absent).port(KeyPath(.ports, .admin), default: Defaults.admin, at: portsSpan),
            cluster: (p?.cluster ?? .absent).port(KeyPath(.ports, .cluster), default: Defaults.cluster, at: portsSpan),
            shortLinkTCP: (p?.shortLinkTCP ?? .absent).port(KeyPath(.ports, .shortLinkTCP), default: Defaults.shortLinkTCP, at: portsSpan),
            ssl: p?.ssl.written(KeyPath(.ports, .ssl)))
        let firewall = t.firewall.value
        sshPort = (firewall?.sshPort ?? .absent).port(
            KeyPath(.firewall, .sshPort), default: Defaults.ssh,
            at: t.firewall.located?.keySpan ?? portsSpan)
        backend = firewall?.backend.value ?? Defaults.backend
        serverAPIFrom = firewall?.serverAPIFrom.value.map { $0.compactMap { $0.value } }

        let on = t.gateway.value?.on.located
        let local = p?.local.written(KeyPath(.ports, .local))

        nodes = []
        // Read once: `self`'s properties, passed while `self` is being built, were copied for
        // each node.
        let (resolvedPorts, resolvedMode, resolvedAuthorized) = (ports, mode.value, authorized.value)
        for (index, field) in fields.enumerated() {
            guard let located = field.located else { continue }
            let hostsGateway = on?.value == located.value.name.value && !fields[..<index].contains { $0.value?.name.value == on?.value }
            var node = Plan.node(
                located.value, index: index, mode: resolvedMode, authorized: resolvedAuthorized, ports: resolvedPorts,
                hostsGateway: hostsGateway,
                local: local
                    ?? (hostsGateway
                        ? PortValue(
                            value: Defaults.localBesideGateway, span: on?.span ?? portsSpan,
                            isDefault: true, key: KeyPath(.ports, .local)) : nil))
            node.docker = located.value.docker.value
            if tcpShortLink {
                // Like `http_port`: single entry gives each node a gateway port of its own, and
                // multi-node the node the gateway runs on; the others bind what clients are told.
                let own = mode.value == .singleEntry || (mode.value == .multiNode && hostsGateway)
                let written = own ? located.value.ports.value?.shortLinkTCP.written(KeyPath(.ports, .shortLinkTCP)) : nil
                let told = written ?? ports.shortLinkTCP.at(node.name.span)
                node.shortLinkTCP = told
                // Single entry's nodes bind the top-level port behind the gateway; the one the
                // gateway runs on binds its own, which clients dial directly (as its long connection).
                node.shortLinkLocalTCP = mode.value == .singleEntry && !hostsGateway ? ports.shortLinkTCP.at(node.name.span) : told
            }
            // Single entry's TLS long link: each node's own TLS ports, passed through the gateway.
            if tlsLongLink, mode.value == .singleEntry, let ssl = ports.ssl {
                let own = located.value.ports.value
                node.ssl = own?.ssl.written(KeyPath(.nodes, .ports, .ssl)) ?? ssl.at(node.name.span)
                node.ownHTTPS = own?.https.written(KeyPath(.nodes, .ports, .https)) ?? ports.https.at(node.name.span)
            }
            // Backups are built for nodes that clients dial directly (single, multi-node).
            if mode.value != .singleEntry {
                let wss =
                    https
                    ? (mode.value == .single && on == nil
                        ? ports.secureWebsocket.value
                        : node.websocketProxySecurePort?.value ?? (on != nil ? ports.secureWebsocket.value : nil)) : nil
                node.backups = Plan.backups(located.value, node: node, secureWebsocket: wss)
            }
            if let first = nodeIndex[node.name.value] {
                copies.append(NodeCopy(name: node.name, first: first))
            } else {
                // Its place in `nodes` and `hosts`, which a pasted copy before it shifts.
                node.index = nodes.count
                nodeIndex[node.name.value] = nodes.count
                nodes.append(node)
            }
        }
        if let g = t.gateway.located, let on {
            if let n = nodeIndex[on.value] {
                let node = nodes[n]
                gateway = PlanGateway(
                    span: g.keySpan ?? g.span,
                    publicAddress: node.publicAddress ?? Located(authorized.value, span: on.span),
                    privateAddress: node.privateAddress, on: n, backend: g.value.backend.value ?? Defaults.gatewayBackend,
                    sourceRanges: g.value.sourceRanges.value.map { $0.compactMap { $0.value } })
            } else {
                gateway = nil
            }
        } else if mode.value != .single, let g = t.gateway.located, let publicAddress = g.value.publicAddress.located {
            gateway = PlanGateway(
                span: g.keySpan ?? g.span, publicAddress: publicAddress,
                privateAddress: g.value.privateAddress.located, backend: g.value.backend.value ?? Defaults.gatewayBackend,
                sourceRanges: g.value.sourceRanges.value.map { $0.compactMap { $0.value } })
        } else {
            gateway = nil
        }
        let capacity = t.capacity.located
        let connections = capacity?.value.connections.located
        sizing = Sizing(
            connections: connections?.value ?? Defaults.connections,
            span: connections?.span ?? capacity?.keySpan ?? mode.span, isDefault: connections == nil, nodes: nodes.count, edition: edition)
        // An `on` that names no node is WFC109's alone: TLS is still the gateway's.
        // The TLS long link's HTTPS route ends at the gateway in a cluster, at the node alone.
        tls =
            https || tlsLongLink
            ? Plan.tls(t.tls.value, gateway: gateway != nil || on != nil, keystore: tlsLongLink && mode.value == .singleEntry) : nil
        let m = t.media.value
        let storage = m?.storage.value ?? Defaults.mediaStorage
        media = PlanMedia(
            storage: storage, maxUpload: m?.maxUpload.value ?? Defaults.maxUpload,
            filesOrigin: storage == .builtin && https && gateway != nil
                ? "https://\(authorized.value.uriHost)\(ports.https.value == 443 ? "" : ":\(ports.https.value)")" : nil,
            filesPerNode: nodes.count > 1)
        hosts = []
        hosts = nodes.map(nodeHost)
        if let g = gateway {
            gatewayIndex = hosts.count
            hosts.append(
                HostPlan(
                    name: FirewallTarget.gateway.word, kind: .gateway, span: g.span,
                    publicAddress: g.publicAddress, privateAddress: g.privateAddress,
                    listeners: [], declared: nil, openings: [], machine: Plan.machine(ofGateway: g, nodes: nodes)))
        }
        resolveCalls(t)
        services = resolveServices(t)
        if let named = firewall?.serverAPIServices, !named.isEmpty {
            serverAPIFrom = (serverAPIFrom ?? []) + serviceCallers(named)
        }
        resolveAppServer(t)
        resolveAccessPoints(t)
        flows = resolveFlows() + turnFlows() + mediaFlows() + appFlows() + accessPointFlows()
        var start = 0
        for i in hosts.indices {
            var end = start
            while end < flows.count, flows[end].host == i { end += 1 }
            hosts[i].flows = start..<end
            start = end
        }
        // A method called on `self` while it is being built copies all of it (KiBs) for each
        // call: the per-host and per-node steps read one copy made once they have what they need,
        // passed to a function that returns before `hosts` and `nodes` change, so that no copy
        // still shares their storage then (which would copy every host or node once more).
        let listeners = Self.listeners(in: self)
        for i in hosts.indices { hosts[i].listeners = listeners[i] }
        applyFirewall(firewall)
        applyEgress(firewall)
        let configs = Self.imConfigs(in: self)
        for i in nodes.indices { nodes[i].imConfig = configs[i] }
    }

    private static func listeners(in plan: Plan) -> [[Listener]] {
        plan.hosts.map { plan.listeners(of: $0) }
    }

    private static func imConfigs(in plan: Plan) -> [[IMEntry]] {
        // The gateway's flows by the node they pass to, so that each node looks up its own.
        let proxied = Dictionary(grouping: plan.gatewayHost.map { plan.flows[$0.flows] } ?? [], by: { $0.upstreamNode?.index })
        return plan.nodes.indices.map { i in
            plan.imConfig(for: plan.nodes[i], proxied: proxied[i] ?? []) + plan.conferenceConfig(for: plan.nodes[i])
        }
    }

    /// `nodes[].backup` with every port resolved: what is not given is what clients of the
    /// primary network are told (the WSS port for HTTPS pages, else the WS port). An entry
    /// without an address is the decoder's finding, left out.
    private static func backups(_ spec: NodeSpec, node: PlanNode, secureWebsocket: Int?) -> [PlanBackup] {
        (spec.backup.value ?? []).compactMap { field in
            guard let b = field.value, let address = b.address.located else { return nil }
            return PlanBackup(
                address: address, http: b.http.value ?? node.http.value, tcp: b.tcp.value ?? node.tcp.value,
                websocket: b.websocket.value ?? secureWebsocket ?? node.websocket.value)
        }
    }

    /// The gateway's certificate or the node's keystore; both behind a single-entry gateway
    /// with the TLS long link, whose nodes end it themselves (`keystore`).
    private static func tls(_ settings: TLSSettings?, gateway: Bool, keystore: Bool = false) -> PlanTLS {
        let store = PlanTLS.Keystore(
            path: settings?.jksPath.value, storePassword: settings?.keyStorePassword.located, managerPassword: settings?.keyManagerPassword.located)
        guard gateway else { return PlanTLS(keystore: store) }
        return PlanTLS(
            keystore: keystore ? store : nil,
            certificate: PlanTLS.Certificate(chain: settings?.certificate.value, key: settings?.certificateKey.value))
    }

    private static func node(
        _ spec: NodeSpec, index: Int, mode: Mode, authorized: Host, ports: ResolvedPorts,
        hostsGateway: Bool, local: PortValue?
    ) -> PlanNode {
        let name = spec.name.located ?? Located("", span: spec.span)
        let nodePorts = spec.ports.value
        /// The node's own port when written, else the top-level one, pointing at the node.
        func own(_ field: Field<Int>?, _ shared: PortValue) -> PortValue {
            field?.written(shared.key) ?? shared.at(name.span)
        }
        return PlanNode(
            .init(
                index: index,
                written: NodeSettings(
                    serverIP: spec.serverIP, websocket: nodePorts?.websocket ?? .absent, http: nodePorts?.http ?? .absent,
                    websocketProxyPort: spec.websocketProxyPort,
                    websocketProxySecurePort: spec.websocketProxySecurePort),
                name: name,
                nodeID: spec.nodeID.port(KeyPath(.nodeID), default: index + 1, at: name.span),
                requiredServerIP: mode == .multiNode ? spec.domain.value ?? spec.publicAddress.value : authorized,
                publicAddress: spec.publicAddress.located, privateAddress: spec.privateAddress.located,
                tcp: own(nodePorts?.tcp, ports.tcp),
                websocket: own(nodePorts?.websocket, ports.websocket),
                // Single entry gives each node an HTTP port of its own, and multi-node the node the
                // gateway runs on, whose 80 the gateway takes (WFC306 says so elsewhere).
                http: own(mode == .singleEntry || (mode == .multiNode && hostsGateway) ? nodePorts?.http : nil, ports.http),
                localPort: (local ?? ports.http).at(name.span),
                portMapping: mode == .single ? spec.portMapping.located : nil,
                domain: mode == .multiNode ? spec.domain.located : nil,
                keystore: spec.tls.value.map {
                    PlanTLS.Keystore(
                        path: $0.jksPath.value, storePassword: $0.keyStorePassword.located,
                        managerPassword: $0.keyManagerPassword.located)
                },
                websocketProxyPort: spec.websocketProxyPort.written(KeyPath(.websocketProxyPort)),
                websocketProxySecurePort: spec.websocketProxySecurePort.written(KeyPath(.websocketProxySecurePort)),
                imConfig: []))
    }

    /// The gateway's address on the network it shares with a node (docs/domain.md): its private
    /// address when both have one; its public one when the node has only a public address.
    /// A node with only a private address and a gateway without one: the gateway reaches it
    /// from an address the topology does not name, so it is unknown (and not restricted).
    /// An external balancer connects from its `source_ranges`, whatever its public address.
    static func gatewaySources(_ gateway: PlanGateway?, node: some HostAddresses, onGatewayHost: Bool) -> [AddressRange]? {
        guard let gateway, !onGatewayHost else { return nil }
        if gateway.isExternal { return gateway.sourceRanges }
        let address =
            node.privateAddress != nil
            ? gateway.privateAddress?.value.address
            : node.publicAddress == nil ? nil : gateway.publicAddress.value.address
        return address.map { [AddressRange($0)] }
    }

    /// `services` on their machines. One whose `on` names no host is left out (WFC006).
    private func resolveServices(_ t: Topology) -> [PlanService] {
        (t.services.value ?? []).compactMap { $0.value }.compactMap { s in
            guard let name = s.name.located, let on = s.on.value, let target = hostIndexes(FirewallTarget(on)).first else { return nil }
            let host = machine(of: target)
            var sources: [AddressRange]?
            if case .ranges(let ranges)? = s.from.value { sources = ranges.compactMap { $0.value } }
            return PlanService(
                name: name, host: host, besideGateway: isBesideGateway(host),
                ports: (s.ports.value ?? []).compactMap { $0.located }, sources: sources,
                proto: s.protocol.value ?? Defaults.transport, domain: s.domain.located,
                maxUpload: s.maxUpload.value ?? Defaults.serviceMaxUpload)
        }
    }

    /// Whether a machine (index in `hosts`) also runs the gateway.
    func isBesideGateway(_ machine: Int) -> Bool {
        gatewayIndex.map { self.machine(of: $0) == machine } ?? false
    }

    /// The addresses the services named in `server_api_from` call from.
    private func serviceCallers(_ named: [Located<String>]) -> [AddressRange] {
        named.compactMap { name in services.first(where: { $0.name.value == name.value }).flatMap(callerAddress(of:)) }
    }

    /// Where a service calls the Server API from: nowhere on a node's host (loopback), the
    /// gateway's address on the nodes' network beside it, the app server's own on its host.
    func callerAddress(of service: PlanService) -> AddressRange? {
        switch hosts[service.host].kind {
        case .gateway, .app: break
        case .node, .turn, .media, .accessPoint: return nil
        }
        guard let address = hosts[service.host].internalAddress?.address else { return nil }
        return AddressRange(address)
    }

    /// The flows into a service's ports on one host.
    func serviceFlows(into host: Int) -> [Flow] {
        services.filter { $0.host == host }.flatMap { s in
            s.ports.map { p in
                Flow(
                    source: .serviceUsers(s.sources), host: host,
                    port: PortValue(value: p.value.lower, span: p.span, isDefault: false, key: KeyPath(.services, .ports)),
                    through: p.value.upper == p.value.lower ? nil : p.value.upper, proto: s.proto, purpose: .service(s.name.value))
            }
        }
    }

    /// Where cluster peers connect from: each node's private address, or its public one when
    /// it has none (names that are not IP literals cannot be firewall sources). One list serves
    /// every node, its own address included (harmless), so the plan stays linear in the nodes.
    package func clusterSources() -> [AddressRange] {
        nodes.count > 1 ? sources(ofHosts: nodes.map { $0.index }) : []
    }

    /// Where these hosts connect from: each one's private address, else its public one (names
    /// that are not IP literals cannot be firewall sources).
    public func sources(ofHosts indexes: [Int]) -> [AddressRange] {
        indexes.compactMap { hosts[$0].internalAddress?.address.map(AddressRange.init) }
    }

    private func nodeHost(_ node: PlanNode) -> HostPlan {
        HostPlan(
            name: node.name.value, kind: .node(node.ref), span: node.name.span,
            publicAddress: node.publicAddress, privateAddress: node.privateAddress,
            listeners: [], declared: nil, openings: [],
            gatewaySources: Plan.gatewaySources(gateway, node: node, onGatewayHost: gateway?.on == node.index))
    }

    /// What binds a port on a host. The gateway's nginx listens exactly where its flows
    /// arrive. A node's IM server binds its ports whether or not a flow uses them (the TCP
    /// port without native clients, say); what reaches each says how exposed it is.
    private func listeners(of host: HostPlan) -> [Listener] {
        // Read in place, not filtered into arrays: this runs for each of ten thousand nodes,
        // and copying their flows was most of it.
        let arriving = flows[host.flows].lazy.filter { $0.purpose != .ssh }
        // A range is a listener on each of its ports (a service's few hundred); a wider one
        // (a TURN relay's) is taken as declared, as WFC505 takes ranges.
        func bound(_ f: Flow) -> [Listener] {
            let last = f.through ?? f.port.value
            return (last - f.port.value < 4096 ? Array(f.port.value...last) : [f.port.value]).map { p in
                var port = f.port
                port.value = p
                return Listener(port: port, purpose: f.purpose, exposure: .public, proto: f.proto)
            }
        }
        func isService(_ f: Flow) -> Bool { if case .service = f.purpose { true } else { false } }
        var services: [Listener] = []
        for f in arriving where isService(f) { services += bound(f) }
        guard case .node(let n) = host.kind else {
            // janus binds its API (the shipped configs' HTTP and WebSocket transports): never opened.
            let janus =
                host.kind.family == .media
                ? Plan.janusAPIPorts.map {
                    Listener(
                        port: PortValue(value: $0, span: host.span, isDefault: true, key: KeyPath(.calls, .mediaServers)), purpose: .janusAPI,
                        exposure: .internal)
                }
                : []
            var listeners: [Listener] = []
            for f in arriving where !isService(f) { listeners += bound(f) }
            return listeners + services + janus
        }
        let node = nodes[n.index], at = node.name.span
        var listeners: [Listener] = []
        listeners.reserveCapacity(8 + services.count)
        func bind(_ port: PortValue, _ purpose: Purpose) {
            let exposure: Exposure
            if purpose == .admin || purpose == .cluster || (purpose == .tcp && tlsLongLink) {
                // With the TLS long link the plain one must face no client (never both).
                exposure = .internal
            } else {
                // Reached over TCP only through a proxy (the gateway's): for the gateway only.
                var reached = false, direct = false
                for f in arriving where f.proto == .tcp && f.port.value == port.value {
                    reached = true
                    if !f.isFromProxy {
                        direct = true
                        break
                    }
                }
                exposure = reached && !direct ? .gatewayOnly : .public
            }
            listeners.append(Listener(port: port, purpose: purpose, exposure: exposure))
        }
        bind(node.localPort.at(at), .http)
        bind(node.tcp, .tcp)
        if web { bind(node.websocket, .websocket) }
        if let shortLink = node.shortLinkLocalTCP { bind(shortLink, .shortLink) }
        // An access point passes to these ports; it binds none of its own here.
        for f in arriving where (f.purpose == .https || f.purpose == .secureWebsocket || f.purpose == .tlsLongLink) && !f.isFromAccessPoint {
            bind(f.port, f.purpose)
        }
        bind(ports.admin.at(at), .admin)
        bind(ports.cluster.at(at), .cluster)
        listeners += services
        return listeners
    }

    /// Who dials the HTTPS route: web clients on HTTPS pages, the native apps with the TLS
    /// long link, or both.
    private var httpsClients: Flow.ClientKind { https && tlsLongLink ? .all : https ? .httpsWeb : .native }

    /// The native apps' long connection to a node they dial: plain TCP on `port`, or with the
    /// TLS long link `ssl_port` and (`https`, unless another flow has it) HTTPS short links on
    /// `https_port`, both ended by the node; then plain `port` faces no client.
    private func nativeLongLink(into i: Int, dialed: Host?, https: Bool) -> [Flow] {
        let node = nodes[i]
        guard tlsLongLink, let ssl = ports.ssl else {
            return [Flow(source: .clients(.native), host: i, port: node.tcp, purpose: .tcp, dialed: dialed)]
        }
        let at = node.name.span
        return [Flow(source: .clients(.native), host: i, port: ssl.at(at), purpose: .tlsLongLink, dialed: dialed)]
            + (https ? [Flow(source: .clients(.native), host: i, port: ports.https.at(at), purpose: .https, dialed: dialed)] : [])
    }

    /// Who reaches each host, and how: the one place that decides mode × clients (docs/domain.md).
    /// Operators over SSH everywhere. Single: clients dial the node. Multi-node: clients dial
    /// each node's public address, except WS behind HTTPS pages, which the gateway proxies
    /// with its TLS ended. Single entry: clients dial only the gateway, which balances the
    /// route over every node's `local_port` and gives each node its own TCP, HTTP and
    /// WebSocket ports. The other nodes reach the cluster port; the Server API callers the
    /// admin port; clients neither. Flows come out in host order.
    private func resolveFlows() -> [Flow] {
        let peers = clusterSources()
        // janus signals each node at its `conference.signal_server_address` (HTTP and MQTT).
        let media = calls?.edition == .advanced ? mediaSources() : []
        let authorized = authorizedAddress.value
        var out: [Flow] = []
        // Room for the usual few flows per node at once: grown by doubling, the list of ten
        // thousand nodes' flows was copied whole a dozen times, each into fresh memory.
        out.reserveCapacity(8 * nodes.count + 64)
        for (i, node) in nodes.enumerated() {
            let at = node.name.span
            out.append(Flow(source: .operators, host: i, port: sshPort.at(at), purpose: .ssh))
            switch mode.value {
            case .single where gateway?.on == i, .singleEntry where gateway?.on == i:
                // The gateway's own host: the gateway takes 80 (and 443, and the WSS port) and
                // passes them over loopback, TLS ended (the vendor's quick HTTPS in single mode);
                // clients dial the host's own long-connection and WebSocket ports directly.
                out.append(Flow(source: .loopback, host: i, port: node.localPort, purpose: .http, route: .gatewayHTTP))
                if native { out.append(Flow(source: .clients(.native), host: i, port: node.tcp, purpose: .tcp, dialed: authorized)) }
                if web && https {
                    out.append(Flow(source: .loopback, host: i, port: node.websocket, purpose: .websocket, route: .gatewayTLS))
                } else if web {
                    out.append(Flow(source: .clients(.web), host: i, port: node.websocket, purpose: .websocket, dialed: authorized))
                }
            case .single:
                // Clients dial `http_port`; a router (`port_mapping`, WFC308) or a proxy the
                // operator runs sends it to the `local_port` the node binds.
                out.append(
                    Flow(
                        source: .clients(.all), host: i, port: node.localPort, purpose: .http, dialed: authorized,
                        outsidePort: node.http.value == node.localPort.value ? nil : node.http.value))
                if native { out += nativeLongLink(into: i, dialed: authorized, https: !https) }
                if web { out.append(Flow(source: .clients(.web), host: i, port: node.websocket, purpose: .websocket, dialed: authorized)) }
                if https {
                    out.append(Flow(source: .clients(httpsClients), host: i, port: ports.https.at(at), purpose: .https, dialed: authorized))
                    out.append(Flow(source: .clients(.httpsWeb), host: i, port: ports.secureWebsocket.at(at), purpose: .secureWebsocket, dialed: authorized))
                }
            case .multiNode:
                // Clients dial what `server.ip` says: the node's domain, else its address.
                let own = node.domain?.value ?? node.publicAddress?.value
                // The gateway's own host: the gateway takes 80 and passes its short links on
                // the node's own `http_port` over loopback (as single entry does for every node).
                let gw: Flow.Source = gateway?.on == i ? .loopback : .gateway(hosts[i].gatewaySources)
                if gateway?.on == i {
                    out.append(Flow(source: .loopback, host: i, port: node.localPort, purpose: .http, route: .gatewayHTTP))
                } else {
                    out.append(
                        Flow(
                            source: .clients(.all), host: i, port: node.localPort, purpose: .http, dialed: own,
                            outsidePort: node.http.value == node.localPort.value ? nil : node.http.value))
                }
                if native { out += nativeLongLink(into: i, dialed: own, https: true) }
                if web && wssAtNodes {
                    // The node ends TLS itself, on its own domain (`tls.wss: nodes`).
                    out.append(Flow(source: .clients(.httpsWeb), host: i, port: ports.secureWebsocket.at(at), purpose: .secureWebsocket, dialed: own))
                } else if web && https {
                    out.append(Flow(source: gw, host: i, port: node.websocket, purpose: .websocket, route: .gatewayTLS))
                } else if web {
                    out.append(Flow(source: .clients(.web), host: i, port: node.websocket, purpose: .websocket, dialed: own))
                }
            case .singleEntry:
                let gw = Flow.Source.gateway(hosts[i].gatewaySources)
                out.append(Flow(source: gw, host: i, port: node.localPort, purpose: .http, route: .gatewayHTTP))
                if native, let ssl = node.ssl, let own = node.ownHTTPS {
                    // The TLS long link: the node ends it, the gateway passes the bytes.
                    out.append(Flow(source: gw, host: i, port: ssl, purpose: .tlsLongLink, route: .gatewayStream))
                    out.append(Flow(source: gw, host: i, port: own, purpose: .https, route: .gatewayStream))
                } else if native {
                    out.append(Flow(source: gw, host: i, port: node.tcp, purpose: .tcp, route: .gatewayStream))
                }
                if web {
                    out.append(
                        Flow(
                            source: gw, host: i, port: node.websocket, purpose: .websocket,
                            route: https ? .gatewayTLS : .gatewayWebSocket))
                }
            }
            out += shortLinkFlows(into: i)
            // Clients of the other networks dial each backup address: the same inside ports.
            let direct = node.backups.isEmpty ? [] : out.filter { $0.host == i && $0.isFromClients }
            // One WS(S) port: the WSS one when the node serves HTTPS pages.
            let secure = direct.contains { $0.purpose == .secureWebsocket }
            for backup in node.backups where backup.accessPoint == nil {
                for f in direct where !(secure && f.purpose == .websocket) {
                    guard let outside = backup.port(for: f.purpose) else { continue }
                    var b = f
                    b.dialed = backup.address.value
                    b.outsidePort = outside == f.port.value ? nil : outside
                    out.append(b)
                }
            }
            out += accessPointFlows(into: node)
            if !peers.isEmpty {
                out.append(Flow(source: .nodes(peers), host: i, port: ports.cluster.at(at), purpose: .cluster))
            }
            out += serviceFlows(into: i)
            if !media.isEmpty {
                out.append(Flow(source: .mediaServers(media), host: i, port: node.localPort, purpose: .http))
                out.append(Flow(source: .mediaServers(media), host: i, port: node.tcp, purpose: .tcp))
            }
            if let callers = serverAPIFrom, !callers.isEmpty {
                out.append(Flow(source: .serverAPICallers(callers), host: i, port: ports.admin.at(at), purpose: .admin))
            }
        }
        guard let gateway, let g = gatewayIndex else { return out }
        let at = gateway.span
        out.append(Flow(source: .operators, host: g, port: sshPort.at(at), purpose: .ssh))
        out += serviceFlows(into: g)
        let balanced = Flow.Upstream.everyNode(port: gateway.on.map { nodes[$0].localPort.value } ?? nodes.first?.localPort.value ?? ports.http.value)
        out.append(Flow(source: .clients(.all), host: g, port: ports.http.at(at), purpose: .http, upstream: balanced, dialed: authorized))
        out += gatewayShortLinkFlows(into: g)
        if https || tlsLongLink {
            out.append(
                Flow(source: .clients(httpsClients), host: g, port: ports.https.at(at), purpose: .https, upstream: balanced, dialed: authorized))
        }
        func client(_ kind: Flow.ClientKind, _ port: PortValue, _ purpose: Purpose, to node: PlanNode, _ nodePort: Int) -> Flow {
            Flow(source: .clients(kind), host: g, port: port, purpose: purpose, upstream: .node(node.ref, port: nodePort), dialed: authorized)
        }
        for node in nodes {
            let name = node.ref
            switch mode.value {
            case .single where https:
                // WSS on `secure_websocket` at the gateway, to the node's WebSocket port.
                out.append(client(.httpsWeb, ports.secureWebsocket.at(at), .secureWebsocketProxy(node: name), to: node, node.websocket.value))
            case .multiNode:
                if gateway.on == node.index, node.http.value != ports.http.value {
                    out.append(
                        Flow(
                            source: .clients(.all), host: g, port: node.http, purpose: .httpProxy(node: name),
                            upstream: .node(node.ref, port: node.localPort.value), dialed: node.domain?.value ?? node.publicAddress?.value))
                }
                guard https && !wssAtNodes else { break }
                if let p = node.websocketProxyPort { out.append(client(.web, p, .websocketProxy(node: name), to: node, node.websocket.value)) }
                if let p = node.websocketProxySecurePort {
                    out.append(client(.httpsWeb, p, .secureWebsocketProxy(node: name), to: node, node.websocket.value))
                }
            case .singleEntry:
                // Each node's short links on its own port, to that node's `local_port`; a
                // node left on the route port is WFC304's business.
                if node.http.value != ports.http.value {
                    out.append(client(.native, node.http, .httpProxy(node: name), to: node, node.localPort.value))
                }
                // The gateway's own host is dialled directly on these.
                let beside = gateway.on == node.index
                if let ssl = node.ssl, let own = node.ownHTTPS, !beside {
                    // The TLS long link and HTTPS short links, passed through to the node.
                    out.append(client(.native, ssl, .tlsStream(node: name), to: node, ssl.value))
                    out.append(client(.native, own, .httpsStream(node: name), to: node, own.value))
                } else if native && !beside {
                    out.append(client(.native, node.tcp, .tcpStream(node: name), to: node, node.tcp.value))
                }
                if web && !beside {
                    if let p = node.websocketProxyPort {
                        out.append(client(.web, p, .websocketProxy(node: name), to: node, node.websocket.value))
                    } else {
                        out.append(client(.web, node.websocket, .websocketStream(node: name), to: node, node.websocket.value))
                    }
                }
                if https, let p = node.websocketProxySecurePort {
                    out.append(client(.httpsWeb, p, .secureWebsocketProxy(node: name), to: node, node.websocket.value))
                }
            default:
                break
            }
        }
        return out
    }

    /// The TCP short link into a node (the vendor's 基于TCP的短链接): native clients dial the
    /// node in single and multi-node mode; in single entry the gateway passes each node's
    /// own port at layer 4.
    private func shortLinkFlows(into i: Int) -> [Flow] {
        let node = nodes[i]
        guard let told = node.shortLinkTCP, let bound = node.shortLinkLocalTCP else { return [] }
        switch mode.value {
        case .singleEntry where gateway?.on != i:
            return [Flow(source: .gateway(hosts[i].gatewaySources), host: i, port: bound, purpose: .shortLink, route: .gatewayStream)]
        case .singleEntry:
            return [Flow(source: .clients(.native), host: i, port: bound, purpose: .shortLink, dialed: authorizedAddress.value)]
        case .single, .multiNode:
            let dialed = mode.value == .single ? authorizedAddress.value : node.domain?.value ?? node.publicAddress?.value
            return [
                Flow(
                    source: .clients(.native), host: i, port: bound, purpose: .shortLink, dialed: dialed,
                    outsidePort: told.value == bound.value ? nil : told.value)
            ]
        }
    }

    /// The TCP short link at a gateway: the route at the authorized address, balanced at layer
    /// 4 over every node (multi-node and single entry; a single server's gateway passes only
    /// HTTP), and in single entry each node's own port.
    private func gatewayShortLinkFlows(into g: Int) -> [Flow] {
        guard tcpShortLink, mode.value != .single, let first = nodes.first?.shortLinkLocalTCP else { return [] }
        let at = gateway?.span ?? first.span, authorized = authorizedAddress.value
        var out = [
            Flow(
                source: .clients(.native), host: g, port: ports.shortLinkTCP.at(at), purpose: .shortLink, upstream: .everyNode(port: first.value),
                dialed: authorized)
        ]
        guard mode.value == .singleEntry else { return out }
        // The gateway's own host is dialled directly on its port.
        for node in nodes where gateway?.on != node.index {
            guard let told = node.shortLinkTCP, let bound = node.shortLinkLocalTCP, told.value != ports.shortLinkTCP.value else { continue }
            out.append(
                Flow(
                    source: .clients(.native), host: g, port: told, purpose: .shortLinkStream(node: node.ref),
                    upstream: .node(node.ref, port: bound.value), dialed: authorized))
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
                let proto = rule.protocol.value ?? Defaults.transport
                var sources: [AddressRange]?
                if case .ranges(let ranges)? = rule.from.value { sources = ranges.compactMap { $0.value } }
                var targets = Set<Int>()
                for target in (rule.to.value ?? []).compactMap({ $0.value }).map(FirewallTarget.init) {
                    targets.formUnion((target == .nodes ? nodeHosts : ruleHostIndexes(target)).map(machine(of:)))
                }
                let ports = (rule.ports.value ?? []).compactMap { $0.located }
                for hostIndex in targets.sorted() {
                    for p in ports {
                        declared[hostIndex].append(
                            Opening(
                                port: p.value.lower, through: p.value.upper, proto: proto, sources: sources,
                                span: p.span, rule: index, purpose: nil))
                    }
                }
            }
            for i in hosts.indices {
                hosts[i].declared = declared[machine(of: i)]
                hosts[i].openings = declared[machine(of: i)]
            }
        } else {
            // Derived: exactly the flows, each opened to its own sources.
            var openings = [[Opening]](repeating: [], count: hosts.count)
            // One opening per port and sources on a machine: a gateway on a node's host shares
            // its SSH, and a backup address arrives on the node's own ports.
            // The sources are compared, not hashed: the cluster's list has every node in it and
            // is one array shared by every node's flow, which `==` recognises at once while a
            // hash would read it for each node (quadratic in the nodes).
            struct Key: Hashable {
                var machine: Int, port: Int, through: Int, proto: TransportProtocol
                /// One word hashed, not four: a collision costs only a comparison, and hashing
                /// was most of a lookup.
                func hash(into hasher: inout Hasher) {
                    hasher.combine(machine << 34 ^ port << 17 ^ through << 1 ^ (proto == .tcp ? 0 : 1))
                }
            }
            // The source lists seen under each key, chained through one array from the last
            // (an array per key was an allocation per flow): their place in `chain`. Only for a
            // machine of many openings (a gateway's): a node's few are searched in turn, since
            // a table of every node's keys was a cache miss per flow.
            var seen: [Key: Int] = [:]
            var chain: [(sources: [AddressRange]?, previous: Int)] = []
            var tabled = [Bool](repeating: false, count: hosts.count)
            let searchedInTurn = 16
            // Whether these sources are new under this key, noting them if so; one lookup, the
            // chain changed in place where it stands in the table.
            func firstTime(_ key: Key, _ sources: [AddressRange]?) -> Bool {
                func check(_ last: inout Int) -> Bool {
                    var link = last
                    while link >= 0 {
                        if chain[link].sources == sources { return false }
                        link = chain[link].previous
                    }
                    chain.append((sources, last))
                    last = chain.count - 1
                    return true
                }
                return check(&seen[key, default: -1])
            }
            // Each host's machine, read once: `machine(of:)` on `self` in a mutating method
            // copied the whole plan for every flow.
            let machines = hosts.indices.map { hosts[$0].machine ?? $0 }
            // Each machine's list sized at once for its flows: grown one opening at a time, it
            // was reallocated three times per node.
            var flowsPerMachine = [Int](repeating: 0, count: hosts.count)
            for i in flows.indices { flowsPerMachine[machines[flows[i].host]] += 1 }
            for m in openings.indices where flowsPerMachine[m] > 0 { openings[m].reserveCapacity(flowsPerMachine[m]) }
            // Loopback is always let in: an opening from it alone would say nothing.
            for f in flows where !f.isLoopback && !(f.sources.map { !$0.isEmpty && $0.allSatisfy { AddressClass(range: $0) == .loopback } } ?? false) {
                let m = machines[f.host]
                let port = f.port.value, through = f.through ?? f.port.value
                if !tabled[m] {
                    let opened = openings[m].contains { $0.port == port && $0.through == through && $0.proto == f.proto && $0.sources == f.sources }
                    if opened { continue }
                    if openings[m].count == searchedInTurn {
                        tabled[m] = true
                        for o in openings[m] { _ = firstTime(Key(machine: m, port: o.port, through: o.through, proto: o.proto), o.sources) }
                    }
                }
                if tabled[m] {
                    guard firstTime(Key(machine: m, port: port, through: through, proto: f.proto), f.sources) else { continue }
                }
                openings[m].append(
                    Opening(
                        port: port, through: through, proto: f.proto, sources: f.sources,
                        span: nil, rule: nil, purpose: f.purpose))
            }
            for i in hosts.indices { hosts[i].openings = openings[machine(of: i)] }
        }
    }

    /// The hosts a firewall target names: `nodes`, `gateway`, `all` or a node's name.
    public func hostIndexes(_ target: FirewallTarget) -> [Int] {
        switch target {
        case .all: return Array(hosts.indices)
        case .nodes: return hosts.indices.filter { if case .node = hosts[$0].kind { true } else { false } }
        case .gateway: return gatewayIndex.map { [$0] } ?? []
        case .node(let name): return nodeIndex[name].map { [$0] } ?? []
        }
    }

    /// The hosts a `firewall.allow` rule's `to` names: as `hostIndexes`, and by its name any
    /// other host the firewall covers (a TURN or media server, the app server's own host).
    public func ruleHostIndexes(_ target: FirewallTarget) -> [Int] {
        let named = hostIndexes(target)
        guard named.isEmpty, case .node(let name) = target else { return named }
        return hosts.indices.filter { hosts[$0].kind != .gateway && hosts[$0].name == name }
    }

    /// The node's network keys. The ports clients are told come from the flows that reach
    /// it: its own short-link port on the gateway (`http_port`), its HTTPS and WSS ports
    /// (single + https), its WS and WSS ports on the gateway (the proxy keys).
    private func imConfig(for node: PlanNode, proxied: [Flow]) -> [IMEntry] {
        func text(_ key: String, _ value: String) -> IMEntry { IMEntry(key: key, value: .text(value)) }
        func number(_ key: String, _ value: Int) -> IMEntry { text(key, String(value)) }
        let serverIP = node.written.serverIP.value ?? node.requiredServerIP
        let own = flows[hosts[node.index].flows]
        func proxy(_ purpose: Purpose) -> Int? { proxied.first { $0.purpose == purpose }?.port.value }
        func direct(_ purpose: Purpose) -> Int? { own.first { $0.purpose == purpose }?.port.value }
        let name = node.ref
        var entries = [
            text("server.ip", serverIP?.text ?? ""),
            number("port", node.tcp.value),
            number("http_port", proxy(.httpProxy(node: name)) ?? node.http.value),
            number("local_port", node.localPort.value),
            number("http.admin.port", ports.admin.value),
            number("node_id", node.nodeID.value)
        ]
        if web { entries.append(number("websocket_port", node.websocket.value)) }
        if let told = node.shortLinkTCP, let bound = node.shortLinkLocalTCP {
            entries.append(number("short_link_tcp_port", told.value))
            entries.append(number("short_link_local_tcp_port", bound.value))
        }
        let ownHTTPS = direct(.https), ownWSS = direct(.secureWebsocket), ownSSL = direct(.tlsLongLink)
        if let ownHTTPS { entries.append(number("https_port", ownHTTPS)) }
        if let ownWSS { entries.append(number("secure_websocket_port", ownWSS)) }
        if let ownSSL { entries.append(number("ssl_port", ownSSL)) }
        if ownHTTPS != nil || ownWSS != nil || ownSSL != nil {
            let keystore = node.keystore ?? tls?.keystore
            if let path = keystore?.path { entries.append(text("jks_path", path)) }
            if let s = keystore?.storePassword { entries.append(IMEntry(key: "key_store_password", value: .secret(s.value))) }
            if let s = keystore?.managerPassword { entries.append(IMEntry(key: "key_manager_password", value: .secret(s.value))) }
        }
        let ws = proxy(.websocketProxy(node: name)), wss = proxy(.secureWebsocketProxy(node: name))
        if ws != nil || wss != nil {
            entries.append(text("websocket_proxy_host", authorizedAddress.value.text))
            if let ws { entries.append(number("websocket_proxy_port", ws)) }
            if let wss { entries.append(number("websocket_proxy_secure_port", wss)) }
        }
        if let url = media.remoteServerURL(of: node.name.value) { entries.append(text("local.media.storage.remote_server_url", url)) }
        if let backup = node.backups.first {
            entries.append(text("server.backup_address", node.backups.map { $0.value }.joined(separator: ",")))
            // Built-in storage: the other network fetches this node's files where it reaches
            // the node's HTTP port (the vendor's dual-network blog). The server takes one such
            // address: the first backup's. An object store's address there is the operator's
            // to give (the checklist says so).
            if media.storage == .builtin {
                entries.append(text("media.backup_server_url", "http://\(backup.address.value.uriHost)"))
                entries.append(number("media.backup_server_port", backup.http))
            }
        }
        return entries
    }
}
