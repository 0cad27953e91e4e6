import WFCLanguage

extension Rule {
    public static let portMappingMismatch = Rule(
        code: "WFC308", name: "port-mapping-mismatch", severity: .error,
        summary: "`port_mapping` does not send a port clients dial to the port that serves it",
        explanation: """
            Behind a router that maps ports (DNAT), clients dial the outside address on the \
            ports the server advertises in the route step: `port`, `websocket_port` and the \
            WSS port are both bound and advertised, so each must be mapped to the same number \
            inside (vendor: "the mapped external port must equal the configured port"). HTTP \
            is the exception: clients dial `http_port` (80) outside, and the router may send \
            it to any inside port, which must then be the node's `local_port` \
            (`ports.local`). One diagnostic per port, with the mapping that works.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            ports: {local: 8080}
            nodes:
              - name: node1
                public_address: 203.0.113.10
                private_address: 192.168.1.10
                port_mapping: {80: 8080, 1883: ↓21883}
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            ports: {local: 80}
            nodes:
              - name: node1
                public_address: 203.0.113.10
                private_address: 192.168.1.10
                port_mapping: {80: ↓8080, 1883: 1883}
            """
        ],
        passing: [portMappedBase])

    static let portMappingMismatchCheck = Check(portMappingMismatch) { c in portMappingMismatches(c) }

    /// WFC308: every port clients dial on a mapped host must reach the port that serves it:
    /// the same number for the advertised ports, `local_port` (or the gateway's HTTP port on
    /// the host) for `http_port`.
    private static func portMappingMismatches(_ c: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for node in c.plan.nodes {
            guard let mapping = node.portMapping else { continue }
            var seen = Set<Int>()
            for f in c.plan.hosts(onMachine: node.index).flatMap({ c.plan.flows(into: $0) }) where f.isFromClients {
                let inside = f.port.value
                let outside = f.purpose == .http ? c.plan.ports.http.value : inside
                guard seen.insert(outside).inserted else { continue }
                let what = "\(outside) (\(f.purpose.summary))"
                guard let entry = mapping.value.first(where: { $0.outside == outside }) else {
                    out.append(
                        portMappingMismatch.diagnostic(
                            "`port_mapping` of `\(node.name.value)` leaves \(what) unmapped", at: mapping.keySpan ?? mapping.span,
                            label: "clients dial \(outside) on the outside address",
                            helps: ["add `\(outside): \(inside)` and the same rule on the router"]))
                    continue
                }
                guard entry.inside != inside else { continue }
                if f.purpose == .http {
                    out.append(
                        portMappingMismatch.diagnostic(
                            "outside \(outside) is mapped to \(entry.inside), but `\(node.name.value)` serves HTTP on \(inside)",
                            at: entry.insideSpan, label: "nothing serves HTTP here",
                            related: [Label(node.localPort.span, "`local_port` \(node.localPort.value)\(node.localPort.isDefault ? " (the default)" : "")")],
                            helps: ["set `ports.local: \(entry.inside)`, or map `\(outside): \(inside)`"]))
                } else {
                    out.append(
                        portMappingMismatch.diagnostic(
                            "outside \(outside) is mapped to \(entry.inside), but the server advertises \(outside) and listens there",
                            at: entry.insideSpan, label: "must be \(outside)",
                            notes: ["the route step tells clients the port the server binds; a mapped port must keep its number"],
                            helps: ["map `\(outside): \(outside)`"],
                            fixes: [.replace(entry.insideSpan, with: String(outside), "map \(outside) to \(outside)", .unsafe)]))
                }
            }
        }
        return out
    }
}
