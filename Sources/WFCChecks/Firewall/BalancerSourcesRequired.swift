import WFCLanguage

extension Rule {
    public static let balancerSourcesRequired = Rule(
        code: "WFC508", name: "balancer-sources-required", severity: .error,
        summary: "an external balancer without `gateway.source_ranges`",
        explanation: """
            With `gateway.backend: external` a load balancer wfc does not configure (a cloud \
            SLB or NLB, an F5) passes the route, the API and the per-node ports to the nodes. \
            Its connections come from addresses of the provider's choosing, not from \
            `gateway.public_address`: without `source_ranges` the nodes' firewalls cannot \
            admit them, and every check through the balancer fails. Give the CIDRs the \
            console lists for the balancer (its VPC subnet, or the provider's health-check \
            and proxy ranges).
            """,
        failing: [
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            gateway:
              public_address: 203.0.113.10
              backend: ↓external
            nodes:
              - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
              - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
            firewall:
              server_api_from: []
            """
        ],
        passing: [externalBalancer.replacingOccurrences(of: "  backend: external\n", with: "  backend: external\n  source_ranges: [10.0.0.0/24]\n")])

    static let balancerSourcesRequiredCheck = Check(balancerSourcesRequired) { c in
        guard let g = c.plan.gateway, g.isExternal, g.sourceRanges == nil, let located = c.topology.gateway.value?.backend.located
        else { return [] }
        return [
            balancerSourcesRequired.diagnostic(
                "`gateway.backend: external` needs `gateway.source_ranges`", at: located.span,
                label: "the nodes cannot admit this balancer",
                notes: ["an external balancer connects to the nodes from its own addresses, not from `public_address`"],
                helps: ["add `source_ranges: [<the balancer's CIDRs>]` under `gateway`, as its console lists them"])
        ]
    }
}
