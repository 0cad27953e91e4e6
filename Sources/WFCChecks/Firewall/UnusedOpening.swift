import WFCLanguage
import WFCPlan

extension Rule {
    public static let unusedOpening = Rule(
        code: "WFC505", name: "unused-opening", severity: .warning, tags: [.unnecessary],
        summary: "an opened port no listener on that host uses",
        explanation: """
            Nothing on the host listens on the port, so opening it does nothing today and \
            exposes whatever listens there tomorrow. Usually a port from another mode or a \
            typo for one that is needed. A range (`40000-40100`) is not judged: it states on \
            purpose that another service, such as a media relay, uses those ports.
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
                  ports: [22, 80, 1883, ↓8080]
            """
        ],
        passing: [declaredSingle])

    static let unusedOpeningCheck = Check(unusedOpening) { c in
        var hostsBySpan: [Span: [String]] = [:], usedBySpan: [Span: [String]] = [:]
        var order: [(Span, String)] = []
        // Only written rules are judged: without any, what listens where is not worth
        // gathering (a set per host).
        guard c.plan.hosts.contains(where: { $0.machine == nil && !($0.declared ?? []).isEmpty }) else { return [] }
        // One firewall per machine: a gateway on a node's host listens there too.
        var listening = [Set<Int>](repeating: [], count: c.plan.hosts.count)
        for (i, host) in c.plan.hosts.enumerated() {
            listening[c.plan.machine(of: i)].formUnion(host.listeners.map { $0.bound.key })
        }
        // A service's wide range is one listener in the plan: its flows say every port.
        for f in c.plan.flows where f.through != nil {
            listening[c.plan.machine(of: f.host)].formUnion((f.port.value...(f.through ?? f.port.value)).map { BoundPort(proto: f.proto, number: $0).key })
        }
        let ssh = c.plan.sshPort.value
        for (i, host) in c.plan.hosts.enumerated() where host.machine == nil {
            for o in host.declared ?? [] {
                let isSSH = o.proto == .tcp && o.port <= ssh && ssh <= o.through
                // A range says on purpose that something (a media relay) uses those ports;
                // wfc does not know that service's listeners, so it does not judge ranges.
                guard let span = o.span, !isSSH, o.port == o.through else { continue }
                if listening[i].contains(BoundPort(proto: o.proto, number: o.port).key) {
                    usedBySpan[span, default: []].append(host.name)
                    continue
                }
                if hostsBySpan[span] == nil { order.append((span, "port \(o.port) is")) }
                hostsBySpan[span, default: []].append(host.name)
            }
        }
        return order.map { span, ports in
            // A rule shared by several hosts: removing the port would break those that use it.
            let used = usedBySpan[span] ?? []
            let help =
                used.isEmpty
                ? "remove it, or check whether another port was meant"
                : "\(list(used.map(backticked))) \(used.count == 1 ? "uses" : "use") it: keep it for \(used.count == 1 ? "that host" : "those hosts") "
                    + "and give \(list((hostsBySpan[span] ?? []).map(backticked))) a rule without it"
            return unusedOpening.diagnostic(
                "\(ports) opened on \(list((hostsBySpan[span] ?? []).map(backticked))), but nothing listens there",
                at: span, label: "unused", helps: [help])
        }
    }
}
