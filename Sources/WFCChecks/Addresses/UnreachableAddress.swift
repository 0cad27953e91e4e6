import WFCLanguage
import WFCPlan

extension Rule {
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
                public_address: ↓192.168.1.20
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

    static let unreachableAddressCheck = Check(unreachableAddress) { c in
        let p = c.plan
        var out: [Diagnostic] = []
        // Each address judged where it stands, worded only when it is reported (the phrase for
        // each of ten thousand nodes, and a list of them all, were most of the check).
        func judge(_ located: Located<Host>, _ what: @autoclosure () -> String) {
            let kind: AddressClass
            if let address = located.value.address {
                kind = AddressClass(address)
            } else if located.value.text.lowercased() == "localhost" {
                kind = .loopback
            } else {
                return
            }
            guard !kind.isDialable(on: p.network) else { return }
            var helps: [String] = []
            if kind == .private || kind == .shared {
                helps.append("if every client is inside one private network (政企专网), set `network: intranet`")
            } else {
                helps.append("write the address clients reach this host at")
            }
            out.append(
                unreachableAddress.diagnostic(
                    "\(what()) `\(located.value.text)` is \(kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(kind.rawValue) address, which clients cannot dial",
                    at: located.span, label: "\(kind.rawValue) address",
                    notes: kind == .private || kind == .shared ? ["`network` is `internet`: clients come from the internet"] : [],
                    helps: helps))
        }
        judge(p.authorizedAddress, "`authorized_address`")
        if let g = p.gateway { judge(g.publicAddress, "the gateway's `public_address`") }
        if p.mode.value != .singleEntry {
            for n in p.nodes {
                if let a = n.publicAddress { judge(a, "the `public_address` of `\(n.name.value)`") }
            }
        }
        return out
    }
}
