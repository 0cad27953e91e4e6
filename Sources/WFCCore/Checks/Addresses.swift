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
                server_ip: 10.0.0.5
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

    public static let unreachableAddress = Rule(
        code: "WFC202", name: "unreachable-address", severity: .error,
        summary: "an address clients dial is private, loopback or otherwise unreachable",
        explanation: """
            With `network: internet` (the default) clients come from the internet, so every \
            address they dial — the authorized address, the gateway's public address, each \
            multi-node node's public address, the single node's address — must be public. \
            Private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), loopback, \
            link-local and unspecified addresses are not. Documentation ranges (192.0.2/24, \
            198.51.100/24, 203.0.113/24, 2001:db8::/32) are accepted for examples. In a \
            government or enterprise private network (政企专网) set `network: intranet`: \
            private and shared addresses are then fine.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
                public_address: 192.168.1.20
            """
        ],
        passing: [
            """
            version: 1
            mode: single
            network: intranet
            authorized_address: im.example.com
            nodes:
              - name: node1
                public_address: 192.168.1.20
            """
        ])

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
            authorized_address: 203.0.113.5
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

    static let addressChecks: [Check] = [
        Check(serverIPMismatch) { c in
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
        },
        Check(unreachableAddress) { c in
            let p = c.plan
            var dialed: [(Located<Host>, String)] = [(p.authorizedAddress, "`authorized_address`")]
            if let g = p.gateway { dialed.append((g.publicAddress, "the gateway's `public_address`")) }
            if p.mode.value != .singleEntry {
                for n in p.nodes {
                    if let a = n.publicAddress { dialed.append((a, "the `public_address` of `\(n.name.value)`")) }
                }
            }
            return dialed.compactMap { located, what in
                let kind: AddressClass
                if let address = located.value.address {
                    kind = AddressClass(address)
                } else if located.value.text.lowercased() == "localhost" {
                    kind = .loopback
                } else {
                    return nil
                }
                guard !kind.isDialable(on: p.network) else { return nil }
                var helps: [String] = []
                if kind == .private || kind == .shared {
                    helps.append("if every client is inside one private network (政企专网), set `network: intranet`")
                } else {
                    helps.append("write the address clients reach this host at")
                }
                return unreachableAddress.diagnostic(
                    "\(what) `\(located.value.text)` is \(kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(kind.rawValue) address, which clients cannot dial",
                    at: located.span, label: "\(kind.rawValue) address",
                    notes: kind == .private || kind == .shared ? ["`network` is `internet`: clients come from the internet"] : [],
                    helps: helps)
            }
        },
        Check(authorizedAddressMismatch) { c in
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
    ]
}
