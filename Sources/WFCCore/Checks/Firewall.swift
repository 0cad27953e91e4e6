extension Rule {
    static let declaredSingle = """
        version: 1
        mode: single
        authorized_address: im.example.com
        nodes:
          - name: node1
        firewall:
          allow:
            - to: all
              ports: [22, 80, 1883]
        """

    public static let missingOpening = Rule(
        code: "WFC501", name: "missing-opening", severity: .error,
        summary: "a declared firewall lacks a port this host needs",
        explanation: """
            A declared `firewall.allow` is the whole truth: whatever it does not open is \
            closed. Every port a client (or, behind a gateway, the gateway) dials must be \
            in it: for example HTTPS web clients in single mode need 443 and 8084 besides \
            80 and 1883. One diagnostic per host names every missing port, and the fix adds \
            them to that host's rule.
            """,
        failing: [declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[22, 80]")],
        passing: [declaredSingle])

    public static let internalPortExposed = Rule(
        code: "WFC502", name: "internal-port-exposed", severity: .error,
        summary: "admin (18080) or cluster (5701) opened to the public",
        explanation: """
            The Server API on the admin port (18080) controls users, groups and messages \
            with one shared secret, and the cluster cache on 5701 accepts any member: \
            neither may ever be reachable from the internet. Open them only to private \
            ranges (the app server, the other nodes), or not at all.
            """,
        failing: [declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[22, 80, 1883, 18080]")],
        passing: [declaredSingle + "\n    - to: node1\n      ports: [18080]\n      from: [10.0.0.0/8]\n"])

    public static let unknownFirewallTarget = Rule(
        code: "WFC503", name: "unknown-firewall-target", severity: .error,
        summary: "a firewall rule's `to` names no host",
        explanation: """
            `to` takes `nodes`, `gateway`, `all`, a node's name, or a sequence of those. A \
            name that matches no node (or `gateway` where there is none) opens nothing, \
            and the host it was meant for stays closed.
            """,
        failing: [declaredSingle + "\n    - to: [node2]\n      ports: [80]\n"],
        passing: [declaredSingle.replacingOccurrences(of: "to: all", with: "to: [node1]")])

    public static let sshLockout = Rule(
        code: "WFC504", name: "ssh-lockout", severity: .warning,
        summary: "a host's declared openings do not include `ssh_port`",
        explanation: """
            The generated firewall drops everything not opened. A declared set without the \
            SSH port locks the operator out of the host as soon as it is applied. Open \
            `firewall.ssh_port` (22 by default), preferably from the operations network only. \
            The opening must admit the host's own address family: SSH opened only from IPv6 \
            sources (or IPv4-mapped ones such as `::ffff:10.0.0.0/104`) does not let anyone \
            reach an IPv4 host.
            """,
        failing: [
            declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[80, 1883]"),
            declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[80, 1883]\n    - to: all\n      ports: [22]\n      from: [\"2001:db8::/32\"]")
        ],
        passing: [
            declaredSingle,
            declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[80, 1883]\n    - to: all\n      ports: [22]\n      from: [198.51.100.0/24]")
        ])

    public static let unusedOpening = Rule(
        code: "WFC505", name: "unused-opening", severity: .warning,
        summary: "an opened port no listener on that host uses",
        explanation: """
            Nothing on the host listens on the port, so opening it does nothing today and \
            exposes whatever listens there tomorrow. Usually a port from another mode or a \
            typo for one that is needed. A range (`40000-40100`) is not judged: it states on \
            purpose that another service, such as a media relay, uses those ports.
            """,
        failing: [declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[22, 80, 1883, 8080]")],
        passing: [declaredSingle])

    static let declaredCluster = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, private_address: 10.0.0.11, ports: {http: 10081}}
          - {name: node2, private_address: 10.0.0.12, ports: {tcp: 1884, http: 10082}}
        firewall:
          server_api_from: [10.0.5.0/24]
          allow:
            - to: gateway
              ports: [22, 80, 1883, 1884, 10081, 10082]
            - to: nodes
              ports: [18080]
              from: [10.0.5.0/24]
            - to: nodes
              ports: [22]
              from: [10.0.9.0/24]
            - to: node1
              ports: [80, 1883]
              from: [10.0.0.10]
            - to: node2
              ports: [80, 1884]
              from: [10.0.0.10]
        """

    public static let clusterPortClosed = Rule(
        code: "WFC506", name: "cluster-port-closed", severity: .error,
        summary: "a declared firewall keeps the nodes from each other's cluster port",
        explanation: """
            The nodes of a professional cluster share their state through the embedded \
            Hazelcast cache on `ports.cluster` (5701): every node must reach every other one \
            there, over the private network when there is one. A declared `firewall.allow` \
            that does not open it splits the cluster as soon as it is applied ("Hazelcast \
            instance is not active" on the survivors). Open it on every node to the other \
            nodes' addresses, and to nothing else. The fix adds that rule.
            """,
        failing: [declaredCluster],
        passing: [declaredCluster + "\n    - to: nodes\n      ports: [5701]\n      from: [10.0.0.11, 10.0.0.12]\n"])

    public static let serverAPIUnreachable = Rule(
        code: "WFC507", name: "server-api-unreachable", severity: .warning,
        summary: "a cluster with no Server API callers",
        explanation: """
            The app server and other back ends call the Server API on `ports.admin` (18080) \
            of the nodes. wfc never opens it to the public, so without \
            `firewall.server_api_from` (or a declared opening of the admin port from a \
            private source) the app server can reach it only if it runs on a node itself. \
            Name its addresses in `server_api_from`; write `server_api_from: []` to say \
            that it does run on a node.
            """,
        failing: [
            declaredCluster.replacingOccurrences(of: "  server_api_from: [10.0.5.0/24]\n", with: "")
                .replacingOccurrences(of: "    - to: nodes\n      ports: [18080]\n      from: [10.0.5.0/24]\n", with: "")
                + "\n    - to: nodes\n      ports: [5701]\n      from: [10.0.0.11, 10.0.0.12]\n"
        ],
        passing: [declaredCluster + "\n    - to: nodes\n      ports: [5701]\n      from: [10.0.0.11, 10.0.0.12]\n"])

    static let externalBalancer = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        gateway:
          public_address: 203.0.113.10
          backend: external
        nodes:
          - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
          - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
        firewall:
          server_api_from: []
        """

    public static let balancerSourcesRequired = Rule(
        code: "WFC508", name: "balancer-sources-required", severity: .error,
        summary: "an external balancer without `gateway.source_ranges`",
        explanation: """
            With `gateway.backend: external` a load balancer wfc does not configure (a cloud \
            SLB or NLB, an F5) passes the route, the API and the per-node ports to the nodes. \
            Its connections come from addresses of the provider's choosing, not from \
            `gateway.public_address`: without `source_ranges` the nodes' firewalls cannot \
            admit them, and every check through the balancer fails. Give the CIDRs the \
            console lists for the balancer (its VPC subnet, or the provider's health-check \
            and proxy ranges).
            """,
        failing: [externalBalancer],
        passing: [externalBalancer.replacingOccurrences(of: "  backend: external\n", with: "  backend: external\n  source_ranges: [10.0.0.0/24]\n")])

    static let firewallChecks: [Check] = [
        Check(missingOpening) { c in missingOpenings(c) },
        Check(internalPortExposed) { c in
            var seen: Set<Span> = []
            var out: [Diagnostic] = []
            // The cluster port opened to the nodes' own addresses is what it is for, even when
            // those are public (multi-node nodes without private addresses).
            let nodeAddresses = Set(c.plan.clusterSources().map(\.description))
            for host in c.plan.hosts {
                let internalListeners = host.listeners.filter { $0.exposure == .internal }
                for o in host.declared ?? [] {
                    // A range exposes every internal port inside it.
                    guard let listener = internalListeners.first(where: { o.port <= $0.port.value && $0.port.value <= o.through }),
                        let span = o.span, !seen.contains(span)
                    else { continue }
                    let publicSources = o.sources.map {
                        $0.filter {
                            !(AddressClass(range: $0)?.isInternal ?? false)
                                && !(listener.purpose == .cluster && nodeAddresses.contains($0.description))
                        }
                    }
                    let from: String
                    if let publicSources {
                        guard let first = publicSources.first else { continue }
                        from = "the public range `\(first)`"
                    } else {
                        from = "anyone"
                    }
                    seen.insert(span)
                    let what =
                        o.port == o.through
                        ? "port \(o.port) (\(listener.purpose.summary)) is"
                        : "ports \(o.port)-\(o.through) include \(listener.port.value) (\(listener.purpose.summary)) and are"
                    out.append(
                        internalPortExposed.diagnostic(
                            "\(what) opened to \(from)", at: span,
                            label: "internal only",
                            helps: ["open it only `from:` private ranges such as `[10.0.0.0/8]`, or not at all"]))
                }
            }
            return out
        },
        Check(clusterPortClosed) { c in clusterPortClosed(c) },
        Check(balancerSourcesRequired) { c in
            guard let g = c.plan.gateway, g.isExternal, g.sourceRanges == nil, let located = c.topology.gateway.value?.backend.located
            else { return [] }
            return [
                balancerSourcesRequired.diagnostic(
                    "`gateway.backend: external` needs `gateway.source_ranges`", at: located.span,
                    label: "the nodes cannot admit this balancer",
                    notes: ["an external balancer connects to the nodes from its own addresses, not from `public_address`"],
                    helps: ["add `source_ranges: [<the balancer's CIDRs>]` under `gateway`, as its console lists them"])
            ]
        },
        Check(serverAPIUnreachable) { c in
            let p = c.plan
            guard p.mode.value != .single, p.serverAPIFrom == nil else { return [] }
            let admin = p.ports.admin.value
            let declared = p.hosts.contains { h in
                (h.declared ?? []).contains { o in
                    o.proto == .tcp && o.port <= admin && admin <= o.through
                        && (o.sources?.contains { AddressClass(range: $0)?.isInternal ?? false } ?? false)
                }
            }
            guard !declared else { return [] }
            let at = c.topology.firewall.located?.keySpan ?? p.mode.span
            return [
                serverAPIUnreachable.diagnostic(
                    "no Server API callers: the nodes' `ports.admin` \(admin) is open to no one", at: at,
                    label: "the app server cannot reach the Server API",
                    notes: ["loopback always works, so an app server on a node itself needs nothing"],
                    helps: [
                        "add `server_api_from: [<the app server's address or network>]` under `firewall`, "
                            + "or `server_api_from: []` if the app server runs on a node"
                    ])
            ]
        },
        Check(unknownFirewallTarget) { c in
            guard let rules = c.topology.firewall.value?.allow.value else { return [] }
            let names = c.plan.nodes.map(\.name.value)
            var out: [Diagnostic] = []
            for target in rules.compactMap(\.value).flatMap({ $0.to.value ?? [] }).compactMap(\.located) {
                if target.value == "gateway", c.plan.gateway == nil {
                    out.append(
                        unknownFirewallTarget.diagnostic(
                            "`to: gateway`, but there is no gateway\(c.plan.mode.value == .single ? " in single mode" : "")",
                            at: target.span, label: "no such host"))
                } else if !["nodes", "gateway", "all"].contains(target.value), !names.contains(target.value) {
                    let guess = suggestion(for: target.value, among: names + ["nodes", "all"] + (c.plan.gateway == nil ? [] : ["gateway"]))
                    out.append(
                        unknownFirewallTarget.diagnostic(
                            "`\(target.value)` names no node", at: target.span, label: "no such host",
                            notes: ["the nodes are " + list(names.map(backticked))],
                            helps: guess.map { ["did you mean `\($0)`?"] } ?? [],
                            fixes: guess.map { [.replace(target.span, with: $0, "replace with `\($0)`", .unsafe)] } ?? []))
                }
            }
            return out
        },
        Check(sshLockout) { c in
            guard let allow = c.topology.firewall.located?.value.allow.located else { return [] }
            let ssh = c.plan.sshPort.value
            // SSH must come in over the host's own address family: an IPv6-only (or
            // IPv4-mapped) source does not let an operator reach an IPv4 host.
            let locked = c.plan.hosts.filter { $0.machine == nil }.filter { h in
                let families = Set([h.publicAddress, h.privateAddress].compactMap { $0?.value.address?.isIPv6 })
                return (families.isEmpty ? [false] : families).contains { v6 in
                    !(h.declared ?? []).contains { o in
                        o.port <= ssh && ssh <= o.through && o.proto == .tcp
                            && (o.sources?.contains { $0.address.isIPv6 == v6 && !$0.address.isIPv4Mapped } ?? true)
                    }
                }
            }
            guard !locked.isEmpty else { return [] }
            let wrongFamily = locked.contains { h in (h.declared ?? []).contains { $0.port <= ssh && ssh <= $0.through && $0.proto == .tcp } }
            return [
                sshLockout.diagnostic(
                    "no rule opens the SSH port \(ssh) on \(list(locked.map { backticked($0.name) }))" + (wrongFamily ? " over its own address family" : ""),
                    at: allow.keySpan ?? allow.span, label: "applying this firewall locks SSH out",
                    notes: wrongFamily
                        ? ["SSH is opened only from sources of the other address family (or IPv4-mapped IPv6), which never reach this host"] : [],
                    helps: ["add `- {to: all, ports: [\(ssh)], from: [<operations network>]}`"])
            ]
        },
        Check(unusedOpening) { c in
            var hostsBySpan: [Span: [String]] = [:], usedBySpan: [Span: [String]] = [:]
            var order: [(Span, String)] = []
            // One firewall per machine: a gateway on a node's host listens there too.
            var listening = [Set<Int>](repeating: [], count: c.plan.hosts.count)
            var udp = [Set<Int>](repeating: [], count: c.plan.hosts.count)
            for (i, host) in c.plan.hosts.enumerated() {
                WorkMeter.add(host.listeners.count)
                listening[c.plan.machine(of: i)].formUnion(host.listeners.map(\.port.value))
            }
            // The IM server listens on TCP only; a service may take UDP (a media relay).
            for f in c.plan.flows where f.proto == .udp {
                udp[c.plan.machine(of: f.host)].formUnion(f.port.value...(f.through ?? f.port.value))
            }
            let ssh = c.plan.sshPort.value
            for (i, host) in c.plan.hosts.enumerated() where host.machine == nil {
                WorkMeter.add(host.declared?.count ?? 0)
                for o in host.declared ?? [] {
                    let isSSH = o.proto == .tcp && o.port <= ssh && ssh <= o.through
                    // A range says on purpose that something (a media relay) uses those ports;
                    // wfc does not know that service's listeners, so it does not judge ranges.
                    guard let span = o.span, !isSSH, o.port == o.through else { continue }
                    if o.proto == .tcp ? listening[i].contains(o.port) : udp[i].contains(o.port) {
                        usedBySpan[span, default: []].append(host.name)
                        continue
                    }
                    if hostsBySpan[span] == nil { order.append((span, "port \(o.port) is")) }
                    hostsBySpan[span, default: []].append(host.name)
                }
            }
            return order.map { span, ports in
                // A rule shared by several hosts: removing the port would break those that use it.
                let used = usedBySpan[span] ?? []
                let help =
                    used.isEmpty
                    ? "remove it, or check whether another port was meant"
                    : "\(list(used.map(backticked))) \(used.count == 1 ? "uses" : "use") it: keep it for \(used.count == 1 ? "that host" : "those hosts") "
                        + "and give \(list((hostsBySpan[span] ?? []).map(backticked))) a rule without it"
                return unusedOpening.diagnostic(
                    "\(ports) opened on \(list((hostsBySpan[span] ?? []).map(backticked))), but nothing listens there",
                    at: span, label: "unused", helps: [help])
            }
        }
    ]

    /// WFC506: one diagnostic for the rule set, naming the nodes whose cluster port some peer
    /// cannot reach, with a fix that adds `- to: nodes, ports: [5701], from: [<peers>]`.
    private static func clusterPortClosed(_ c: CheckContext) -> [Diagnostic] {
        let p = c.plan
        guard p.mode.value != .single, p.nodes.count >= 2, let allow = c.topology.firewall.value?.allow.located else { return [] }
        let port = p.ports.cluster.value
        let peers = p.clusterSources()
        var closed: [String] = []
        for host in p.hosts {
            guard case .node = host.kind else { continue }
            let open = (host.declared ?? []).filter { $0.proto == .tcp && $0.port <= port && port <= $0.through }
            let reachable = peers.allSatisfy { peer in
                open.contains { o in o.sources?.contains { peer.address.matches($0.address, prefix: $0.prefix) } ?? true }
            }
            if !reachable { closed.append(host.name) }
        }
        guard !closed.isEmpty else { return [] }
        let from = peers.map(\.description).joined(separator: ", ")
        let rule = "- to: nodes, ports: [\(port)], from: [\(from)]"
        return [
            clusterPortClosed.diagnostic(
                "the firewall keeps \(list(closed.map(backticked))) from \(closed.count == 1 ? "its" : "their") cluster peers on port \(port)",
                at: allow.keySpan ?? allow.span, label: "the cluster cache needs every node to reach every other one",
                notes: ["the nodes reach each other from \(from)"],
                helps: ["add `\(rule)`"],
                fixes: appendRule("open the cluster port to the nodes", to: allow, lines: ["to: nodes", "ports: [\(port)]", "from: [\(from)]"], in: c.source)
                    .map { [$0] } ?? [])
        ]
    }

    /// An edit that appends a rule to a block `allow` list, indented like its items. Nil for
    /// other shapes (a flow list, an empty one), which the edit would not know how to extend.
    static func appendRule(_ title: String, to allow: Located<[Field<AllowRule>]>, lines: [String], in source: SourceFile) -> Fix? {
        guard let last = allow.value.last?.located, let (indent, newline) = blockItemLayout(last.span, in: source) else { return nil }
        // After the last item's last byte: its mapping's end may already be on the next line.
        var end = last.span.end.offset
        while end > last.span.start.offset, [0x0A, 0x0D, 0x20].contains(source.bytes[end - 1]) { end -= 1 }
        let at = source.mark(at: end)
        let text = newline + indent + "- " + lines[0] + lines.dropFirst().map { newline + indent + "  " + $0 }.joined()
        return Fix(title, edits: [TextEdit(span: Span(at: at), newText: text)], applicability: .unsafe)
    }

    private static func missingOpenings(_ c: CheckContext) -> [Diagnostic] {
        guard let allow = c.topology.firewall.value?.allow.located else { return [] }
        let rules = allow.value.map(\.value)
        // Hosts that lack the same openings for the same reason (every node of `to: nodes`,
        // say) share one diagnostic that names them all.
        var groups: [Span?: Int] = [:]
        var found: [(hosts: [String], key: String, diagnostic: Diagnostic)] = []
        for (hostIndex, host) in c.plan.hosts.enumerated() {
            // "From the gateway" is from its address on the network it shares with this host
            // (or an external balancer's source ranges).
            let gateway = host.gatewaySources
            // Single ports by number; ranges (few) in a list of their own.
            var declared: [Int: [Opening]] = [:]
            var ranges: [Opening] = []
            // With a declared firewall, `server_api_from` is a promise too: the admin port open
            // on every node to those callers.
            let required = c.plan.flows(into: host).filter { $0.isRequired || $0.purpose == .admin }
            /// The sources a declared opening must admit for a flow; nil: any opening will do.
            func needed(_ r: Flow) -> [AddressRange]? { r.purpose == .admin ? r.sources : r.isFromGateway ? gateway : nil }
            WorkMeter.add((host.declared?.count ?? 0) + required.count)
            for o in host.declared ?? [] where o.proto == .tcp {
                if o.port == o.through { declared[o.port, default: []].append(o) } else { ranges.append(o) }
            }
            var missing: [Flow] = []
            var seen = Set<Int>()
            for r in required where seen.insert(r.port.value).inserted {
                let port = r.port.value
                let candidates = (declared[port] ?? []) + ranges.filter { $0.port <= port && port <= $0.through }
                WorkMeter.add(candidates.count)
                let satisfied = candidates.contains { o in
                    guard let sources = o.sources, let need = needed(r) else { return true }
                    return Self.admits(sources, need)
                }
                if !satisfied { missing.append(r) }
            }
            guard !missing.isEmpty else { continue }
            missing.sort { $0.port.value < $1.port.value }
            let ports = missing.map { String($0.port.value) }
            func from(_ r: Flow) -> String {
                r.purpose == .admin ? " from " + (r.sources ?? []).map(\.description).joined(separator: ", ") : r.isFromGateway ? " from the gateway" : ""
            }
            let named = missing.map { "\($0.port.value) (\($0.purpose.summary)\(from($0)))" }
            // A fix extends one rule that admits the right sources for every missing port.
            let needs = Set(missing.map { needed($0)?.map(\.description) })
            let need = missing.first.flatMap(needed)
            let target = needs.count == 1 ? fixTarget(for: hostIndex, plan: c.plan, rules: rules, sources: need) : nil
            let fix = target.flatMap { addPorts(ports, to: $0, in: c.source) }
            // Without one, point at a rule that opens a missing port to the wrong sources.
            let narrow = missing.lazy.compactMap { declared[$0.port.value]?.first }.first
                .flatMap { $0.rule }.flatMap { rules[$0]?.from.located }
            let tooNarrow = target == nil && needs.count == 1 && need != nil ? narrow : nil
            let whom = missing.first?.purpose == .admin ? "the Server API callers" : "the gateway"
            let at = target?.span ?? tooNarrow?.span ?? allow.keySpan ?? allow.span
            let key = named.joined(separator: ", ")
            // Only one group per place: each `ports` list carries at most one fix.
            if let g = groups[at], found[g].key == key {
                found[g].hosts.append(host.name)
                continue
            }
            groups[at] = found.count
            found.append(
                (
                    [host.name], key,
                    missingOpening.diagnostic(
                        list(ports), at: at,
                        notes: tooNarrow != nil
                            ? ["this `from` does not admit \(whom) (\(need.map { $0.map(\.description).joined(separator: ", ") } ?? ""))"] : [],
                        helps: [
                            fix != nil
                                ? "add \(list(ports)) to this list"
                                : missing.allSatisfy({ $0.purpose == .admin }) && need != nil
                                    ? "add `- {to: nodes, ports: [\(ports.joined(separator: ", "))], from: [\((need ?? []).map(\.description).joined(separator: ", "))]}`"
                                    : "add a rule opening \(list(ports)) there"
                        ],
                        fixes: fix.map { [$0] } ?? [])
                ))
        }
        return found.map { hosts, key, diagnostic in
            var d = diagnostic
            let names = list(hosts.map(backticked))
            d.message =
                hosts.count == 1
                ? "the firewall of \(names) does not open \(d.message)"
                : "the firewalls of \(names) do not open \(d.message)"
            d.label = "\(hosts.count == 1 ? names : "each") needs \(key)"
            return d
        }
    }

    /// The `ports` list a fix extends for a host: a tcp rule admitting `sources` (the gateway,
    /// the Server API callers; nil: public ports, from anyone) that names the host itself,
    /// else `gateway`/`nodes`, else `all`.
    private static func fixTarget(for hostIndex: Int, plan: Plan, rules: [AllowRule?], sources gateway: [AddressRange]?) -> Located<[Field<PortRange>]>? {
        var best: (Int, Located<[Field<PortRange>]>)?
        for rule in rules.compactMap({ $0 }) {
            guard (rule.protocol.value ?? .tcp) == .tcp, let ports = rule.ports.located else { continue }
            switch rule.from.value {
            case .ranges(let ranges)?:
                guard let gateway, admits(ranges.compactMap(\.value), gateway) else { continue }
            case .any?, nil:
                guard gateway == nil else { continue }
            }
            for target in (rule.to.value ?? []).compactMap(\.value) where plan.hostIndexes(target).contains(hostIndex) {
                let rank = target == "all" ? 2 : (target == "nodes" || target == "gateway") ? 1 : 0
                if best == nil || rank < best?.0 ?? 3 { best = (rank, ports) }
            }
        }
        return best?.1
    }

    /// Whether declared sources admit every range the gateway's connections come from.
    private static func admits(_ sources: [AddressRange], _ gateway: [AddressRange]) -> Bool {
        gateway.allSatisfy { g in sources.contains { $0.covers(g) } }
    }

    /// How a new item of a block sequence is written after `item`, its last one: the `- `
    /// indentation and the file's own line end. Nil unless `item` stands after its own `- `
    /// (another shape is one an edit would not know how to extend).
    static func blockItemLayout(_ item: Span, in source: SourceFile) -> (indent: String, newline: String)? {
        guard item.start.column >= 2, item.start.offset >= 2,
            source.bytes[item.start.offset - 2] == UInt8(ascii: "-")
        else { return nil }
        return (String(repeating: " ", count: item.start.column - 2), source.bytes.contains(0x0D) ? "\r\n" : "\n")
    }

    /// An edit that appends ports to a flow (`[22, 80]`) or block (`- 22`) sequence.
    static func addPorts(_ ports: [String], to list: Located<[Field<PortRange>]>, in source: SourceFile) -> Fix? {
        let title = "open \(ports.joined(separator: ", "))"
        // The node's span may start with an anchor or a tag (`&p [22, 80]`): look past them.
        var text = Substring(source.text(list.span))
        while text.first == "&" || text.first == "!" {
            text = text.drop { $0 != " " && $0 != "[" }.drop { $0 == " " }
        }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { return nil }
            var close = list.span.end
            close.offset -= 1
            close.column -= 1
            let insert = (list.value.isEmpty ? "" : ", ") + ports.joined(separator: ", ")
            return Fix(title, edits: [TextEdit(span: Span(at: close), newText: insert)], applicability: .unsafe)
        }
        guard let last = list.value.last?.located ?? nil, let (indent, newline) = blockItemLayout(last.span, in: source) else { return nil }
        let insert = ports.map { "\(newline)\(indent)- \($0)" }.joined()
        return Fix(title, edits: [TextEdit(span: Span(at: last.span.end), newText: insert)], applicability: .unsafe)
    }
}
