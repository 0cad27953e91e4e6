import WFCLanguage

extension Rule {
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
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            ↓gateway:
              public_address: 203.0.113.10

            """
        ],
        passing: [minimal, minimal + "\ngateway:\n  on: node1\n"])

    static let gatewayUnusedCheck = Check(gatewayUnused) { c in
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
    }
}
