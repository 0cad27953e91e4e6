import WFCLanguage

extension Rule {
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
            WebSocket ports are dialled directly. With the TCP short link the gateway takes \
            the node's short-link port (80) as well, so in either cluster mode the node needs \
            a `ports.short_link_tcp` of its own, which its clients dial directly. An external \
            balancer (`backend: external`) is a machine of its own, never on a node's host.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            gateway:
              on: ↓node2

            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            gateway:
              on: ↓node1
              backend: external
              source_ranges: [100.64.0.0/10]

            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            gateway:
              on: node1
              ↓public_address: 203.0.113.10

            """,
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            firewall: {server_api_from: []}
            gateway:
              on: node1
            nodes:
              - name: ↓node1
                public_address: 203.0.113.11
              - name: node2
                public_address: 203.0.113.12
            """
        ],
        passing: [
            minimal + "\ngateway:\n  on: node1\n",
            multiNodeBase.replacingOccurrences(of: "  public_address: 203.0.113.10", with: "  on: node1")
                .replacingOccurrences(of: "    public_address: 203.0.113.11", with: "    public_address: 203.0.113.11\n    ports: {http: 10081}")
        ])

    static let gatewayHostUnknownCheck = Check(gatewayHostUnknown) { c in gatewayHostProblems(c) }

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
        let names = c.plan.nodes.map { $0.name.value }
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
            // With the TCP short link the gateway takes the node's 80 too: the node binds a port
            // of its own, which its clients dial directly.
            if c.plan.mode.value != .single, let told = node.shortLinkTCP, told.value == c.plan.ports.shortLinkTCP.value {
                out.append(
                    gatewayHostUnknown.diagnostic(
                        "node `\(node.name.value)` runs the gateway, which takes its TCP short-link port \(told.value), but has no `ports.short_link_tcp` of its own",
                        at: node.name.span, label: "both would bind \(told.value) on this host",
                        related: [Label(on.span, "the gateway runs here")],
                        helps: ["give it `ports: {short_link_tcp: 10091}` (any free port): clients are told it and dial this node there directly"]))
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
            let guess = Guess(on.value, among: names)
            out.append(
                gatewayHostUnknown.diagnostic(
                    "`gateway.on` names `\(on.value)`, which is no node", at: on.span, label: "no such node",
                    notes: ["the nodes are " + list(names.map(backticked))],
                    helps: guess.helps, fixes: guess.fixes(at: on.span)))
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
}
