import WFCLanguage
import WFCPlan

extension Rule {
    public static let signalAddress = Rule(
        code: "WFC606", name: "signal-address", severity: .error,
        summary: "advanced calls and a node without a private IP address (`conference.signal_server_address` must be that node's IP)",
        explanation: """
            With the advanced edition each node tells the media servers where to signal it: \
            `conference.signal_server_address`, which the vendor says must be that node's own \
            private IP address, never a domain or an alias (janus only takes an IP), and never \
            the media server's address. wfc writes it from the node's `private_address`: a \
            node without one, or with a name there, leaves the media servers unable to reach \
            it, and calls that land on it fail.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: ↓node1
                public_address: 203.0.113.20
            calls:
              edition: advanced
              media_servers:
                - {name: media1, public_address: 203.0.113.41}
            """
        ],
        passing: [mediaExample()])

    static let signalAddressCheck = Check(signalAddress) { c in
        guard c.plan.calls?.edition == .advanced else { return [] }
        return c.plan.nodes.compactMap { n in
            if let a = n.privateAddress, a.value.address == nil {
                return signalAddress.diagnostic(
                    "node `\(n.name.value)`'s `private_address` `\(a.value.text)` is a name, and `conference.signal_server_address` must be an IP",
                    at: a.span, label: "a DNS name", notes: ["janus takes only an IP address here (the vendor's `wf-janus` README)"],
                    helps: ["write the node's private IP address"])
            }
            guard n.privateAddress == nil else { return nil }
            return signalAddress.diagnostic(
                "node `\(n.name.value)` has no private IP address for `conference.signal_server_address`", at: n.name.span,
                label: "the media servers cannot signal this node",
                notes: ["the vendor: that node's own private IP, not a domain and not the media server's address"],
                helps: ["add the node's `private_address` (its public IP when it has no other)"])
        }
    }
}
