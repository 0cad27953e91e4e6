import WFCLanguage

extension Rule {
    public static let unknownFirewallTarget = Rule(
        code: "WFC503", name: "unknown-firewall-target", severity: .error,
        summary: "a firewall rule's `to` names no host",
        explanation: """
            `to` takes `nodes`, `gateway`, `all`, a node's name, or a sequence of those. A \
            name that matches no node (or `gateway` where there is none) opens nothing, \
            and the host it was meant for stays closed.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            firewall:
              allow:
                - to: all
                  ports: [22, 80, 1883]
                - to: [↓node2]
                  ports: [80]

            """
        ],
        passing: [declaredSingle.replacingOccurrences(of: "to: all", with: "to: [node1]")])

    static let unknownFirewallTargetCheck = Check(unknownFirewallTarget) { c in
        guard let rules = c.topology.firewall.value?.allow.value else { return [] }
        let names = c.plan.nodes.map(\.name.value)
        var out: [Diagnostic] = []
        for target in rules.compactMap(\.value).flatMap({ $0.to.value ?? [] }).compactMap(\.located) {
            let typed = FirewallTarget(target.value)
            if typed == .gateway, c.plan.gateway == nil {
                out.append(
                    unknownFirewallTarget.diagnostic(
                        "`to: gateway`, but there is no gateway\(c.plan.mode.value == .single ? " in single mode" : "")",
                        at: target.span, label: "no such host"))
            } else if case .node(let name) = typed, !names.contains(name) {
                let groups = FirewallTarget.groups.filter { $0 != .gateway || c.plan.gateway != nil }.map(\.word)
                let guess = Guess(target.value, among: names + groups)
                out.append(
                    unknownFirewallTarget.diagnostic(
                        "`\(target.value)` names no node", at: target.span, label: "no such host",
                        notes: ["the nodes are " + list(names.map(backticked))],
                        helps: guess.helps, fixes: guess.fixes(at: target.span)))
            }
        }
        return out
    }
}
