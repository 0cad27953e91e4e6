import WFCLanguage
import WFCPlan

extension Rule {
    public static let mediaAddress = Rule(
        code: "WFC605", name: "media-address", severity: .error,
        summary: "an address clients dial for calls that they cannot reach (as WFC202): a TURN server's, or a media server's outside `relay` mode",
        explanation: """
            Clients dial a TURN server at the address in their ICE servers, and coturn \
            announces its relayed addresses at `external-ip`: both are the TURN server's \
            `public_address`. With `network: internet` it must be public, as every address \
            clients dial (WFC202). Behind 1:1 NAT coturn binds the private address and must \
            be told the public one as an IP address: a DNS name with a `private_address` \
            leaves coturn announcing its private address, and the relay candidates clients \
            receive lead nowhere. A media server's `public_address` is its `DOCKER_IP`, which \
            the vendor says must be its public IP: never a domain, never a private address. \
            With `calls.relay` the TURN servers announce their private addresses to janus on \
            purpose and janus stays private: only the address clients dial a TURN server at \
            must be reachable.
            """,
        failing: [
            turnExample(address: "↓10.0.0.30"),
            turnExample(address: "↓turn.example.com", "private_address: 10.0.0.30")
        ],
        passing: [
            turnExample("private_address: 10.0.0.30")
        ])

    static let mediaAddressCheck = Check(mediaAddress) { c in
        let calls = c.plan.calls, relayed = calls?.relayed ?? false
        let turns = (calls?.turn ?? []).compactMap { t -> Diagnostic? in
            // Behind janus coturn announces its private address: a name is only what clients dial.
            guard t.publicAddress.value.address != nil || (t.privateAddress != nil && !relayed) else { return nil }
            return undialable(
                t.publicAddress, of: "TURN server `\(t.name.value)`", network: c.plan.network,
                named: (
                    "which coturn cannot announce as its `external-ip`",
                    "behind 1:1 NAT coturn binds `private_address` and announces `external-ip`; without it the relay candidates carry the private address"
                ))
        }
        let media = (relayed ? [] : calls?.mediaServers ?? []).compactMap { m -> Diagnostic? in
            guard let publicAddress = m.publicAddress else { return nil }
            return undialable(
                publicAddress, of: "media server `\(m.name.value)`", network: c.plan.network,
                named: ("and its `DOCKER_IP` must be an IP address", "janus announces this address to clients as it is (the vendor: never a domain)"))
        }
        return turns + media
    }

    /// The diagnostic for an address clients send calls to, when they cannot: a name where an
    /// IP must be announced (`named`: why, and a note), or a class of address clients cannot dial.
    private static func undialable(_ located: Located<Host>, of what: String, network: Network, named: (why: String, note: String)) -> Diagnostic? {
        guard let address = located.value.address else {
            return mediaAddress.diagnostic(
                "the `public_address` of \(what) is a name, \(named.why)", at: located.span, label: "a DNS name", notes: [named.note],
                helps: ["write the public IP address clients reach it at"])
        }
        let kind = AddressClass(address)
        guard !kind.isDialable(on: network) else { return nil }
        let privateKind = kind == .private || kind == .shared
        return mediaAddress.diagnostic(
            "the `public_address` of \(what) is \(kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(kind.rawValue) address, which clients cannot dial",
            at: located.span, label: "\(kind.rawValue) address",
            notes: privateKind ? ["`network` is `internet`: calls come from the internet"] : [],
            helps: [
                privateKind
                    ? "write its public address (and this one as `private_address`), or, if every client is inside one private network, set `network: intranet`"
                    : "write the address clients reach it at"
            ])
    }
}
