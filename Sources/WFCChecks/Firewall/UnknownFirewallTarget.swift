import WFCLanguage

extension Rule {
    public static let unknownFirewallTarget = Rule(
        code: "WFC503", name: "unknown-firewall-target", severity: .error,
        summary: "a firewall rule's `to` names no host",
        explanation: """
            In `firewall.allow`, `to` takes `nodes`, `gateway`, `all`, a host's name (a \
            node, a TURN or media server, the app server's own host), or a sequence of those. A name that matches no node (or `gateway` where there is \
            none) opens nothing, and the host it was meant for stays closed. In \
            `firewall.egress`, `to` takes addresses, blocks, a node's name, `gateway` or a \
            service's name: a name that is none of these lets nothing out, and whatever \
            the nodes dial there is refused.
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
        unknownAllowTargets(c) + unknownEgressDestinations(c)
    }

    /// `firewall.egress` names: a node, `gateway` where there is one, or a service.
    private static func unknownEgressDestinations(_ c: CheckContext) -> [Diagnostic] {
        guard let entries = c.topology.firewall.value?.egress.value else { return [] }
        let hosts = c.plan.hostNames
        let services = c.plan.services.map { $0.name.value }
        var out: [Diagnostic] = []
        for to in entries.compactMap({ $0.value }).flatMap({ $0.to.value ?? [] }).compactMap({ $0.located }) {
            guard case .name(let name) = to.value, !hosts.contains(name), !services.contains(name) else { continue }
            let guess = Guess(name, among: hosts + services)
            out.append(
                unknownFirewallTarget.diagnostic(
                    "`\(name)` names no host or service", at: to.span, label: "no such destination",
                    notes: [
                        "outbound rules name " + list((hosts + services).map(backticked) + ["addresses and CIDR blocks"], conjunction: "or")
                    ],
                    helps: guess.helps, fixes: guess.fixes(at: to.span)))
        }
        return out
    }

    private static func unknownAllowTargets(_ c: CheckContext) -> [Diagnostic] {
        guard let rules = c.topology.firewall.value?.allow.value else { return [] }
        // Every host the firewall covers, by its name: the nodes, then the TURN and media servers
        // and the app server's own host.
        let names = c.plan.hosts.filter { $0.kind != .gateway }.map { $0.name }
        var out: [Diagnostic] = []
        for target in rules.compactMap({ $0.value }).flatMap({ $0.to.value ?? [] }).compactMap({ $0.located }) {
            let typed = FirewallTarget(target.value)
            if typed == .gateway, c.plan.gateway == nil {
                out.append(
                    unknownFirewallTarget.diagnostic(
                        "`to: gateway`, but there is no gateway\(c.plan.mode.value == .single ? " in single mode" : "")",
                        at: target.span, label: "no such host"))
            } else if case .node(let name) = typed, !names.contains(name) {
                let groups = FirewallTarget.groups.filter { $0 != .gateway || c.plan.gateway != nil }.map { $0.word }
                let guess = Guess(target.value, among: names + groups)
                out.append(
                    unknownFirewallTarget.diagnostic(
                        "`\(target.value)` names no host", at: target.span, label: "no such host",
                        notes: ["the hosts are " + list(names.map(backticked))],
                        helps: guess.helps, fixes: guess.fixes(at: target.span)))
            }
        }
        return out
    }
}
