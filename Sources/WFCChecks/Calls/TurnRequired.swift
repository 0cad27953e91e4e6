import WFCLanguage
import WFCPlan

extension Rule {
    public static let turnRequired = Rule(
        code: "WFC604", name: "turn-required", severity: .error,
        summary: "`calls.edition: free` without a TURN server",
        explanation: """
            The free edition's calls go peer to peer. Two phones on one Wi-Fi connect \
            directly, but across NATs (a phone on 4G, a laptop behind a company router) only a \
            TURN server can relay the call: without one, calls ring and then never connect \
            ("Wi-Fi works but 4G does not", the vendor's troubleshooting). The vendor's demo \
            TURN server is no answer: its password changes. List at least one TURN server \
            under `calls.turn`: its public address, a user and a password (a secret).
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            ↓calls:
              edition: free
            """
        ],
        passing: [
            turnExample()
        ])

    static let turnRequiredCheck = Check(turnRequired) { c in
        guard let calls = c.plan.calls, calls.edition == .free, calls.turn.isEmpty,
            // An entry the decoder refused is its finding, not a missing server.
            !(c.topology.calls.value?.turn.value ?? []).contains(where: { $0.value == nil || $0.value?.name.located == nil })
        else { return [] }
        let turn = c.topology.calls.value?.turn.located
        return [
            turnRequired.diagnostic(
                "calls of the free edition need a TURN server, and `calls` lists none", at: turn?.keySpan ?? calls.span,
                label: "no TURN server: calls across NATs never connect",
                notes: ["peers behind different NATs (mobile networks, company routers) reach each other only through a relay"],
                helps: [
                    "add one under `calls.turn`: `- {name: turn1, public_address: …, user: wfc, password: {env: WFC_TURN_PASSWORD}}` (coturn, 3478 over TCP and UDP)"
                ])
        ]
    }
}

extension Rule {
    /// `calls.edition: advanced` names its media servers: a required key (WFC005) only the
    /// edition makes required.
    static let mediaServersRequired = Check(missingKey) { c in
        guard let calls = c.plan.calls, calls.edition == .advanced, calls.mediaServers.isEmpty,
            !(c.topology.calls.value?.mediaServers.value ?? []).contains(where: { $0.value?.name.located == nil })
        else { return [] }
        let written = c.topology.calls.value?.mediaServers.located
        return [
            missingKey.diagnostic(
                "`calls.edition: advanced` needs `media_servers`, and it lists none", at: written?.keySpan ?? calls.span,
                label: "no media server for the calls",
                notes: ["the advanced edition sends every call through the vendor's janus media servers"],
                helps: ["add one: `media_servers: [{name: media1, public_address: …, private_address: …}]`"])
        ]
    }
}

extension Rule {
    /// `app_server` runs somewhere: `on` a host, or at an address of its own (WFC005).
    static let appServerPlacement = Check(missingKey) { c in
        guard let a = c.topology.appServer.located, a.value.on.isAbsent, a.value.privateAddress.isAbsent, a.value.publicAddress.isAbsent
        else { return [] }
        return [
            missingKey.diagnostic(
                "`app_server` says neither where it runs (`on`) nor its own host's address (`private_address`)", at: a.keySpan ?? a.span,
                label: "runs nowhere", helps: ["add `on: gateway` or a node's name, or `private_address` for a host of its own"])
        ]
    }
}
