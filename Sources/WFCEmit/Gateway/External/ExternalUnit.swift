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
    static func openFiles(_ sizing: Sizing) -> Int { 0 }
    static func selinux(ports: [Int]) -> String? { nil }
    static func installs(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [(file: String, destination: String)] { [] }
    static func stagedTest(folder: String) -> String { "true" }
    static let reload = "true"

    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact] {
        [Artifact(path: "\(gateway.folder)/listeners.json", contents: sheet(plan, gateway: gateway, provenance: provenance).rendered())]
    }

    /// The listener type to create for what clients speak.
    static func listenerType(_ p: ClientProtocol) -> String {
        switch p {
        case .ws: return "\(ClientProtocol.http.rawValue), WebSocket allowed"
        case .wss: return "\(ClientProtocol.https.rawValue), WebSocket allowed"
        case .tcp, .http, .https: return p.rawValue
        // Passed through: the nodes end the TLS long link themselves.
        case .tls: return ClientProtocol.tcp.rawValue
        }
    }

    /// How the nodes learn the client's address.
    static func clientAddress(_ l: GatewayListener) -> String {
        l.setsForwardedFor
            ? "X-Forwarded-For set to the client's address, replacing what the client sent (the IM server reads its first entry)"
            : "not preserved: the nodes admit only the source ranges, and the IM server reads no proxy protocol"
    }

    /// The same, for the checklist's table.
    static func clientAddressBrief(_ l: GatewayListener) -> String { l.setsForwardedFor ? "X-Forwarded-For, set (not appended)" : "not preserved" }

    static func sheet(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> JSON {
        sheet(
            plan, listeners: plan.gatewayListeners, publicAddress: plan.gateway?.publicAddress.value, sourceRanges: plan.gateway?.sourceRanges ?? [],
            provenance: provenance)
    }

    static func accessPointArtifacts(_ plan: Plan, host: HostPlan, listeners: [GatewayListener], provenance: Provenance) -> [Artifact] {
        [
            Artifact(
                path: "\(host.folder)/listeners.json",
                contents: sheet(
                    plan, listeners: listeners, publicAddress: host.publicAddress?.value, sourceRanges: plan.sources(ofHosts: [plan.index(of: host)]),
                    provenance: provenance
                ).rendered())
        ]
    }

    static let accessPointInstalls: [(file: String, destination: String)] = []

    static func accessPointSetup(_ plan: Plan, host: HostPlan, listeners: [GatewayListener]) -> [String] {
        let from = host.privateAddress.map { "`\($0.value.text)` (`private_address`)" } ?? "its own address"
        return [
            listenerTable(
                listeners,
                intro:
                    "Create these TCP listeners on the balancer (also in `\(host.folder)/listeners.json`), each with an idle timeout of at least \(GatewayPolicy.idleTimeoutSeconds) s:"
            ),
            "Its connections to the nodes must come from \(from), which the nodes' firewalls admit on these ports: turn client IP preservation off."
        ]
    }

    /// The sheet of a balancer's listeners: the gateway's, or an access point's.
    static func sheet(_ plan: Plan, listeners: [GatewayListener], publicAddress: Host?, sourceRanges: [AddressRange], provenance: Provenance) -> JSON {
        let certificate = plan.tls?.certificate
        return JSON.object([
            ("generator", .string("wfc \(WFCVersion.string)")),
            ("input", .string(provenance.input)),
            ("authorized_address", .string(plan.authorizedAddress.value.text)),
            ("public_address", .string(publicAddress?.text ?? "")),
            ("source_ranges", .array(sourceRanges.map { .string($0.description) })),
            (
                "listeners",
                .array(
                    listeners.map { l in
                        .object(
                            [
                                ("port", .int(l.port.value)),
                                ("clients", .string(l.purpose.protocolName)),
                                ("listener", .string(l.isLayer4 ? ClientProtocol.tcp.rawValue : listenerType(l.purpose.clientProtocol))),
                                (
                                    "tls",
                                    l.tls
                                        ? .object([
                                            ("name", .string(plan.authorizedAddress.value.text)),
                                            ("certificate", .string(certificate?.chain ?? "")),
                                            ("certificate_key", .string(certificate?.key ?? ""))
                                        ]) : .null
                                ),
                                ("pool", .array(l.pool.map(member))),
                                ("balance", .string(l.pool.count > 1 ? "round robin" : "one node")),
                                ("health_check", .object(healthCheck(l.pool))),
                                // A cloud balancer takes one idle timeout for every listener: the long connections'.
                                ("idle_timeout_seconds", .int(GatewayPolicy.idleTimeoutSeconds)),
                                ("client_address", .string(clientAddress(l)))
                            ] + (l.files.isEmpty ? [] : [("path_rules", .array(l.files.map(pathRule)))])
                                + (l.services.isEmpty ? [] : [("host_rules", .array(l.services.map { hostRule($0, tls: l.tls) }))]))
                    })
            )
        ])
    }

    /// A forwarding rule by path: the files under `path` go to `pool` with the path
    /// rewritten to `/`, as nginx's `location /media/ { proxy_pass …/; }` does.
    private static func pathRule(_ r: GatewayListener.FilesRoute) -> JSON {
        .object([
            ("path", .string(r.prefix)), ("rewrite_to", .string("/")),
            ("pool", .array(r.pool.map(member)))
        ])
    }

    /// A forwarding rule by host name: a service's `domain` (the app server's) to its address,
    /// with its body limit and read timeout, or a redirect to HTTPS.
    private static func hostRule(_ s: GatewayListener.ServiceRoute, tls: Bool) -> JSON {
        if s.httpsOnly && !tls {
            return .object([("host", .string(s.domain.text)), ("redirect", .string("https"))])
        }
        return .object(
            [
                ("host", .string(s.domain.text)), ("service", .string(s.name)),
                ("target", .object([("address", .string(s.address.text)), ("port", .int(s.port))])),
                ("max_body", .string(s.maxUpload))
            ] + (s.readTimeout.map { [("read_timeout_seconds", .int($0))] } ?? []))
    }

    /// A pool's node as the sheet writes it.
    private static func member(_ m: GatewayListener.Member) -> JSON {
        .object([("node", .string(m.node)), ("address", .string(m.address.text)), ("port", .int(m.port))])
    }

    /// A pool as the checklist's table and rules write it: `node1` 10.0.0.11:80, ….
    private static func poolCell(_ pool: [GatewayListener.Member]) -> String {
        pool.map { "`\($0.node)` \($0.address.text):\($0.port)" }.joined(separator: ", ")
    }

    /// Every pool is checked on its nodes' HTTP port, as `GatewayPolicy` says; one that
    /// reaches only a TCP short link, by connecting.
    private static func healthCheck(_ pool: [GatewayListener.Member]) -> [(String, JSON)] {
        let ports = Set(pool.map { $0.healthPort })
        guard pool.allSatisfy({ $0.healthOverHTTP }) else {
            return [("protocol", .string("TCP")), ("port", ports.count == 1 ? .int(ports.first ?? 0) : .string("the pool's port"))]
        }
        return [
            ("protocol", .string("HTTP")), ("port", ports.count == 1 ? .int(ports.first ?? 0) : .string("each node's local_port")),
            ("path", .string(GatewayPolicy.healthPath)), ("expect_status", .array(GatewayPolicy.healthStatuses.map { .int($0) }))
        ]
    }

    static func setupSteps(_ plan: Plan, gateway: HostPlan) -> [String] {
        let ranges = (plan.gateway?.sourceRanges ?? []).map { "`\($0)`" }.joined(separator: ", ")
        let all = plan.gatewayListeners
        var out = [
            listenerTable(
                all,
                intro:
                    "Create these listeners on the balancer (also in `gateway/listeners.json`), each with an idle timeout of at least \(GatewayPolicy.idleTimeoutSeconds) s "
                    + "and a health check of `GET /api/version` on the pool's HTTP port expecting 200 (or 404, from servers run with `http.close_api_version true`):"
            )
        ]
        for l in all where !l.files.isEmpty {
            out.append(
                "On the \(l.purpose.protocolName) listener on \(l.port.value), add a forwarding rule for each path below, rewriting the path's prefix to `/` "
                    + "(the IM server serves files at `/fs/…`; without the rewrite it answers 404): "
                    + l.files.map { "`\($0.prefix)` to " + poolCell($0.pool) }.joined(separator: "; ") + ".")
        }
        if let l = all.first(where: { !$0.services.isEmpty }) {
            out.append(
                "On every HTTP and HTTPS listener, add a forwarding rule by host name for each service (also in `gateway/listeners.json`, `host_rules`): "
                    + l.services.map { s in
                        "`\(s.domain.text)` to \(s.authority) (bodies up to \(s.maxUpload)"
                            + (s.readTimeout.map { ", reads waiting \($0) s" } ?? "") + (s.httpsOnly ? "; on HTTP a redirect to HTTPS" : "") + ")"
                    }.joined(separator: "; ") + ".")
        }
        if plan.tls?.certificate != nil {
            out.append("Upload the certificate chain and key for `\(plan.authorizedAddress.value.text)` to the balancer for its TLS listeners.")
        }
        out.append(
            "Its connections to the nodes come from \(ranges.isEmpty ? "its source ranges (`gateway.source_ranges`, not given yet)" : ranges): "
                + "the nodes' firewalls admit these, and only these, on the pool ports."
                + (all.contains(where: \.isLayer4)
                    ? " Turn client IP preservation off on the TCP listeners: with it on, the nodes see clients' addresses, which their firewalls do not admit."
                    : ""))
        return out
    }

    /// The checklist's table of listeners, after its `intro`.
    private static func listenerTable(_ listeners: [GatewayListener], intro: String) -> String {
        var table = [intro, "", "   | port | clients | listener | TLS | pool | client address |", "   |---|---|---|---|---|---|"]
        for l in listeners {
            let clients = l.role == .stream ? l.layer4Summary : l.purpose.protocolName
            let type = l.isLayer4 ? ClientProtocol.tcp.rawValue : listenerType(l.purpose.clientProtocol)
            table.append(
                "   | \(l.port.value) | \(clients) | \(type) | \(l.tls ? "ends here" : "none") | " + poolCell(l.pool) + " | \(clientAddressBrief(l)) |")
        }
        return table.joined(separator: "\n") + "\n"
    }

    static let startStep = ""
}
