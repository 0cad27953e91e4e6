import WFCLanguage
import WFCPlan

extension Rule {
    public static let sourcePortsExhausted = Rule(
        code: "WFC307", name: "source-ports-exhausted", severity: .warning,
        summary: "one gateway address would carry more long connections to one node port than it has source ports",
        explanation: """
            Every long connection the gateway passes to a node is a connection of its own from \
            the gateway's address to that node's address and port, and each needs a source port \
            of its own. Even with the wide range the checklist sets (`ip_local_port_range 1025 \
            65535`) that is at most 64511 connections per node port: past it, new clients fail \
            to connect while the gateway looks idle. `capacity.connections` spread over the \
            nodes says how many each node port carries. Add nodes so that each carries fewer, \
            or give the gateway more addresses to dial from.
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            media: {storage: builtin}
            firewall: {server_api_from: []}
            gateway:
              public_address: 203.0.113.10
              private_address: 10.0.0.10
            nodes:
              - name: node1
                private_address: 10.0.0.11
                ports: {tcp: 1883, http: 10081}
              - name: node2
                private_address: 10.0.0.12
                ports: {tcp: 1884, http: 10082}
            capacity: {connections: ↓200000}

            """
        ],
        passing: [singleEntryBase + "\ncapacity: {connections: 100000}\n"])

    static let sourcePortsExhaustedCheck = Check(sourcePortsExhausted) { c in
        let p = c.plan, sizing = p.sizing
        // Long connections the gateway passes on (not the short HTTP requests).
        let carried =
            p.gatewayHost.map {
                p.flows(into: $0).filter { $0.purpose.isLongLived && $0.upstreamNode != nil }
            } ?? []
        guard sizing.perNode > Sizing.wideSourcePorts, let first = carried.first else { return [] }
        let node = first.upstreamNode?.name ?? p.nodes[0].name.value
        return [
            sourcePortsExhausted.diagnostic(
                "`capacity.connections` \(sizing.connections) puts about \(sizing.perNode) long connections through the gateway on "
                    + (p.nodes.count == 1 ? "its one node" : "each of its \(p.nodes.count) nodes"),
                at: sizing.span, label: "more than \(Sizing.wideSourcePorts) per gateway address and node port",
                notes: [
                    "the gateway dials `\(node)` on \(first.upstream?.port ?? 0) from one address: one source port per connection, \(Sizing.wideSourcePorts) at most"
                ],
                helps: [
                    "add nodes until each carries at most \(Sizing.wideSourcePorts) (\((sizing.connections + Sizing.wideSourcePorts - 1) / Sizing.wideSourcePorts) or more), or give the gateway more addresses to dial from"
                ])
        ]
    }
}
