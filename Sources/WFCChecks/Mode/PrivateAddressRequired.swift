import WFCLanguage

extension Rule {
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
              - name: ↓node1
            """
        ],
        passing: [singleEntryBase])

    static let privateAddressRequiredCheck = Check(privateAddressRequired) { c in
        guard c.plan.mode.value == .singleEntry else { return [] }
        return c.plan.nodes.filter { $0.privateAddress == nil }.map { n in
            privateAddressRequired.diagnostic(
                "node `\(n.name.value)` has no `private_address`", at: n.name.span,
                label: "the gateway forwards to it over the private network",
                helps: ["add the address the gateway dials, e.g. `private_address: 10.0.0.11`"])
        }
    }
}
