extension Rule {
    static let multiNodeHTTPSBase = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        firewall: {server_api_from: []}
        clients: {web: true, https: true}
        tls:
          certificate: /etc/nginx/certs/im.pem
          certificate_key: /etc/nginx/certs/im.key
        gateway:
          public_address: 203.0.113.10
        nodes:
          - name: node1
            public_address: 203.0.113.11
            websocket_proxy_port: 5017
            websocket_proxy_secure_port: 5020
          - name: node2
            public_address: 203.0.113.12
            websocket_proxy_port: 5018
            websocket_proxy_secure_port: 5021
        """

    public static let portConflict = Rule(
        code: "WFC301", name: "port-conflict", severity: .error,
        summary: "two listeners on one host share a port",
        explanation: """
            A port can be bound once per host. On a node the IM server binds `http`, `tcp`, \
            `websocket` (with web clients), `https` and `secure_websocket` (single + https), \
            `admin` (18080) and the cluster cache (5701); on the gateway the proxy binds 80, 443 \
            and every proxy and stream port; sshd binds `firewall.ssh_port` on every host. \
            Hosts that share an address are one machine (a gateway on a node's host), and \
            their listeners are checked together. Two of them on one number means the second \
            fails to start, or one client kind reaches the wrong service.
            """,
        failing: [minimal + "\nclients: {web: true}\nports: {websocket: 80}\n"],
        passing: [minimal + "\nclients: {web: true}\nports: {websocket: 8083}\n"])

    public static let duplicateProxyPort = Rule(
        code: "WFC302", name: "duplicate-proxy-port", severity: .error,
        summary: "a WS/WSS proxy port used twice",
        explanation: """
            Each node gets its own gateway ports for WS and WSS (`websocket_proxy_port`, \
            `websocket_proxy_secure_port`): the gateway forwards each one to exactly one \
            node, and the node tells its clients that port. Used by two nodes (or by one \
            node for both), clients of one node land on another and their sessions fail. \
            The fix picks the lowest free port above the duplicate.
            """,
        failing: [multiNodeHTTPSBase.replacingOccurrences(of: "5021", with: "5020")],
        passing: [multiNodeHTTPSBase])

    public static let proxyPortsRequired = Rule(
        code: "WFC303", name: "proxy-ports-required", severity: .error,
        summary: "a node without the gateway proxy ports its mode needs",
        explanation: """
            With HTTPS web clients the page can only open WSS, and the gateway terminates \
            it. In multi-node mode every node needs a WS and a WSS port on the gateway \
            (`websocket_proxy_port`, `websocket_proxy_secure_port`); in single-entry mode a \
            WSS port (`websocket_proxy_secure_port`). Without them JS clients of that node \
            cannot connect.
            """,
        failing: [multiNodeHTTPSBase.replacingOccurrences(of: "    websocket_proxy_secure_port: 5020\n", with: "")],
        passing: [multiNodeHTTPSBase])

    public static let sharedAddressPortCollision = Rule(
        code: "WFC304", name: "shared-address-port-collision", severity: .error,
        summary: "`single-entry` nodes with the same `tcp`, `http` or `websocket` port",
        explanation: """
            In single-entry mode every node's `server.ip` is the one public address, so the \
            port is all that tells the gateway which node a client wants. Two nodes with \
            the same long-connection or WebSocket port cannot both be reached, and a node \
            whose `http` is the gateway's route port (80) has its native short links \
            (`/im`) balanced over every node instead of reaching it. As the vendor's \
            deployment guide does, give each node three ports of its own: \
            `ports: {tcp: 11881, http: 10081, websocket: 18081}`, then 11882/10082/18082, …
            """,
        failing: [singleEntryBase.replacingOccurrences(of: "1884", with: "1883")],
        passing: [singleEntryBase])

    public static let httpPortNot80 = Rule(
        code: "WFC305", name: "http-port-not-80", severity: .error,
        summary: "the `http_port` clients of the route step are told is not 80",
        explanation: """
            The native SDKs dial port 80 for the route request; the port is wired into the \
            clients' protocol stack ("不然无法使用"), so `ports.http`, the `http_port` of \
            every node, must stay 80. A different port the node binds is fine: \
            `ports.local`, a gateway on the node's host, or a router's port mapping send \
            80 there; so are single entry's per-node short-link ports, which the route \
            step hands out after the route request.
            """,
        failing: [minimal + "\nports: {http: 8080}\n"],
        passing: [minimal + "\nports: {http: 80}\n"])

    static let portMappedBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        ports: {local: 8080}
        nodes:
          - name: node1
            public_address: 203.0.113.10
            private_address: 192.168.1.10
            port_mapping: {80: 8080, 1883: 1883}
        """

    public static let portMappingMismatch = Rule(
        code: "WFC308", name: "port-mapping-mismatch", severity: .error,
        summary: "`port_mapping` does not send a port clients dial to the port that serves it",
        explanation: """
            Behind a router that maps ports (DNAT), clients dial the outside address on the \
            ports the server advertises in the route step: `port`, `websocket_port` and the \
            WSS port are both bound and advertised, so each must be mapped to the same number \
            inside (vendor: "the mapped external port must equal the configured port"). HTTP \
            is the exception: clients dial `http_port` (80) outside, and the router may send \
            it to any inside port, which must then be the node's `local_port` \
            (`ports.local`). One diagnostic per port, with the mapping that works.
            """,
        failing: [
            portMappedBase.replacingOccurrences(of: "1883: 1883", with: "1883: 21883"),
            portMappedBase.replacingOccurrences(of: "ports: {local: 8080}", with: "ports: {local: 80}")
        ],
        passing: [portMappedBase])

    public static let inertSetting = Rule(
        code: "WFC306", name: "inert-setting", severity: .warning,
        summary: "a setting the mode and clients never use",
        explanation: """
            The setting is valid but has no effect with this mode and these clients, which \
            usually means the topology says something different from what the operator \
            meant: proxy ports without web clients (or in single mode), a WS proxy port in \
            multi-node mode without HTTPS, `secure_websocket` or the JKS keystore outside \
            single mode with HTTPS, a certificate outside a gateway mode with HTTPS, \
            `websocket` ports without web clients, `https` without HTTPS clients.
            """,
        failing: [minimal + "\nports: {secure_websocket: 8443}\n"],
        passing: [minimal])

    public static let sourcePortsExhausted = Rule(
        code: "WFC307", name: "source-ports-exhausted", severity: .warning,
        summary: "one gateway address would carry more long connections to one node port than it has source ports",
        explanation: """
            Every long connection the gateway passes to a node is a connection of its own from \
            the gateway's address to that node's address and port, and each needs a source port \
            of its own. Even with the wide range the checklist sets (`ip_local_port_range 1025 \
            65535`) that is at most 64511 connections per node port: past it, new clients fail \
            to connect while the gateway looks idle. `capacity.connections` spread over the \
            nodes says how many each node port carries. Add nodes so that each carries fewer, \
            or give the gateway more addresses to dial from.
            """,
        failing: [singleEntryBase + "\ncapacity: {connections: 200000}\n"],
        passing: [singleEntryBase + "\ncapacity: {connections: 100000}\n"])

    static let portChecks: [Check] = [
        Check(portConflict) { c in
            var found: [Span: (other: Span, port: Int, what: String, first: String, hosts: [String])] = [:]
            var order: [Span] = []
            // sshd listens on every host; a gateway with a node's address is on that node's
            // machine, so their listeners are checked together.
            let ssh = Listener(port: c.plan.sshPort, purpose: .ssh, exposure: .internal)
            for group in machines(c.plan.hosts) {
                var first: [Int: (listener: Listener, host: Int)] = [ssh.port.value: (ssh, -1)]
                for hostIndex in group {
                    let host = c.plan.hosts[hostIndex]
                    WorkMeter.add(host.listeners.count)
                    for l in host.listeners {
                        guard let earlier = first[l.port.value] else {
                            first[l.port.value] = (l, hostIndex)
                            continue
                        }
                        if earlier.host == hostIndex, sharesAcrossNodes(earlier.listener.purpose, l.purpose) { continue }
                        // Point at the port the operator wrote, not at a default it collides with.
                        let (primary, other) = earlier.listener.port.isDefault || !l.port.isDefault ? (l, earlier.listener) : (earlier.listener, l)
                        let key = primary.port.span
                        let names =
                            earlier.host < 0 || earlier.host == hostIndex
                            ? [host.name] : [c.plan.hosts[earlier.host].name, host.name]
                        if found[key] == nil {
                            order.append(key)
                            found[key] = (other.port.span, l.port.value, primary.purpose.summary, other.purpose.summary, [])
                        }
                        for name in names where found[key]?.hosts.contains(name) == false { found[key]?.hosts.append(name) }
                    }
                }
            }
            return order.compactMap { (span: Span) -> Diagnostic? in
                guard let f = found[span] else { return nil }
                let sshd = f.first == Purpose.ssh.summary || f.what == Purpose.ssh.summary
                return portConflict.diagnostic(
                    "port \(f.port) is used twice on \(list(f.hosts.map(backticked))): \(f.what) and \(f.first)",
                    at: span, label: "\(f.what) on \(f.port)", related: [Label(f.other, "\(f.first) on \(f.port)")],
                    notes: (sshd ? ["sshd listens on `firewall.ssh_port` of every host"] : [])
                        + (f.hosts.count > 1 && !sshd ? ["\(list(f.hosts.map(backticked))) have one address: they are one machine"] : []),
                    helps: ["give one of them another port"])
            }
        },
        Check(duplicateProxyPort) { c in
            var out: [Diagnostic] = []
            var seen: [Int: (PortValue, String)] = [:]
            let gatewayPorts = Set(c.plan.host(named: "gateway")?.listeners.map(\.port.value) ?? [])
            let proxyPorts = Set(c.plan.nodes.flatMap { [$0.websocketProxyPort, $0.websocketProxySecurePort].compactMap { $0?.value } })
            var taken = gatewayPorts.union(proxyPorts)
            for n in c.plan.nodes {
                for p in [n.websocketProxyPort, n.websocketProxySecurePort].compactMap({ $0 }) {
                    guard let (first, owner) = seen[p.value] else {
                        seen[p.value] = (p, n.name.value)
                        continue
                    }
                    var free = p.value + 1
                    while taken.contains(free), free < 65535 { free += 1 }
                    taken.insert(free)
                    let whose = owner == n.name.value ? "by `\(owner)` for both WS and WSS" : "by `\(owner)` and `\(n.name.value)`"
                    out.append(
                        duplicateProxyPort.diagnostic(
                            "proxy port \(p.value) is used \(whose)", at: p.span,
                            label: "`\(p.key)` of `\(n.name.value)`", related: [Label(first.span, "`\(first.key)` of `\(owner)`")],
                            notes: ["the gateway forwards each proxy port to exactly one node"],
                            helps: ["use a free port such as \(free)"],
                            fixes: [.replace(p.span, with: String(free), "use port \(free)", .unsafe)]))
                }
            }
            return out
        },
        Check(sourcePortsExhausted) { c in
            let p = c.plan, sizing = p.sizing
            // Long connections the gateway passes on (not the short HTTP requests).
            let carried =
                p.gatewayHost.map {
                    p.flows(into: $0).filter { f in
                        switch f.purpose {
                        case .tcpStream, .websocketProxy, .websocketStream, .secureWebsocketProxy: return f.upstreamNode != nil
                        default: return false
                        }
                    }
                } ?? []
            guard sizing.perNode > Sizing.wideSourcePorts, let first = carried.first else { return [] }
            let node = p.nodes[first.upstreamNode ?? 0].name.value
            return [
                sourcePortsExhausted.diagnostic(
                    "`capacity.connections` \(sizing.connections) puts about \(sizing.perNode) long connections through the gateway on "
                        + (p.nodes.count == 1 ? "its one node" : "each of its \(p.nodes.count) nodes"),
                    at: sizing.span, label: "more than \(Sizing.wideSourcePorts) per gateway address and node port",
                    notes: [
                        "the gateway dials `\(node)` on \(first.upstream?.port ?? 0) from one address: one source port per connection, \(Sizing.wideSourcePorts) at most"
                    ],
                    helps: [
                        "add nodes until each carries at most \(Sizing.wideSourcePorts) (\((sizing.connections + Sizing.wideSourcePorts - 1) / Sizing.wideSourcePorts) or more), or give the gateway more addresses to dial from"
                    ])
            ]
        },
        Check(proxyPortsRequired) { c in
            let p = c.plan
            guard p.https, p.mode.value != .single, !p.wssAtNodes else { return [] }
            return p.nodes.compactMap { (n: PlanNode) -> Diagnostic? in
                var missing: [String] = []
                if p.mode.value == .multiNode, n.websocketProxyPort == nil { missing.append("websocket_proxy_port") }
                if n.websocketProxySecurePort == nil { missing.append("websocket_proxy_secure_port") }
                guard !missing.isEmpty else { return nil }
                return proxyPortsRequired.diagnostic(
                    "node `\(n.name.value)` has no \(list(missing.map(backticked)))", at: n.name.span,
                    label: "HTTPS web clients reach this node through the gateway",
                    helps: ["give it its own \(missing.count == 1 ? "port" : "ports") on the gateway, unused by any other node"])
            }
        },
        Check(sharedAddressPortCollision) { c in
            guard c.plan.mode.value == .singleEntry, let gateway = c.plan.host(named: "gateway") else { return [] }
            // One diagnostic per node left on a port an earlier node holds, naming every such
            // port of that node and a free one for each.
            var first: [Int: Listener] = [:]
            var clashes: [String: [(mine: Listener, theirs: Listener)]] = [:]
            var order: [String] = []
            for l in gateway.listeners where isStream(l.purpose) {
                guard let earlier = first[l.port.value] else {
                    first[l.port.value] = l
                    continue
                }
                let node = l.purpose.upstreamNode ?? ""
                if clashes[node] == nil { order.append(node) }
                clashes[node, default: []].append((l, earlier))
            }
            // A node left on the route port: its short links are balanced over every node
            // instead of reaching it (the vendor gives each node an HTTP port of its own).
            if c.plan.nodes.count >= 2 {
                let route = Listener(port: c.plan.ports.http.at(gateway.span), purpose: .http, exposure: .public)
                for n in c.plan.nodes where n.http.value == c.plan.ports.http.value {
                    let node = n.name.value
                    if clashes[node] == nil { order.append(node) }
                    clashes[node, default: []].append((Listener(port: n.http, purpose: .httpProxy(node: node), exposure: .public), route))
                }
            }
            var taken = Set(gateway.listeners.map(\.port.value)).union([c.plan.sshPort.value])
            return order.compactMap { node -> Diagnostic? in
                guard let pairs = clashes[node], let head = pairs.first else { return nil }
                let suggestions = pairs.map { pair -> String in
                    // HTTP ports as the vendor numbers them (10081, 10082, …); others next to the clash.
                    var free = pair.mine.port.key == "ports.http" ? 10081 : pair.mine.port.value + 1
                    while taken.contains(free), free < 65535 { free += 1 }
                    taken.insert(free)
                    return "`\(pair.mine.port.key)` \(free)"
                }
                let ports = pairs.map { "\($0.mine.port.value) (like \($0.theirs.purpose.upstreamNode.map(backticked) ?? "the gateway's route server"))" }
                return sharedAddressPortCollision.diagnostic(
                    "node `\(node)` uses \(pairs.count == 1 ? "port" : "ports") \(list(ports)) on the shared public address",
                    at: head.mine.port.span, label: head.mine.port.described + " of `\(node)`",
                    related: pairs.map {
                        Label(
                            $0.theirs.port.span,
                            $0.theirs.port.described + " of " + ($0.theirs.purpose.upstreamNode.map(backticked) ?? "the gateway's route server"))
                    },
                    notes: ["in single-entry mode the port alone tells the gateway which node a client wants"],
                    helps: ["give `\(node)` a port of its own in its `ports`: \(list(suggestions)) \(suggestions.count == 1 ? "is" : "are") free"])
            }
        },
        Check(httpPortNot80) { c in
            let http = c.plan.ports.http
            guard !http.isDefault, http.value != 80 else { return [] }
            return [
                httpPortNot80.diagnostic(
                    "`ports.http` is \(http.value); native SDKs dial 80", at: http.span, label: "not 80",
                    helps: ["keep `http` 80 and set `ports.local: \(http.value)` if the node must bind \(http.value) (a proxy or router then sends 80 there)"])
            ]
        },
        Check(inertSetting) { c in inertSettings(c) },
        Check(portMappingMismatch) { c in portMappingMismatches(c) }
    ]

    /// WFC308: every port clients dial on a mapped host must reach the port that serves it:
    /// the same number for the advertised ports, `local_port` (or the gateway's HTTP port on
    /// the host) for `http_port`.
    private static func portMappingMismatches(_ c: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for node in c.plan.nodes {
            guard let mapping = node.portMapping else { continue }
            let hosts = c.plan.hosts.indices.filter { c.plan.machine(of: $0) == node.index }
            var seen = Set<Int>()
            for f in hosts.flatMap({ c.plan.flows(into: c.plan.hosts[$0]) }) where f.isFromClients {
                let inside = f.port.value
                let outside = f.purpose == .http ? c.plan.ports.http.value : inside
                guard seen.insert(outside).inserted else { continue }
                let what = "\(outside) (\(f.purpose.summary))"
                guard let entry = mapping.value.first(where: { $0.outside == outside }) else {
                    out.append(
                        portMappingMismatch.diagnostic(
                            "`port_mapping` of `\(node.name.value)` leaves \(what) unmapped", at: mapping.keySpan ?? mapping.span,
                            label: "clients dial \(outside) on the outside address",
                            helps: ["add `\(outside): \(inside)` and the same rule on the router"]))
                    continue
                }
                guard entry.inside != inside else { continue }
                if f.purpose == .http {
                    out.append(
                        portMappingMismatch.diagnostic(
                            "outside \(outside) is mapped to \(entry.inside), but `\(node.name.value)` serves HTTP on \(inside)",
                            at: entry.insideSpan, label: "nothing serves HTTP here",
                            related: [Label(node.localPort.span, "`local_port` \(node.localPort.value)\(node.localPort.isDefault ? " (the default)" : "")")],
                            helps: ["set `ports.local: \(entry.inside)`, or map `\(outside): \(inside)`"]))
                } else {
                    out.append(
                        portMappingMismatch.diagnostic(
                            "outside \(outside) is mapped to \(entry.inside), but the server advertises \(outside) and listens there",
                            at: entry.insideSpan, label: "must be \(outside)",
                            notes: ["the route step tells clients the port the server binds; a mapped port must keep its number"],
                            helps: ["map `\(outside): \(outside)`"],
                            fixes: [.replace(entry.insideSpan, with: String(outside), "map \(outside) to \(outside)", .unsafe)]))
                }
            }
        }
        return out
    }

    /// Hosts grouped by machine: a gateway that shares an address with a node is on that
    /// node's machine. (Two nodes with one address are WFC107's business, reported there.)
    static func machines(_ hosts: [HostPlan]) -> [[Int]] {
        func keys(_ h: HostPlan) -> Set<String> {
            Set([h.publicAddress, h.privateAddress].compactMap { $0 }.map { $0.value.address?.description ?? $0.value.text.lowercased() })
        }
        var groups = hosts.indices.filter { hosts[$0].kind != .gateway }.map { [$0] }
        for g in hosts.indices where hosts[g].kind == .gateway {
            let own = keys(hosts[g])
            if let i = groups.firstIndex(where: { group in group[0] == hosts[g].machine || !own.isDisjoint(with: keys(hosts[group[0]])) }) {
                groups[i].append(g)
            } else {
                groups.append([g])
            }
        }
        return groups
    }

    /// Pairs of gateway ports that other rules own: proxy ports (WFC302) and the
    /// per-node stream ports of single-entry (WFC304).
    private static func sharesAcrossNodes(_ a: Purpose, _ b: Purpose) -> Bool {
        (isProxy(a) && isProxy(b)) || (isStream(a) && isStream(b) && a.upstreamNode != b.upstreamNode)
    }

    private static func isProxy(_ p: Purpose) -> Bool {
        switch p {
        case .websocketProxy, .secureWebsocketProxy: return true
        default: return false
        }
    }

    static func isStream(_ p: Purpose) -> Bool {
        switch p {
        case .tcpStream, .websocketStream, .httpProxy: return true
        default: return false
        }
    }

    private static func inertSettings(_ c: CheckContext) -> [Diagnostic] {
        let p = c.plan, t = c.topology, mode = p.mode.value
        var out: [Diagnostic] = []
        func inert<T>(_ field: Field<T>, _ name: String, _ why: String) {
            guard let l = field.located else { return }
            out.append(
                inertSetting.diagnostic(
                    "\(name) has no effect: \(why)", at: l.keySpan ?? l.span, label: "unused",
                    helps: ["remove it, or change the mode or clients that would use it"]))
        }
        // What the flows use: a setting none of them reads is inert.
        let used = Set(p.flows.map(\.purpose))
        if let wss = t.tls.value?.wss, !(p.https && mode == .multiNode) {
            inert(wss, "`tls.wss`", "it chooses who serves WSS in multi-node mode with HTTPS web clients")
        }
        for spec in (t.nodes.value ?? []).compactMap(\.value) {
            if mode != .multiNode {
                inert(spec.domain, "`domain` of `\(spec.name.value ?? "")`", "a node's own domain is its `server.ip` in multi-node mode only")
            }
            if !p.wssAtNodes {
                inert(spec.tls, "`tls` of `\(spec.name.value ?? "")`", "a node's own keystore is used only with `tls.wss: nodes`")
            }
            if mode != .single {
                inert(spec.portMapping, "`port_mapping` of `\(spec.name.value ?? "")`", "wfc builds a port mapping in single mode only")
            }
            if mode == .singleEntry {
                inert(spec.backup, "`backup` of `\(spec.name.value ?? "")`", "in single entry clients reach the nodes only through the gateway")
            }
        }
        if let ports = t.ports.value {
            if !p.web { inert(ports.websocket, "`ports.websocket`", "there are no web clients") }
            if !p.flows.contains(where: { $0.port.key == "ports.secure_websocket" }) {
                inert(ports.secureWebsocket, "`ports.secure_websocket`", "the node serves WSS only in single mode with HTTPS web clients")
            }
            if !used.contains(.https) { inert(ports.https, "`ports.https`", "there are no HTTPS web clients") }
        }
        if let tls = t.tls.value {
            let why = "the JKS keystore is used only in single mode with HTTPS web clients"
            if p.tls?.keystore == nil {
                inert(tls.jksPath, "`jks_path`", why)
                inert(tls.keyStorePassword, "`key_store_password`", why)
                inert(tls.keyManagerPassword, "`key_manager_password`", why)
            }
            if p.tls?.certificate == nil {
                let why = "the certificate is used only by a gateway with HTTPS web clients"
                inert(tls.certificate, "`certificate`", why)
                inert(tls.certificateKey, "`certificate_key`", why)
            }
        }
        for service in p.services where !service.besideGateway {
            if let domain = service.domain {
                out.append(
                    inertSetting.diagnostic(
                        "the `domain` of service `\(service.name.value)` has no effect: no gateway runs on its host", at: domain.keySpan ?? domain.span,
                        label: "unused", helps: ["remove it, or run the service on the gateway's host"]))
            }
        }
        for n in p.nodes {
            let name = n.name.value
            if mode != .singleEntry, !(mode == .multiNode && p.gateway?.on == n.index), case let http = n.written.http, !http.isAbsent {
                inert(http, "`ports.http` of `\(name)`", "only single entry, and in multi-node the gateway's host, give a node an HTTP port of its own")
            }
            if !p.web, case let ws = n.written.websocket, !ws.isAbsent {
                inert(ws, "`ports.websocket` of `\(name)`", "there are no web clients")
            }
            let nodesServeWSS = "with `tls.wss: nodes` each node serves WSS itself"
            if !used.contains(.websocketProxy(node: name)) {
                let why =
                    !p.web
                    ? "there are no web clients"
                    : p.wssAtNodes
                        ? nodesServeWSS
                        : mode == .single
                            ? "single mode has no gateway" : "multi-node mode proxies WebSocket only for HTTPS web clients"
                inert(n.written.websocketProxyPort, "`websocket_proxy_port` of `\(name)`", why)
            }
            if !used.contains(.secureWebsocketProxy(node: name)) {
                let why = !p.https ? "there are no HTTPS web clients" : p.wssAtNodes ? nodesServeWSS : "single mode has no gateway"
                inert(n.written.websocketProxySecurePort, "`websocket_proxy_secure_port` of `\(name)`", why)
            }
        }
        return out
    }
}
