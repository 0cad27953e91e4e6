import WFCLanguage
import WFCPlan

/// A load balancer wfc does not configure (`gateway.backend: external`: a cloud SLB/NLB/ALB,
/// an F5): wfc writes its listener sheet, `gateway/listeners.json`, and the same as a table
/// in CHECKLIST.md; the operator enters it in the console or in Terraform.
enum ExternalUnit: GatewayUnit {
    static let name = "the balancer"
    /// wfc runs nothing on the balancer: no service, tuning or firewall for its host.
    static let service: String? = nil
    static let errorPageMarker: String? = nil
    /// At least 10 minutes: clients' heartbeats on long connections and WebSockets.
    static let idleTimeout = 3600

    static func openFiles(_ sizing: Sizing) -> Int { 0 }
    static func selinux(ports: [Int]) -> String? { nil }
    static func installs(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [(file: String, destination: String)] { [] }
    static func stagedTest(folder: String) -> String { "true" }
    static let reload = "true"

    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact] {
        [Artifact(path: "\(gateway.folder)/listeners.json", contents: sheet(plan, gateway: gateway, provenance: provenance).rendered())]
    }

    /// One listener of the balancer: a port clients dial and where it sends them.
    struct Listener {
        var port: Int
        /// What clients speak on it.
        var clients: String
        /// The listener type to create.
        var kind: String
        var tls: Bool
        /// Layer 4 (the native long connection): no header can carry the client's address.
        var stream: Bool
        /// Each node it passes to, and the node's HTTP port its health is checked on.
        var pool: [(node: String, address: String, port: Int, health: Int)]

        /// How the nodes learn the client's address.
        var clientAddress: String {
            stream
                ? "not preserved: the nodes admit only the source ranges, and the IM server reads no proxy protocol"
                : "X-Forwarded-For set to the client's address, replacing what the client sent (the IM server reads its first entry)"
        }

        /// The same, for the checklist's table.
        var clientAddressBrief: String { stream ? "not preserved" : "X-Forwarded-For, set (not appended)" }
    }

    static func listeners(_ plan: Plan, gateway: HostPlan) -> [Listener] {
        plan.flows(into: gateway).compactMap { f -> Listener? in
            guard let upstream = f.upstream else { return nil }
            let nodes: [PlanNode] = f.upstreamNode.map { [plan.nodes[$0]] } ?? plan.nodes
            let pool = nodes.compactMap { node in
                plan.upstreamAddress(of: node).map {
                    (node.name.value, $0.text, f.isBalanced ? node.localPort.value : upstream.port, node.localPort.value)
                }
            }
            let proto = f.purpose.protocolName
            let tls = proto == "HTTPS" || proto == "WSS"
            let kind: String
            switch proto {
            case "TCP": kind = "TCP"
            case "WS": kind = "HTTP, WebSocket allowed"
            case "WSS": kind = "HTTPS, WebSocket allowed"
            default: kind = proto
            }
            return Listener(port: f.port.value, clients: proto, kind: kind, tls: tls, stream: proto == "TCP", pool: pool)
        }
    }

    static func sheet(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> JSON {
        let certificate = plan.tls?.certificate
        return JSON.object([
            ("generator", .string("wfc \(WFCVersion.string)")),
            ("input", .string(provenance.input)),
            ("authorized_address", .string(plan.authorizedAddress.value.text)),
            ("public_address", .string(plan.gateway?.publicAddress.value.text ?? "")),
            ("source_ranges", .array((plan.gateway?.sourceRanges ?? []).map { .string($0.description) })),
            (
                "listeners",
                .array(
                    listeners(plan, gateway: gateway).map { l in
                        .object([
                            ("port", .int(l.port)),
                            ("clients", .string(l.clients)),
                            ("listener", .string(l.kind)),
                            (
                                "tls",
                                l.tls
                                    ? .object([
                                        ("name", .string(plan.authorizedAddress.value.text)),
                                        ("certificate", .string(certificate?.chain ?? "")),
                                        ("certificate_key", .string(certificate?.key ?? ""))
                                    ]) : .null
                            ),
                            ("pool", .array(l.pool.map { .object([("node", .string($0.node)), ("address", .string($0.address)), ("port", .int($0.port))]) })),
                            ("balance", .string(l.pool.count > 1 ? "round robin" : "one node")),
                            ("health_check", .object(healthCheck(ports: Set(l.pool.map(\.health))))),
                            ("idle_timeout_seconds", .int(idleTimeout)),
                            ("client_address", .string(l.clientAddress))
                        ])
                    })
            )
        ])
    }

    /// Every pool is checked on its nodes' HTTP port: `/api/version` answers 200 while the IM
    /// server runs, 404 when it runs with `http.close_api_version true` (a WebSocket or TCP
    /// port accepts connections before the server is ready).
    private static func healthCheck(ports: Set<Int>) -> [(String, JSON)] {
        [
            ("protocol", .string("HTTP")), ("port", ports.count == 1 ? .int(ports.first ?? 0) : .string("each node's local_port")),
            ("path", .string("/api/version")), ("expect_status", .array([.int(200), .int(404)]))
        ]
    }

    static func setupSteps(_ plan: Plan, gateway: HostPlan) -> [String] {
        let ranges = (plan.gateway?.sourceRanges ?? []).map { "`\($0)`" }.joined(separator: ", ")
        var table = [
            "Create these listeners on the balancer (also in `gateway/listeners.json`), each with an idle timeout of at least \(idleTimeout) s "
                + "and a health check of `GET /api/version` on the pool's HTTP port expecting 200 (or 404, from servers run with `http.close_api_version true`):",
            "",
            "   | port | clients | listener | TLS | pool | client address |",
            "   |---|---|---|---|---|---|"
        ]
        let all = listeners(plan, gateway: gateway)
        for l in all {
            table.append(
                "   | \(l.port) | \(l.clients) | \(l.kind) | \(l.tls ? "ends here" : "none") | "
                    + l.pool.map { "`\($0.node)` \($0.address):\($0.port)" }.joined(separator: ", ")
                    + " | \(l.clientAddressBrief) |")
        }
        var out = [table.joined(separator: "\n") + "\n"]
        if plan.tls?.certificate != nil {
            out.append("Upload the certificate chain and key for `\(plan.authorizedAddress.value.text)` to the balancer for its TLS listeners.")
        }
        out.append(
            "Its connections to the nodes come from \(ranges.isEmpty ? "its source ranges (`gateway.source_ranges`, not given yet)" : ranges): "
                + "the nodes' firewalls admit these, and only these, on the pool ports."
                + (all.contains(where: \.stream)
                    ? " Turn client IP preservation off on the TCP listeners: with it on, the nodes see clients' addresses, which their firewalls do not admit."
                    : ""))
        return out
    }

    static let startStep = ""
}
