import WFCLanguage

extension Rule {
    public static let publicAddressForbidden = Rule(
        code: "WFC105", name: "public-address-forbidden", severity: .error,
        summary: "`single-entry` node with `public_address`",
        explanation: """
            Single-entry mode (单入口模式) means only the gateway is public: every node's \
            `server.ip` is the authorized address and all traffic passes the gateway. A \
            node's public address would never be used by clients and suggests the \
            deployment is really multi-node direct. Remove it, or switch modes.
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            media: {storage: builtin}
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
                ↓public_address: 203.0.113.12

            """
        ],
        passing: [singleEntryBase])

    static let publicAddressForbiddenCheck = Check(publicAddressForbidden) { c in
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
    }
}
