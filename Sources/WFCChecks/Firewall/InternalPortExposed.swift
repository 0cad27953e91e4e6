import WFCLanguage
import WFCPlan

extension Rule {
    public static let internalPortExposed = Rule(
        code: "WFC502", name: "internal-port-exposed", severity: .error,
        summary: "admin (18080) or cluster (5701) opened to the public",
        explanation: """
            The Server API on the admin port (18080) controls users, groups and messages \
            with one shared secret, and the cluster cache on 5701 accepts any member: \
            neither may ever be reachable from the internet. Open them only to private \
            ranges (the app server, the other nodes), or not at all. A `port_mapping` \
            entry that sends an outside port to one of them publishes it on the router, past \
            any firewall on the host.
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
                  ports: [22, 80, 1883, ↓18080]
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            ports: {local: 8080}
            nodes:
              - name: node1
                public_address: 203.0.113.10
                private_address: 192.168.1.10
                port_mapping: {80: 8080, 1883: 1883, 443: ↓18080}
            """
        ],
        passing: [declaredSingle + "\n    - to: node1\n      ports: [18080]\n      from: [10.0.0.0/8]\n"])

    static let internalPortExposedCheck = Check(internalPortExposed) { c in
        var seen: Set<Span> = []
        var out: [Diagnostic] = []
        // The cluster port opened to the nodes' own addresses is what it is for, even when
        // those are public (multi-node nodes without private addresses).
        // Gathered only for a written rule that opens an internal port: derived openings never do.
        lazy var nodeAddresses = Set(c.plan.clusterSources().map { $0.description })
        for host in c.plan.hosts {
            guard let declared = host.declared, !declared.isEmpty else { continue }
            let internalListeners = host.listeners.filter { $0.exposure == .internal }
            for o in declared {
                // A range exposes every internal port inside it.
                guard let listener = internalListeners.first(where: { o.port <= $0.port.value && $0.port.value <= o.through }),
                    let span = o.span, !seen.contains(span)
                else { continue }
                let publicSources = o.sources.map {
                    $0.filter {
                        !(AddressClass(range: $0)?.isInternal ?? false)
                            && !(listener.purpose == .cluster && nodeAddresses.contains($0.description))
                    }
                }
                let from: String
                if let publicSources {
                    guard let first = publicSources.first else { continue }
                    from = "the public range `\(first)`"
                } else {
                    from = "anyone"
                }
                seen.insert(span)
                let what =
                    o.port == o.through
                    ? "port \(o.port) (\(listener.purpose.summary)) is"
                    : "ports \(o.port)-\(o.through) include \(listener.port.value) (\(listener.purpose.summary)) and are"
                out.append(
                    internalPortExposed.diagnostic(
                        "\(what) opened to \(from)", at: span,
                        label: "internal only",
                        helps: ["open it only `from:` private ranges such as `[10.0.0.0/8]`, or not at all"]))
            }
        }
        return out + mappedInternalPorts(c)
    }

    /// A router rule that sends an outside port to the admin or the cluster port publishes it
    /// to everyone the router serves: the host's firewall admits the router's forwarded
    /// packets as the port's own sources would never be.
    private static func mappedInternalPorts(_ c: CheckContext) -> [Diagnostic] {
        c.plan.nodes.flatMap { node -> [Diagnostic] in
            guard let mapping = node.portMapping else { return [] }
            let internalListeners = c.plan.hosts(onMachine: node.index).flatMap { $0.listeners.filter { $0.exposure == .internal } }
            return mapping.value.compactMap { entry in
                // A router's mapping carries whichever protocol arrives: the TCP listener is reached.
                guard let listener = internalListeners.first(where: { $0.bound == BoundPort(proto: .tcp, number: entry.inside) }) else { return nil }
                return internalPortExposed.diagnostic(
                    "`port_mapping` of `\(node.name.value)` publishes \(entry.inside) (\(listener.purpose.summary)) on outside port \(entry.outside)",
                    at: entry.insideSpan, label: "internal only",
                    notes: ["the router forwards whoever reaches outside port \(entry.outside), whatever the host's firewall admits from its own sources"],
                    helps: ["remove `\(entry.outside): \(entry.inside)`; callers of the Server API and cluster peers reach it on the private network"])
            }
        }
    }
}
