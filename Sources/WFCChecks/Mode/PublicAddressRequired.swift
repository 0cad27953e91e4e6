import WFCLanguage

extension Rule {
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
              - name: ↓node1
                private_address: 10.0.0.11
            """
        ],
        passing: [multiNodeBase])

    static let publicAddressRequiredCheck = Check(publicAddressRequired) { c in
        guard c.plan.mode.value == .multiNode else { return [] }
        return c.plan.nodes.filter { $0.publicAddress == nil }.map { n in
            publicAddressRequired.diagnostic(
                "node `\(n.name.value)` has no `public_address`", at: n.name.span,
                label: "clients dial each node's own address in multi-node mode",
                helps: ["add its `public_address`, or use `single-entry` mode if only the gateway is public"])
        }
    }
}
