import WFCLanguage
import WFCPlan

extension Rule {
    public static let accessPointPorts = Rule(
        code: "WFC310", name: "access-point-ports", severity: .error,
        summary:
            "an access point without ports for every node, for a node the topology lacks, with a port used twice, or carrying WSS it cannot end",
        explanation: """
            An access point (全球接入) maps each node's short-link, long-connection and \
            WebSocket ports to ports of its own, and each node advertises its entry in \
            `server.backup_address`. A client is pinned to one node by the server: where an \
            access point has no entry for that node, its clients in that region reach the node \
            only directly, which is what the access point was for. One port cannot forward to \
            two nodes (a port its machine already binds, SSH's included, is WFC301's, as for \
            every host). And an access point passes bytes at \
            layer 4: where web clients on HTTPS pages get WSS from a gateway that ends TLS, the \
            access point's WebSocket port would give them plain WS, which an HTTPS page refuses.
            """,
        failing: [
            multiNodeBase + """

                access_points:
                  - name: ap1
                    public_address: 198.51.100.20
                    ↓ports:
                      node1: {http: 81, tcp: 1881, websocket: 8081}
                """,
            multiNodeBase + """

                access_points:
                  - name: ap1
                    public_address: 198.51.100.20
                    ports:
                      node1: {http: 81, tcp: 1881, websocket: 8081}
                      node2: {http: 82, tcp: ↓1881, websocket: 8082}
                """,
            multiNodeBase + """

                access_points:
                  - name: ap1
                    public_address: 198.51.100.20
                    ports:
                      node1: {http: 81, tcp: 1881, websocket: 8081}
                      node2: {http: 82, tcp: 1882, websocket: 8082}
                      ↓node9: {http: 83, tcp: 1883, websocket: 8083}
                """
        ],
        passing: [
            multiNodeBase + """

                access_points:
                  - name: ap1
                    public_address: 198.51.100.20
                    ports:
                      node1: {http: 81, tcp: 1881, websocket: 8081}
                      node2: {http: 82, tcp: 1882, websocket: 8082}
                """
        ])

    static let accessPointPortsCheck = Check(accessPointPorts) { c in
        let p = c.plan
        var out: [Diagnostic] = []
        for field in c.topology.accessPoints.value ?? [] {
            guard let spec = field.value, let name = spec.name.value, let ports = spec.ports.located else { continue }
            let at = ports.keySpan ?? ports.span
            for (node, _) in ports.value where p.node(named: node.value) == nil {
                out.append(
                    accessPointPorts.diagnostic(
                        "access point `\(name)` maps ports for `\(node.value)`, which is not a node", at: node.span, label: "no such node",
                        helps: ["give the name of a node in `nodes`: " + p.nodes.map { "`\($0.name.value)`" }.joined(separator: ", ")]))
            }
            let given = Set(ports.value.map { $0.node.value })
            let missing = p.nodes.filter { !given.contains($0.name.value) }.map { $0.name.value }
            if !missing.isEmpty {
                out.append(
                    accessPointPorts.diagnostic(
                        "access point `\(name)` has no ports for " + missing.map { "`\($0)`" }.joined(separator: ", "), at: at,
                        label: "every node needs its own three ports here",
                        notes: [
                            "the server pins each client to one node: clients of this region pinned to "
                                + (missing.count == 1 ? "that node" : "those nodes") + " would bypass the access point"
                        ],
                        helps: ["add `\(missing[0]): {http: PORT, tcp: PORT, websocket: PORT}` with ports no other node uses here"]))
            }
            guard let ap = p.accessPoints.first(where: { $0.name.value == name }) else { continue }
            var first: [Int: String] = [:]
            for e in ap.entries {
                for port in [e.http, e.tcp, e.websocket] {
                    if let earlier = first[port.value] {
                        out.append(
                            accessPointPorts.diagnostic(
                                "port \(port.value) is used twice on access point `\(name)`", at: port.span, label: "already \(earlier)'s",
                                notes: ["one port forwards to one node's one port"], helps: ["give `\(e.node.name)` a port of its own"]))
                    } else {
                        first[port.value] = "`\(e.node.name)`"
                    }
                }
            }
        }
        // Layer 4 cannot end TLS: WSS that a gateway ends cannot pass through an access point.
        if p.https, !p.accessPoints.isEmpty, !p.nodeServesWSS, let first = c.topology.accessPoints.located {
            out.append(
                accessPointPorts.diagnostic(
                    "web clients on HTTPS pages cannot use an access point: their WSS ends at the gateway", at: first.keySpan ?? first.span,
                    label: "layer 4, no TLS",
                    notes: ["an access point passes bytes as they come; its WebSocket port would give an HTTPS page plain WS, which the browser refuses"],
                    helps: ["let the nodes end WSS themselves (`tls.wss: nodes`, multi-node): the access points then pass each node's WSS port through"]))
        }
        return out
    }
}
