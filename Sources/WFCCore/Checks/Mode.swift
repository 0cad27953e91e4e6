extension Rule {
    static let multiNodeBase = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        firewall: {server_api_from: []}
        gateway:
          public_address: 203.0.113.10
        nodes:
          - name: node1
            public_address: 203.0.113.11
          - name: node2
            public_address: 203.0.113.12
        """

    static let singleEntryBase = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        firewall: {server_api_from: []}
        gateway:
          public_address: 203.0.113.10
          private_address: 10.0.0.10
        nodes:
          - name: node1
            private_address: 10.0.0.11
            ports: {tcp: 1883, http: 10081}
          - name: node2
            private_address: 10.0.0.12
            ports: {tcp: 1884, http: 10082}
        """

    public static let singleNodeCount = Rule(
        code: "WFC101", name: "single-node-count", severity: .error,
        summary: "`single` mode with other than exactly one node",
        explanation: """
            Single mode (单机部署) is one IM server whose own address and ports clients dial. \
            With several servers the licence's authorized address can point at only one of \
            them, so the others would never get a client. Several nodes need `multi-node` \
            (each node has a public address, a gateway balances HTTP) or `single-entry` \
            (only the gateway is public).
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
              - name: node2
            """
        ],
        passing: [minimal])

    public static let gatewayRequired = Rule(
        code: "WFC102", name: "gateway-required", severity: .error,
        summary: "`multi-node` or `single-entry` without `gateway`",
        explanation: """
            In multi-node direct mode the gateway (NG) sits at the authorized address and \
            balances every client's route request over the nodes; in single-entry mode it \
            carries all traffic. Without it clients have nowhere to send `/route`. Add a \
            `gateway` with its `public_address` (where the authorized address resolves).
            """,
        failing: [
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            nodes:
              - name: node1
                public_address: 203.0.113.11
            """
        ],
        passing: [multiNodeBase])

    public static let gatewayUnused = Rule(
        code: "WFC103", name: "gateway-unused", severity: .warning,
        summary: "`gateway` in `single` mode that is not `on:` the node",
        explanation: """
            In single mode clients talk to the node directly. A gateway there is useful \
            only on the node's own host (`gateway.on`), where it is the vendor's quick \
            HTTPS: the gateway (nginx or HAProxy) ends TLS and passes everything to the IM server over loopback. A \
            gateway on a host of its own in front of one node is multi-node direct with one \
            node. Write `on: <the node>`, remove `gateway`, or choose `multi-node`.
            """,
        failing: [minimal + "\ngateway:\n  public_address: 203.0.113.10\n"],
        passing: [minimal, minimal + "\ngateway:\n  on: node1\n"])

    public static let gatewayHostUnknown = Rule(
        code: "WFC109", name: "gateway-host-unknown", severity: .error,
        summary: "`gateway.on` names no node, comes with addresses of its own or an external balancer, or its node lacks what the mode needs",
        explanation: """
            `gateway.on` puts the gateway on a node's host: its addresses are that node's, \
            and the node binds `local_port` 8080 so that the gateway can take port 80. The \
            name must be one of the nodes, and the gateway then takes no `public_address` or \
            `private_address` of its own (two places for one fact would disagree). In \
            `single` mode it is the vendor's quick HTTPS. In `multi-node` the gateway takes \
            that node's port 80, so the node needs a `ports.http` of its own for its short \
            links (the gateway passes it to that node alone); in `single-entry` the node needs \
            the `public_address` clients reach the gateway at, and its own long-connection and \
            WebSocket ports are dialled directly. An external balancer (`backend: external`) \
            is a machine of its own, never on a node's host.
            """,
        failing: [
            minimal + "\ngateway:\n  on: node2\n",
            minimal + "\ngateway:\n  on: node1\n  backend: external\n  source_ranges: [100.64.0.0/10]\n",
            minimal + "\ngateway:\n  on: node1\n  public_address: 203.0.113.10\n",
            multiNodeBase.replacingOccurrences(of: "  public_address: 203.0.113.10", with: "  on: node1")
        ],
        passing: [
            minimal + "\ngateway:\n  on: node1\n",
            multiNodeBase.replacingOccurrences(of: "  public_address: 203.0.113.10", with: "  on: node1")
                .replacingOccurrences(of: "    public_address: 203.0.113.11", with: "    public_address: 203.0.113.11\n    ports: {http: 10081}")
        ])

    public static let publicAddressRequired = Rule(
        code: "WFC104", name: "public-address-required", severity: .error,
        summary: "`multi-node` node without `public_address`",
        explanation: """
            In multi-node direct mode the route step hands each client its node's own \
            address (`server.ip`), and the client then dials it for the long connection. \
            A node with no public address cannot be reached. Give it a `public_address`, \
            or use `single-entry` mode if only the gateway is public.
            """,
        failing: [
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            gateway:
              public_address: 203.0.113.10
            nodes:
              - name: node1
                private_address: 10.0.0.11
            """
        ],
        passing: [multiNodeBase])

    public static let publicAddressForbidden = Rule(
        code: "WFC105", name: "public-address-forbidden", severity: .error,
        summary: "`single-entry` node with `public_address`",
        explanation: """
            Single-entry mode (单入口模式) means only the gateway is public: every node's \
            `server.ip` is the authorized address and all traffic passes the gateway. A \
            node's public address would never be used by clients and suggests the \
            deployment is really multi-node direct. Remove it, or switch modes.
            """,
        failing: [singleEntryBase + "\n    public_address: 203.0.113.12\n"],
        passing: [singleEntryBase])

    public static let privateAddressRequired = Rule(
        code: "WFC106", name: "private-address-required", severity: .error,
        summary: "`single-entry` node without `private_address`",
        explanation: """
            In single-entry mode the gateway forwards every connection to the nodes over \
            the private network, so it needs each node's private address for its upstreams \
            and stream proxies. Add the node's `private_address`.
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            gateway:
              public_address: 203.0.113.10
            nodes:
              - name: node1
            """
        ],
        passing: [singleEntryBase])

    public static let duplicateNode = Rule(
        code: "WFC107", name: "duplicate-node", severity: .error,
        summary: "two nodes share a name, a node_id or an address",
        explanation: """
            Node names name the generated folders and firewall targets; `node_id` is six \
            bits of every message id, so two nodes with one id can mint the same message \
            id; and two nodes on one address are one host listening twice on every port. \
            A `node_id` left out is the node's position, from 1, so an explicit id can clash \
            with a derived one.
            """,
        failing: [multiNodeBase + "\n    node_id: 1\n"],
        passing: [multiNodeBase])

    public static let communityLimits = Rule(
        code: "WFC108", name: "community-limits", severity: .error,
        summary: "the community edition with a mode, client or gateway it does not support",
        explanation: """
            The community edition runs as one server with native clients only: no cluster \
            modes, no web clients (they need the professional edition's WebSocket \
            listeners), no gateway. Use `edition: professional` for these features.
            """,
        failing: [minimal + "\nedition: community\nclients:\n  web: true\n"],
        passing: [minimal + "\nedition: community\n"])

    static let modeChecks: [Check] = [
        Check(singleNodeCount) { c in
            let p = c.plan
            guard p.mode.value == .single, p.nodes.count != 1, let nodes = c.topology.nodes.located else { return [] }
            let related = p.nodes.dropFirst().prefix(1).map { Label($0.name.span, "a second node") }
            return [
                singleNodeCount.diagnostic(
                    "`single` mode takes exactly one node, found \(p.nodes.count)", at: nodes.keySpan ?? nodes.span,
                    label: p.nodes.count == 1 ? "1 node" : "\(p.nodes.count) nodes", related: related,
                    helps: ["for several nodes use `mode: multi-node` (every node public) or `mode: single-entry` (only the gateway public)"])
            ]
        },
        Check(gatewayRequired) { c in
            let p = c.plan
            guard p.mode.value != .single, c.topology.gateway.isAbsent, p.edition == .professional else { return [] }
            return [
                gatewayRequired.diagnostic(
                    "`\(p.mode.value.rawValue)` mode needs a `gateway`", at: p.mode.span,
                    label: "this mode puts a gateway at the authorized address",
                    helps: ["add `gateway:` with the `public_address` that `\(p.authorizedAddress.value.text)` resolves to"])
            ]
        },
        Check(gatewayHostUnknown) { c in gatewayHostProblems(c) },
        Check(gatewayUnused) { c in
            guard c.plan.mode.value == .single, let g = c.topology.gateway.located, g.value.on.isAbsent else { return [] }
            return [
                gatewayUnused.diagnostic(
                    "`gateway` has no effect in `single` mode", at: g.keySpan ?? g.span,
                    label: "no gateway configuration is generated", related: [Label(c.plan.mode.span, "single mode")],
                    helps: [
                        "write `on: \(c.plan.nodes.first?.name.value ?? "<the node>")` for a gateway on the node's own host, "
                            + "remove `gateway`, or use `multi-node` mode"
                    ])
            ]
        },
        Check(publicAddressRequired) { c in
            guard c.plan.mode.value == .multiNode else { return [] }
            return c.plan.nodes.filter { $0.publicAddress == nil }.map { n in
                publicAddressRequired.diagnostic(
                    "node `\(n.name.value)` has no `public_address`", at: n.name.span,
                    label: "clients dial each node's own address in multi-node mode",
                    helps: ["add its `public_address`, or use `single-entry` mode if only the gateway is public"])
            }
        },
        Check(publicAddressForbidden) { c in
            guard c.plan.mode.value == .singleEntry else { return [] }
            // The node the gateway runs on has the gateway's public address.
            return c.plan.nodes.filter { $0.index != c.plan.gateway?.on }.compactMap { n in
                n.publicAddress.map { a in
                    publicAddressForbidden.diagnostic(
                        "node `\(n.name.value)` has a `public_address` in `single-entry` mode", at: a.entrySpan,
                        label: "only the gateway is public in this mode",
                        helps: ["remove it: clients reach every node through the gateway"])
                }
            }
        },
        Check(privateAddressRequired) { c in
            guard c.plan.mode.value == .singleEntry else { return [] }
            return c.plan.nodes.filter { $0.privateAddress == nil }.map { n in
                privateAddressRequired.diagnostic(
                    "node `\(n.name.value)` has no `private_address`", at: n.name.span,
                    label: "the gateway forwards to it over the private network",
                    helps: ["add the address the gateway dials, e.g. `private_address: 10.0.0.11`"])
            }
        },
        Check(duplicateNode) { c in
            let nodes = c.plan.nodes
            // A copy of an entry is reported once, by its name; the plan leaves it out, so
            // nothing below (nor any other check) speaks of its id or addresses.
            var out = c.plan.copies.map { copy in
                duplicateNode.diagnostic(
                    "two nodes are named `\(copy.name.value)`", at: copy.name.span, label: "second node of that name",
                    related: [Label(nodes[copy.first].name.span, "first node of that name")],
                    helps: ["remove the copy, or give it a name, address and node_id of its own"])
            }
            // First holder of each id and address, by index: nodes are large values.
            var ids: [Int: Int] = [:], addresses: [String: Span] = [:]
            WorkMeter.add(nodes.count + c.plan.copies.count)
            for (i, n) in nodes.enumerated() {
                if let firstIndex = ids[n.nodeID.value] {
                    let first = nodes[firstIndex]
                    let own = n.nodeID.isDefault ? " (from its position)" : ""
                    let theirs = first.nodeID.isDefault ? " (from its position)" : ""
                    out.append(
                        duplicateNode.diagnostic(
                            "node `\(n.name.value)` has node_id \(n.nodeID.value)\(own), as does `\(first.name.value)`",
                            at: n.nodeID.span, label: "node_id \(n.nodeID.value)\(own)",
                            related: [Label(first.nodeID.span, "node_id \(first.nodeID.value)\(theirs)")],
                            helps: ["give every node a distinct `node_id` from 0 to 63"]))
                } else {
                    ids[n.nodeID.value] = i
                }
                for a in [n.publicAddress, n.privateAddress].compactMap({ $0 }) {
                    let key = a.value.address?.description ?? a.value.text.lowercased()
                    if let first = addresses[key] {
                        out.append(
                            duplicateNode.diagnostic(
                                "address `\(a.value.text)` of node `\(n.name.value)` is already used by another node", at: a.span,
                                label: "used twice", related: [Label(first, "first used here")],
                                helps: ["give each node its own address: two nodes on one address are one host listening twice on every port"]))
                    } else {
                        addresses[key] = a.span
                    }
                }
            }
            return out
        },
        Check(communityLimits) { c in
            guard c.plan.edition == .community else { return [] }
            var out: [Diagnostic] = []
            let t = c.topology
            if c.plan.mode.value != .single {
                out.append(
                    communityLimits.diagnostic(
                        "the community edition runs in `single` mode only", at: c.plan.mode.span,
                        label: "not available in the community edition", helps: ["use `edition: professional`"]))
            }
            for (field, what) in [(t.clients.value?.web, "web clients"), (t.clients.value?.https, "HTTPS web clients")] {
                if let l = field?.located, l.value {
                    out.append(
                        communityLimits.diagnostic(
                            "the community edition has no \(what)", at: l.span,
                            label: "needs the professional edition", helps: ["use `edition: professional`"]))
                }
            }
            if let g = t.gateway.located {
                out.append(
                    communityLimits.diagnostic(
                        "the community edition has no gateway", at: g.keySpan ?? g.span,
                        label: "needs the professional edition", helps: ["use `edition: professional`, or remove `gateway`"]))
            }
            return out
        }
    ]

    /// WFC109, and the gateway's `public_address` that only a gateway of its own needs (WFC005).
    private static func gatewayHostProblems(_ c: CheckContext) -> [Diagnostic] {
        guard let g = c.topology.gateway.located, c.plan.edition == .professional else { return [] }
        guard let on = g.value.on.located else {
            guard c.plan.mode.value != .single, g.value.publicAddress.isAbsent else { return [] }
            return [
                missingKey.diagnostic(
                    "missing key `public_address` in `gateway`", at: g.keySpan ?? g.span,
                    label: "the gateway has no address",
                    helps: [
                        "add `public_address:` (where `\(c.plan.authorizedAddress.value.text)` resolves), "
                            + "or `on: <node>` for a gateway on a node's host"
                    ])
            ]
        }
        var out: [Diagnostic] = []
        let names = c.plan.nodes.map(\.name.value)
        // A balancer wfc does not configure is a machine of its own (a cloud SLB, an F5).
        if let backend = g.value.backend.located, backend.value == .external {
            out.append(
                gatewayHostUnknown.diagnostic(
                    "an external balancer runs on no node's host", at: on.span, label: "`gateway.on` with `backend: external`",
                    related: [Label(backend.span, "a balancer wfc does not configure")],
                    helps: ["remove `on` and give the balancer's `public_address`, or use `backend: nginx` or `haproxy` on the node's host"]))
        }
        if let n = c.plan.gateway?.on {
            let node = c.plan.nodes[n]
            // Multi-node: the gateway takes the node's 80, so its short links need a port of
            // their own on the gateway, as every node has in single entry.
            if c.plan.mode.value == .multiNode, node.http.value == c.plan.ports.http.value {
                out.append(
                    gatewayHostUnknown.diagnostic(
                        "node `\(node.name.value)` runs the gateway, which takes its port \(c.plan.ports.http.value), but has no `ports.http` of its own",
                        at: node.name.span, label: "its clients' short links would be balanced over every node",
                        related: [Label(on.span, "the gateway runs here")],
                        helps: ["give it `ports: {http: 10081}` (any free port): clients are told it, and the gateway passes it to this node alone"]))
            }
            // Single entry: the gateway's address is this node's, so it needs a public one.
            if c.plan.mode.value == .singleEntry, node.publicAddress == nil {
                out.append(
                    gatewayHostUnknown.diagnostic(
                        "node `\(node.name.value)` runs the gateway but has no `public_address`", at: node.name.span,
                        label: "clients reach the gateway at its host's public address", related: [Label(on.span, "the gateway runs here")],
                        helps: ["add the node's `public_address` (where `\(c.plan.authorizedAddress.value.text)` resolves)"]))
            }
        } else if !names.contains(on.value) {
            let guess = suggestion(for: on.value, among: names)
            out.append(
                gatewayHostUnknown.diagnostic(
                    "`gateway.on` names `\(on.value)`, which is no node", at: on.span, label: "no such node",
                    notes: ["the nodes are " + list(names.map(backticked))],
                    helps: guess.map { ["did you mean `\($0)`?"] } ?? [],
                    fixes: guess.map { [.replace(on.span, with: $0, "replace with `\($0)`", .unsafe)] } ?? []))
        }
        for address in [g.value.publicAddress.located, g.value.privateAddress.located].compactMap({ $0 }) {
            out.append(
                gatewayHostUnknown.diagnostic(
                    "a gateway `on` a node has that node's addresses, not its own", at: address.entrySpan,
                    label: "remove this", related: [Label(on.entrySpan, "the gateway runs on this node's host")],
                    helps: ["remove it: the node's `public_address` and `private_address` are the gateway's"]))
        }
        return out
    }

    /// A node_id left out is the node's position, which past 63 is no valid id: a value
    /// error (WFC006) that only the plan can see.
    static let derivedNodeIDs = Check(invalidValue) { c in
        c.plan.nodes.compactMap { n in
            guard n.nodeID.isDefault, !Language.nodeIDRange.contains(n.nodeID.value) else { return nil }
            return invalidValue.diagnostic(
                "node `\(n.name.value)` would get node_id \(n.nodeID.value) from its position; ids run from 0 to 63",
                at: n.name.span, label: "node \(n.nodeID.value) of the cluster",
                notes: ["node_id is six bits of every message id: a cluster has at most 64 nodes"])
        }
    }
}
