import WFCLanguage

extension Rule {
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
            mode: ↓multi-node
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            nodes:
              - name: node1
                public_address: 203.0.113.11
            """
        ],
        passing: [multiNodeBase])

    static let gatewayRequiredCheck = Check(gatewayRequired) { c in
        let p = c.plan
        guard p.mode.value != .single, c.topology.gateway.isAbsent, p.edition == .professional else { return [] }
        return [
            gatewayRequired.diagnostic(
                "`\(p.mode.value.rawValue)` mode needs a `gateway`", at: p.mode.span,
                label: "this mode puts a gateway at the authorized address",
                helps: ["add `gateway:` with the `public_address` that `\(p.authorizedAddress.value.text)` resolves to"])
        ]
    }
}
