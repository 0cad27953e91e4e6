import WFCLanguage
import WFCPlan

extension Rule {
    public static let shortLinkTCP = Rule(
        code: "WFC309", name: "short-link-tcp", severity: .error,
        summary: "`clients.short_link: tcp` while `ports.http` still equals `ports.short_link_tcp`, or with `media.storage: builtin`",
        explanation: """
            The TCP short link (professional edition, the vendor's 基于TCP的短链接) takes the \
            port the native SDKs dial, 80, for the vendor's own TCP protocol. HTTP does not go \
            away: the JS clients' route, the robot and channel APIs still use it, so it moves \
            to another port (the vendor's example: `http_port 8000`, `local_port 8000`); both \
            on one port cannot be bound. And the IM server's built-in file storage does not \
            work over the TCP short link: files need an object store (MinIO, a cloud store).
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            media: {storage: object}
            clients:
              short_link: ↓tcp
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            clients: {short_link: tcp}
            ports: {http: 8000}
            media: {storage: ↓builtin}
            """
        ],
        passing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            clients: {short_link: tcp}
            ports: {http: 8000}
            media: {storage: object}
            """
        ])

    static let shortLinkTCPCheck = Check(shortLinkTCP) { c in
        let p = c.plan
        guard p.tcpShortLink, let written = c.topology.clients.value?.shortLink.located else { return [] }
        var out: [Diagnostic] = []
        if p.ports.http.value == p.ports.shortLinkTCP.value {
            let port = p.ports.http.value
            out.append(
                shortLinkTCP.diagnostic(
                    "the TCP short link and HTTP both on port \(port)", at: written.span, label: "the TCP short link takes \(port)",
                    notes: [
                        "`ports.http` is \(port)\(p.ports.http.isDefault ? " (the default)" : ""): HTTP stays on for the JS clients' route, robots and channels"
                    ],
                    helps: ["move HTTP to another port, as the vendor's example does: `ports: {http: 8000}`"]))
        }
        if p.media.storage == .builtin {
            let at = c.topology.media.value?.storage.located
            out.append(
                shortLinkTCP.diagnostic(
                    "the TCP short link cannot carry the built-in file storage", at: at?.span ?? written.span,
                    label: at == nil ? "files default to built-in storage" : "built-in storage",
                    notes: ["files sent over the TCP short link need an independent object store (the vendor's 基于TCP的短链接)"],
                    helps: ["configure MinIO or a cloud store in the IM config and write `media: {storage: object}`"]))
        }
        return out
    }
}

extension Rule {
    public static let shortLinkPortNot80 = Rule(
        code: "WFC311", name: "short-link-port-not-80", severity: .error,
        summary: "`ports.short_link_tcp` other than 80 without `clients.sdk: custom-ports`",
        explanation: """
            With the TCP short link the native SDKs dial port 80 for the route and their short \
            links, as they dial 80 over HTTP without it (WFC305). Another port works only with \
            the custom-port SDK the vendor builds for networks that forbid 80 \
            (`clients.sdk: custom-ports`).
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            clients: {short_link: tcp}
            media: {storage: object}
            ports: {http: 8000, short_link_tcp: ↓8001}
            """
        ],
        passing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            clients: {short_link: tcp, sdk: custom-ports}
            media: {storage: object}
            ports: {http: 8000, short_link_tcp: 8001}
            """
        ])

    static let shortLinkPortNot80Check = Check(shortLinkPortNot80) { c in
        let p = c.plan, port = p.ports.shortLinkTCP
        guard p.tcpShortLink, p.sdk == .standard, port.value != Defaults.shortLinkTCP else { return [] }
        return [
            shortLinkPortNot80.diagnostic(
                "`ports.short_link_tcp` is \(port.value); native SDKs dial 80", at: port.span, label: "not 80",
                helps: [
                    "keep `short_link_tcp` 80 and give HTTP the other port (`ports.http: \(port.value)`)",
                    "if this network forbids port 80, build every app with the vendor's custom-port SDK for \(port.value) and set `clients.sdk: custom-ports`"
                ])
        ]
    }
}
