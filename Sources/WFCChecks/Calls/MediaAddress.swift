import WFCLanguage
import WFCPlan

extension Rule {
    public static let mediaAddress = Rule(
        code: "WFC605", name: "media-address", severity: .error,
        summary: "an address clients dial for calls that they cannot reach (as WFC202): a TURN server's, or a media server's",
        explanation: """
            Clients dial a TURN server at the address in their ICE servers, and coturn \
            announces its relayed addresses at `external-ip`: both are the TURN server's \
            `public_address`. With `network: internet` it must be public, as every address \
            clients dial (WFC202). Behind 1:1 NAT coturn binds the private address and must \
            be told the public one as an IP address: a DNS name with a `private_address` \
            leaves coturn announcing its private address, and the relay candidates clients \
            receive lead nowhere. A media server's `public_address` is its `DOCKER_IP`, which \
            the vendor says must be its public IP: never a domain, never a private address.
            """,
        failing: [
            minimal + """

                calls:
                  turn:
                    - name: turn1
                      public_address: ↓10.0.0.30
                      user: wfc
                      password: {env: WFC_TURN_PASSWORD}
                """,
            minimal + """

                calls:
                  turn:
                    - name: turn1
                      public_address: ↓turn.example.com
                      private_address: 10.0.0.30
                      user: wfc
                      password: {env: WFC_TURN_PASSWORD}
                """
        ],
        passing: [
            minimal + """

                calls:
                  turn:
                    - name: turn1
                      public_address: 203.0.113.30
                      private_address: 10.0.0.30
                      user: wfc
                      password: {env: WFC_TURN_PASSWORD}
                """
        ])

    static let mediaAddressCheck = Check(mediaAddress) { c in
        turnAddresses(c) + mediaServerAddresses(c)
    }

    /// A media server's `DOCKER_IP`: a public IP address clients send media to.
    private static func mediaServerAddresses(_ c: CheckContext) -> [Diagnostic] {
        (c.plan.calls?.mediaServers ?? []).compactMap { m in
            let located = m.publicAddress
            guard let address = located.value.address else {
                return mediaAddress.diagnostic(
                    "the `public_address` of media server `\(m.name.value)` is a name, and its `DOCKER_IP` must be an IP address",
                    at: located.span, label: "a DNS name", notes: ["janus announces this address to clients as it is (the vendor: never a domain)"],
                    helps: ["write the media server's public IP address"])
            }
            let kind = AddressClass(address)
            guard !kind.isDialable(on: c.plan.network) else { return nil }
            return mediaAddress.diagnostic(
                "the `public_address` of media server `\(m.name.value)` is \(kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(kind.rawValue) address, which clients cannot send media to",
                at: located.span, label: "\(kind.rawValue) address",
                notes: ["it is janus's `DOCKER_IP`: the address clients are told to send media to"],
                helps: ["write its public IP (and this one as `private_address`), or, if every client is inside one private network, set `network: intranet`"])
        }
    }

    private static func turnAddresses(_ c: CheckContext) -> [Diagnostic] {
        (c.plan.calls?.turn ?? []).compactMap { t in
            let located = t.publicAddress
            guard let address = located.value.address else {
                guard t.privateAddress != nil else { return nil }
                return mediaAddress.diagnostic(
                    "the `public_address` of TURN server `\(t.name.value)` is a name, which coturn cannot announce as its `external-ip`",
                    at: located.span, label: "a DNS name",
                    notes: [
                        "behind 1:1 NAT coturn binds `private_address` and announces `external-ip`; without it the relay candidates carry the private address"
                    ],
                    helps: ["write the public IP address clients reach it at"])
            }
            let kind = AddressClass(address)
            guard !kind.isDialable(on: c.plan.network) else { return nil }
            return mediaAddress.diagnostic(
                "the `public_address` of TURN server `\(t.name.value)` is \(kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(kind.rawValue) address, which clients cannot dial",
                at: located.span, label: "\(kind.rawValue) address",
                notes: kind == .private || kind == .shared ? ["`network` is `internet`: calls come from the internet"] : [],
                helps: [
                    kind == .private || kind == .shared
                        ? "write its public address (and this one as `private_address`), or, if every client is inside one private network, set `network: intranet`"
                        : "write the address clients reach it at"
                ])
        }
    }
}
