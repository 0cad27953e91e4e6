import WFCLanguage
import WFCPlan

extension Rule {
    public static let egressBlocksPlan = Rule(
        code: "WFC510", name: "egress-blocks-plan", severity: .error,
        summary: "a declared firewall keeps the nodes from dialing each other's cluster port",
        explanation: """
            `firewall.egress` closes each node's outbound traffic except to what it lists. \
            With derived openings wfc adds what the plan itself dials (the other nodes' \
            cluster port, the gateway's upstreams on its own host); with a declared \
            `firewall.allow` the whole firewall is yours, outbound included, and nothing is \
            added. Every node dials every other one on `ports.cluster` (5701) to share the \
            cluster cache: an egress list without it splits the cluster as soon as it is \
            applied, exactly as a closed inbound port does (WFC506). The fix adds an entry \
            for the other nodes' cluster addresses.
            """,
        failing: [
            declaredCluster + "\n" + """
                    - to: nodes
                      ports: [5701]
                      from: [10.0.0.11, 10.0.0.12]
                  ↓egress:
                    - to: 10.0.0.53
                      ports: [53]
                      protocol: udp

                """
        ],
        passing: [
            declaredCluster + "\n" + """
                    - to: nodes
                      ports: [5701]
                      from: [10.0.0.11, 10.0.0.12]
                  egress:
                    - to: 10.0.0.53
                      ports: [53]
                      protocol: udp
                    - to: 10.0.0.0/24
                      ports: [5701]

                """
        ])

    static let egressBlocksPlanCheck = Check(egressBlocksPlan) { c in egressBlocksPlan(c) }

    /// WFC510: one diagnostic for the egress list, naming the nodes that cannot dial some
    /// peer's cluster port, with a fix that adds `- to: [<peers>], ports: [5701]`.
    private static func egressBlocksPlan(_ c: CheckContext) -> [Diagnostic] {
        let p = c.plan
        guard p.mode.value != .single, p.nodes.count >= 2, c.topology.firewall.value?.allow.located != nil,
            let egress = c.topology.firewall.value?.egress.located
        else { return [] }
        let port = p.ports.cluster.value
        let peers = p.clusterSources()
        var cut: [String] = []
        for node in p.nodes {
            let own = node.internalAddress?.address
            guard let allowed = p.hosts[node.index].egress else { continue }
            let reaches = peers.allSatisfy { peer in
                peer.address == own || allowed.contains { $0.admits(peer.address, port: port, proto: .tcp) }
            }
            if !reaches { cut.append(node.name.value) }
        }
        guard !cut.isEmpty else { return [] }
        let to = peers.map { $0.description }.joined(separator: ", ")
        return [
            egressBlocksPlan.diagnostic(
                "`firewall.egress` keeps \(list(cut.map(backticked))) from dialing \(cut.count == 1 ? "its" : "their") cluster peers on port \(port)",
                at: egress.keySpan ?? egress.span, label: "the cluster cache needs every node to reach every other one",
                notes: ["the nodes' cluster addresses are \(to)"],
                helps: ["add `- to: [\(to)], ports: [\(port)]`"],
                fixes: appendRule("let the nodes dial the cluster port", to: egress, lines: ["to: [\(to)]", "ports: [\(port)]"], in: c.source)
                    .map { [$0] } ?? [])
        ]
    }
}
