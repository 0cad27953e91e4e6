import WFCLanguage

extension Rule {
    public static let communityLimits = Rule(
        code: "WFC108", name: "community-limits", severity: .error,
        summary: "the community edition with a mode, client or gateway it does not support",
        explanation: """
            The community edition runs as one server with native clients only: no cluster \
            modes, no web clients (they need the professional edition's WebSocket \
            listeners), no gateway, no TCP short link. Use `edition: professional` for \
            these features.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            edition: community
            clients:
              web: ↓true

            """
        ],
        passing: [minimal + "\nedition: community\n"])

    static let communityLimitsCheck = Check(communityLimits) { c in
        guard c.plan.edition == .community else { return [] }
        var out: [Diagnostic] = []
        let t = c.topology
        if c.plan.mode.value != .single {
            out.append(
                communityLimits.diagnostic(
                    "the community edition runs in `single` mode only", at: c.plan.mode.span,
                    label: "not available in the community edition", helps: ["use `edition: professional`"]))
        }
        for (field, what) in [(t.clients.value?.web, "web clients"), (t.clients.value?.https, "HTTPS web clients")] {
            if let l = field?.located, l.value {
                out.append(
                    communityLimits.diagnostic(
                        "the community edition has no \(what)", at: l.span,
                        label: "needs the professional edition", helps: ["use `edition: professional`"]))
            }
        }
        if let l = t.clients.value?.shortLink.located, l.value == .tcp {
            out.append(
                communityLimits.diagnostic(
                    "the community edition has no TCP short link", at: l.span,
                    label: "needs the professional edition", helps: ["use `edition: professional`, or short links over HTTP"]))
        }
        if let g = t.gateway.located {
            out.append(
                communityLimits.diagnostic(
                    "the community edition has no gateway", at: g.keySpan ?? g.span,
                    label: "needs the professional edition", helps: ["use `edition: professional`, or remove `gateway`"]))
        }
        return out
    }
}
