import WFCLanguage
import WFCPlan

extension Rule {
    public static let turnRequired = Rule(
        code: "WFC604", name: "turn-required", severity: .error,
        summary: "`calls.edition: free`, or `relay`, without a TURN server",
        explanation: """
            The free edition's calls go peer to peer. Two phones on one Wi-Fi connect \
            directly, but across NATs (a phone on 4G, a laptop behind a company router) only a \
            TURN server can relay the call: without one, calls ring and then never connect \
            ("Wi-Fi works but 4G does not", the vendor's troubleshooting). The vendor's demo \
            TURN server is no answer: its password changes. List at least one TURN server \
            under `calls.turn`: its public address, a user and a password (a secret). The \
            advanced edition's `relay` puts TURN servers in front of janus: without one, \
            nothing relays to the private media servers.
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
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
                private_address: 10.0.0.11
            ↓calls:
              edition: advanced
              relay: single-port
              media_servers:
                - {name: media1, private_address: 10.0.0.41}
            """
        ],
        passing: [
            turnExample()
        ])

    static let turnRequiredCheck = Check(turnRequired) { c in
        guard let calls = c.plan.calls, calls.edition == .free || calls.relayed, calls.turn.isEmpty,
            // An entry the decoder refused is its finding, not a missing server.
            !(c.topology.calls.value?.turn.value ?? []).contains(where: { $0.value == nil || $0.value?.name.located == nil })
        else { return [] }
        let turn = c.topology.calls.value?.turn.located
        return [
            calls.relayed
                ? turnRequired.diagnostic(
                    "`calls.relay: \(calls.relay.rawValue)` puts TURN servers in front of janus, and `calls` lists none", at: turn?.keySpan ?? calls.span,
                    label: "no TURN server: the private media servers are out of reach",
                    notes: ["with `relay` janus has no public port: clients reach it only through a TURN server on its LAN"],
                    helps: [
                        "add one under `calls.turn`, on the media servers' network: `- {name: turn1, public_address: …, private_address: …, user: wfc, password: {env: WFC_TURN_PASSWORD}}`"
                    ])
                : turnRequired.diagnostic(
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
    /// The address each call host announces (WFC005): a media server's `DOCKER_IP` (public
    /// when clients send to it, private behind the TURN servers), and in front of janus a TURN
    /// server's private address, which it relays at.
    static let callAddressesRequired = Check(missingKey) { c in
        guard let calls = c.topology.calls.value, let plan = c.plan.calls, plan.edition == .advanced else { return [] }
        var out: [Diagnostic] = []
        for m in (calls.mediaServers.value ?? []).compactMap({ $0.located }) where m.value.name.value != nil {
            let name = m.value.name.value ?? ""
            if plan.relayed, m.value.privateAddress.isAbsent {
                out.append(
                    missingKey.diagnostic(
                        "media server `\(name)` has no `private_address`, and behind the TURN servers (`calls.relay`) janus announces it", at: m.span,
                        label: "no `DOCKER_IP`", notes: ["the TURN servers relay to janus over their shared LAN (the vendor's 单端口化)"],
                        helps: ["add `private_address`: its address on the TURN servers' network"]))
            } else if !plan.relayed, m.value.publicAddress.isAbsent {
                out.append(
                    missingKey.diagnostic(
                        "media server `\(name)` has no `public_address`, and clients send their media to it", at: m.span, label: "no `DOCKER_IP`",
                        notes: ["janus announces its `DOCKER_IP` to clients, who send media straight to its RTP range"],
                        helps: ["add `public_address`: its public IP", "or keep janus private behind a TURN server: `calls.relay: single-port`"]))
            }
        }
        guard plan.relayed else { return out }
        for t in (calls.turn.value ?? []).compactMap({ $0.located }) where t.value.name.value != nil && t.value.privateAddress.isAbsent {
            out.append(
                missingKey.diagnostic(
                    "TURN server `\(t.value.name.value ?? "")` has no `private_address`, and in front of janus (`calls.relay`) it relays there",
                    at: t.span, label: "no address on the media servers' LAN",
                    notes: ["coturn's `relay-ip` and `external-ip` are its private address: janus reaches it there, and no client does"],
                    helps: ["add `private_address`: its address on the media servers' network"]))
        }
        return out
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
