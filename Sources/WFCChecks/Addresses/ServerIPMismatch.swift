import WFCLanguage

extension Rule {
    public static let serverIPMismatch = Rule(
        code: "WFC201", name: "server-ip-mismatch", severity: .error,
        summary: "a node's `server_ip` differs from what the mode demands",
        explanation: """
            `server.ip` is the address the route step hands to clients, and they dial it for \
            the long connection. In `single` and `single-entry` mode it must be the \
            authorized address (the licence is bound to it, and in single-entry it is the \
            gateway); in `multi-node` mode it must be the node's own public address. Any \
            other value sends clients somewhere they cannot connect. Leave `server_ip` out \
            and wfc derives it; the fix writes the required value.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
                server_ip: ↓10.0.0.5
            """
        ],
        passing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
                server_ip: im.example.com
            """
        ])

    static let serverIPMismatchCheck = Check(serverIPMismatch) { c in
        c.plan.nodes.compactMap { n in
            guard let given = n.written.serverIP.located, let required = n.requiredServerIP,
                !given.value.same(as: required)
            else { return nil }
            let origin =
                c.plan.mode.value == .multiNode
                ? n.publicAddress.map { Label($0.span, "the node's public address") }
                : Label(c.plan.authorizedAddress.span, "the authorized address")
            let why =
                c.plan.mode.value == .multiNode
                ? "in multi-node mode `server_ip` is the node's own public address"
                : "in \(c.plan.mode.value.rawValue) mode `server_ip` is the authorized address"
            return serverIPMismatch.diagnostic(
                "`server_ip` of `\(n.name.value)` is `\(given.value.text)`, but clients must be told `\(required.text)`",
                at: given.span, label: "clients would dial this", related: origin.map { [$0] } ?? [],
                notes: [why],
                helps: ["write `\(required.text)`, or leave `server_ip` out and wfc derives it"],
                fixes: [.replace(given.span, with: required.text, "write `\(required.text)`")])
        }
    }
}
