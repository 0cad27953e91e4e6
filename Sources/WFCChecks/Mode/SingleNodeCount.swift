import WFCLanguage

extension Rule {
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
            ↓nodes:
              - name: node1
              - name: node2
            """
        ],
        passing: [minimal])

    static let singleNodeCountCheck = Check(singleNodeCount) { c in
        let p = c.plan
        guard p.mode.value == .single, p.nodes.count != 1, let nodes = c.topology.nodes.located else { return [] }
        let related = p.nodes.dropFirst().prefix(1).map { Label($0.name.span, "a second node") }
        return [
            singleNodeCount.diagnostic(
                "`single` mode takes exactly one node, found \(p.nodes.count)", at: nodes.keySpan ?? nodes.span,
                label: p.nodes.count == 1 ? "1 node" : "\(p.nodes.count) nodes", related: related,
                helps: ["for several nodes use `mode: multi-node` (every node public) or `mode: single-entry` (only the gateway public)"])
        ]
    }
}
