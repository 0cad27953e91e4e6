import WFCLanguage

extension Rule {
    public static let httpsNeedsWeb = Rule(
        code: "WFC403", name: "https-needs-web", severity: .error,
        summary: "`clients.https` without `clients.web`",
        explanation: """
            `clients.https` says the JS clients are served over HTTPS (so they route over \
            HTTPS and connect over WSS). Native clients never use it. Without `web: true` \
            there are no JS clients, so the setting means nothing — most likely `web` was \
            forgotten.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            clients: {https: ↓true}

            """
        ],
        passing: [minimal + "\nclients: {web: true}\n"])

    static let httpsNeedsWebCheck = Check(httpsNeedsWeb) { c in
        guard let https = c.topology.clients.value?.https.located, https.value, !c.plan.web else { return [] }
        let web = c.topology.clients.value?.web.located
        return [
            httpsNeedsWeb.diagnostic(
                "`clients.https` is set but `clients.web` is not", at: https.span,
                label: "HTTPS applies to web clients only",
                related: web.map { [Label($0.span, "web clients are off")] } ?? [],
                helps: ["set `web: true` if web clients connect, or remove `https`"],
                fixes: web.map { [.replace($0.span, with: "true", "set `web: true`", .unsafe)] } ?? [])
        ]
    }
}
