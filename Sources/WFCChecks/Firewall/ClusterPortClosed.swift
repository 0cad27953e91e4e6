import WFCLanguage

extension Rule {
    public static let clusterPortClosed = Rule(
        code: "WFC506", name: "cluster-port-closed", severity: .error,
        summary: "a declared firewall keeps the nodes from each other's cluster port",
        explanation: """
            The nodes of a professional cluster share their state through the embedded \
            Hazelcast cache on `ports.cluster` (5701): every node must reach every other one \
            there, over the private network when there is one. A declared `firewall.allow` \
            that does not open it splits the cluster as soon as it is applied ("Hazelcast \
            instance is not active" on the survivors; the vendor's FAQ names the other \
            causes of that message: too small a heap, or a node killed with `kill -9`, \
            after which every node is restarted). Open it on every node to the other \
            nodes' addresses, and to nothing else. The fix adds that rule.
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            media: {storage: builtin}
            gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
            nodes:
              - {name: node1, private_address: 10.0.0.11, ports: {http: 10081}}
              - {name: node2, private_address: 10.0.0.12, ports: {tcp: 1884, http: 10082}}
            firewall:
              server_api_from: [10.0.5.0/24]
              ↓allow:
                - to: gateway
                  ports: [22, 80, 1883, 1884, 10081, 10082]
                - to: nodes
                  ports: [18080]
                  from: [10.0.5.0/24]
                - to: nodes
                  ports: [22]
                  from: [10.0.9.0/24]
                - to: node1
                  ports: [80, 1883]
                  from: [10.0.0.10]
                - to: node2
                  ports: [80, 1884]
                  from: [10.0.0.10]
            """
        ],
        passing: [declaredCluster + "\n    - to: nodes\n      ports: [5701]\n      from: [10.0.0.11, 10.0.0.12]\n"])

    static let clusterPortClosedCheck = Check(clusterPortClosed) { c in clusterPortClosed(c) }

    /// WFC506: one diagnostic for the rule set, naming the nodes whose cluster port some peer
    /// cannot reach, with a fix that adds `- to: nodes, ports: [5701], from: [<peers>]`.
    private static func clusterPortClosed(_ c: CheckContext) -> [Diagnostic] {
        let p = c.plan
        guard p.mode.value != .single, p.nodes.count >= 2, let allow = c.topology.firewall.value?.allow.located else { return [] }
        let port = p.ports.cluster.value
        let peers = p.clusterSources()
        var closed: [String] = []
        for host in p.hosts {
            guard case .node = host.kind else { continue }
            let open = (host.declared ?? []).filter { $0.proto == .tcp && $0.port <= port && port <= $0.through }
            let reachable = peers.allSatisfy { peer in
                open.contains { o in o.sources?.contains { peer.address.matches($0.address, prefix: $0.prefix) } ?? true }
            }
            if !reachable { closed.append(host.name) }
        }
        guard !closed.isEmpty else { return [] }
        let from = peers.map { $0.description }.joined(separator: ", ")
        let rule = "- to: nodes, ports: [\(port)], from: [\(from)]"
        return [
            clusterPortClosed.diagnostic(
                "the firewall keeps \(list(closed.map(backticked))) from \(closed.count == 1 ? "its" : "their") cluster peers on port \(port)",
                at: allow.keySpan ?? allow.span, label: "the cluster cache needs every node to reach every other one",
                notes: ["the nodes reach each other from \(from)"],
                helps: ["add `\(rule)`"],
                fixes: appendRule("open the cluster port to the nodes", to: allow, lines: ["to: nodes", "ports: [\(port)]", "from: [\(from)]"], in: c.source)
                    .map { [$0] } ?? [])
        ]
    }
}
