import WFCLanguage

extension Rule {
    public static let authorizedAddressMismatch = Rule(
        code: "WFC203", name: "authorized-address-mismatch", severity: .error,
        summary: "an IP authorized address that is not the entry point's public address",
        explanation: """
            Every client's IM host is the authorized address, and the first request goes \
            there. When it is an IP literal it must be the entry point: the gateway's \
            public address, or the single node's. A licence bound to another address sends \
            every client to a host that does not route them.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: ↓203.0.113.5
            nodes:
              - name: node1
                public_address: 203.0.113.20
            """
        ],
        passing: [
            """
            version: 1
            mode: single
            authorized_address: 203.0.113.20
            nodes:
              - name: node1
                public_address: 203.0.113.20
            """
        ])

    static let authorizedAddressMismatchCheck = Check(authorizedAddressMismatch) { c in
        let p = c.plan
        guard p.authorizedAddress.value.address != nil else { return [] }
        let entry: (Located<Host>, String)?
        if let g = p.gateway {
            entry = (g.publicAddress, "the gateway's public address")
        } else if p.mode.value == .single, let a = p.nodes.first?.publicAddress {
            entry = (a, "the node's public address")
        } else {
            entry = nil
        }
        guard let (address, what) = entry, address.value.address != nil,
            !address.value.same(as: p.authorizedAddress.value)
        else { return [] }
        return [
            authorizedAddressMismatch.diagnostic(
                "authorized address `\(p.authorizedAddress.value.text)` is not the entry point `\(address.value.text)`",
                at: p.authorizedAddress.span, label: "clients send every first request here",
                related: [Label(address.span, what)],
                helps: ["the authorized address must be \(what), where clients enter"])
        ]
    }
}
