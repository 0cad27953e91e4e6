import WFCLanguage
import WFCPlan

/// The gateway's haproxy.cfg (Debian's HAProxy 2.6): one frontend per gateway port, as the
/// nginx gateway has one server per port. `mode http` for the route, the API, the short
/// links and the WebSockets (which HAProxy tunnels after the upgrade); `mode tcp` for the
/// native long connection. Every node backend is health-checked on its `/api/version`.
enum HAProxyEmitter {
    /// Long connections and WebSockets stay idle between heartbeats: 10 minutes at least.
    static let idleTimeout = "3600s"

    static func render(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> String {
        var frontends: [HAProxySection] = []
        var backends: [String: HAProxySection] = [:]
        func backend(_ name: String, _ make: () -> HAProxySection) -> String {
            if backends[name] == nil { backends[name] = make() }
            return name
        }
        let balanced = backend("wfc-http") { balancedBackend(plan) }
        for f in plan.flows(into: gateway) {
            switch f.upstream {
            case .everyNode?:
                let tls = f.purpose == .https
                frontends.append(
                    HAProxySection(
                        "frontend", "wfc-\(tls ? "https" : "http")-\(f.port.value)",
                        comments: [
                            tls
                                ? "HTTPS for web clients on HTTPS pages; TLS ends here and the nodes get HTTP."
                                : "HTTP on the authorized address \(plan.authorizedAddress.value.text) (\(provenance.line(plan.authorizedAddress.span)))."
                        ],
                        lines: [["mode", "http"]] + bind(f.port.value, tls: tls, plan: plan, gateway: gateway) + forwarded(tls: tls)
                            + uploadLimit(plan) + shortLinks()
                            + (tls && plan.media.remoteServerURL != nil
                                // Files at https://<authorized>/media/fs/… are the nodes' /fs.
                                ? [["http-request", "replace-path", "^/media/(.*)", "/\\1", "if", "{", "path_beg", "/media/", "}"]] : [])
                            + serviceRoutes(plan, backend: backend)
                            + [["default_backend", balanced]]))
            case .node(let n, let port)?:
                let node = plan.nodes[n], name = node.name.value
                guard let host = plan.upstreamAddress(of: node) else { continue }
                let target = host.authority(port)
                let stream: Bool
                if case .tcpStream = f.purpose { stream = true } else { stream = false }
                let pool = backend("wfc-\(name)-\(port)") {
                    nodeBackend("wfc-\(name)-\(port)", node: node, target: target, stream: stream, plan: plan, provenance: provenance)
                }
                let tls = f.purpose == .secureWebsocketProxy(node: name)
                var lines = [["mode", stream ? "tcp" : "http"]] + bind(f.port.value, tls: tls, plan: plan, gateway: gateway)
                let what: String
                switch f.purpose {
                case .tcpStream:
                    what = "native long connection"
                    lines.append(["timeout", "client", idleTimeout])
                case .httpProxy:
                    // Native short links (`/im`) must reach the client's own node: its own port.
                    what = "HTTP (short links)"
                    lines += forwarded(tls: false) + uploadLimit(plan) + shortLinks()
                default:
                    what = tls ? "WSS" : "WS"
                    lines += forwarded(tls: tls)
                }
                frontends.append(
                    HAProxySection(
                        "frontend", "wfc-\(name)-\(f.port.value)",
                        comments: ["\(name): \(what) on \(f.port.value) to \(target) (\(provenance.line(f.port.span)))."],
                        lines: lines + [["default_backend", pool]]))
            case nil:
                continue
            }
        }
        let sections = [global(plan.sizing), defaults()] + frontends + backends.keys.sorted().compactMap { backends[$0] }
        return "# \(provenance.header)\n# The gateway's HAProxy configuration: /etc/haproxy/haproxy.cfg. Test: \(HAProxyUnit.test(path: "haproxy.cfg"))\n"
            + "# Do not edit here: change the topology and run `wfc build`.\n\n" + HAProxySection.render(sections)
    }

    /// HAProxy's limits for `capacity.connections`: `maxconn` counts clients' connections, and
    /// each holds two descriptors (the client's and the node's), plus listeners and checks.
    static func maxconn(_ sizing: Sizing) -> Int { sizing.workerConnections }
    static func ulimitN(_ sizing: Sizing) -> Int { 2 * maxconn(sizing) + 1024 }

    private static func global(_ sizing: Sizing) -> HAProxySection {
        HAProxySection(
            "global", comments: ["Sized for `capacity.connections` \(sizing.connections), with room for a reconnecting crowd."],
            lines: [
                ["log", "/dev/log", "local0"],
                ["chroot", "/var/lib/haproxy"],
                ["user", "haproxy"],
                ["group", "haproxy"],
                ["maxconn", String(maxconn(sizing))],
                ["ulimit-n", String(ulimitN(sizing))],
                ["ssl-default-bind-options", "ssl-min-ver", "TLSv1.2"]
            ])
    }

    private static func defaults() -> HAProxySection {
        HAProxySection(
            "defaults",
            lines: [
                ["log", "global"],
                ["option", "dontlognull"],
                ["timeout", "connect", "10s"],
                ["timeout", "client", "60s"],
                ["timeout", "server", "60s"],
                ["timeout", "http-request", "10s"],
                // A WebSocket after its upgrade, and a long connection, are tunnels: idle between heartbeats.
                ["timeout", "tunnel", idleTimeout]
            ])
    }

    private static func bind(_ port: Int, tls: Bool, plan: Plan, gateway: HostPlan) -> [[String]] {
        let ssl = tls ? ["ssl", "crt", HAProxyUnit.bundle(plan), "alpn", "http/1.1"] : []
        var out = [["bind", ":\(port)"] + ssl]
        if gateway.publicAddress?.value.address?.isIPv6 == true {
            out.append(["bind", ":::\(port)", "v6only"] + ssl)
        }
        return out
    }

    /// The IM server takes the first X-Forwarded-For entry as the client's address: the
    /// gateway faces clients, so it sets the header rather than append to what they sent.
    private static func forwarded(tls: Bool) -> [[String]] {
        [
            ["http-request", "set-header", "X-Real-IP", "%[src]"],
            ["http-request", "set-header", "X-Forwarded-For", "%[src]"],
            ["http-request", "set-header", "X-Forwarded-Proto", tls ? "https" : "http"]
        ]
    }

    /// `media.max_upload`, as nginx's `client_max_body_size`: a declared body over it is refused.
    private static func uploadLimit(_ plan: Plan) -> [[String]] {
        guard let bytes = plan.media.maxUploadBytes else { return [] }
        return [["http-request", "deny", "deny_status", "413", "if", "{", "req.hdr_val(content-length)", "gt", String(bytes), "}"]]
    }

    /// `/im`, the short links: the gateway answers browsers' CORS preflight itself (204) and
    /// marks every answer, its own included, as open to any origin (the vendor's NG recipe),
    /// replacing the node's own CORS headers so that the browser sees one set.
    private static func shortLinks() -> [[String]] {
        let cors = [
            ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "POST, OPTIONS"),
            (
                "Access-Control-Allow-Headers",
                "p,cid,DNT,X-Mx-ReqToken,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization"
            ),
            ("Access-Control-Max-Age", "86400")
        ]
        return [
            ["acl", "wfc_im", "path_beg", "/im"],
            ["http-request", "set-var(txn.wfc_im)", "bool(true)", "if", "wfc_im"],
            ["http-request", "return", "status", "204", "if", "wfc_im", "METH_OPTIONS"]
        ]
            + cors.map { ["http-after-response", "set-header", $0.0, $0.1, "if", "{", "var(txn.wfc_im)", "-m", "bool", "}"] }
    }

    /// A service beside the gateway with a `domain`: its name goes to its first port.
    private static func serviceRoutes(_ plan: Plan, backend: (String, () -> HAProxySection) -> String) -> [[String]] {
        plan.services.filter(\.besideGateway).compactMap { service -> [String]? in
            guard let domain = service.domain?.value, let port = service.ports.first?.value.lower else { return nil }
            let name = backend("wfc-service-\(service.name.value)") {
                HAProxySection(
                    "backend", "wfc-service-\(service.name.value)",
                    comments: ["Service `\(service.name.value)` at \(domain.text), on its port \(port)."],
                    lines: [["mode", "http"], ["server", service.name.value, "127.0.0.1:\(port)"]])
            }
            return ["use_backend", name, "if", "{", "req.hdr(host),field(1,:)", "-i", domain.text, "}"]
        }
    }

    /// Health: `/api/version` on a node's HTTP port answers while the IM server runs: 200, or
    /// 404 from a server run with `http.close_api_version true` (alive all the same).
    private static func healthCheck(_ plan: Plan) -> [[String]] {
        [
            ["option", "httpchk"],
            ["http-check", "send", "meth", "GET", "uri", "/api/version", "ver", "HTTP/1.1", "hdr", "Host", plan.authorizedAddress.value.uriHost],
            ["http-check", "expect", "rstatus", "^(200|404)$"]
        ]
    }

    private static func balancedBackend(_ plan: Plan) -> HAProxySection {
        let servers: [[String]] = plan.nodes.compactMap { node in
            plan.upstreamAddress(of: node).map { ["server", node.name.value, $0.authority(node.localPort.value), "check"] }
        }
        return HAProxySection(
            "backend", "wfc-http",
            comments: ["Every node's HTTP port: route, API and files, balanced over the nodes."],
            // A connection a stopped node refuses is retried on another node.
            lines: [["mode", "http"], ["balance", "roundrobin"], ["option", "redispatch"], ["retries", "2"]]
                + healthCheck(plan) + servers)
    }

    /// One node's port. Its health is its HTTP port's `/api/version`: a WebSocket or TCP port
    /// accepts connections before the server is ready.
    private static func nodeBackend(_ name: String, node: PlanNode, target: String, stream: Bool, plan: Plan, provenance: Provenance) -> HAProxySection {
        HAProxySection(
            "backend", name,
            comments: ["\(node.name.value) (\(provenance.line(node.name.span)))."],
            lines: [["mode", stream ? "tcp" : "http"]] + (stream ? [["timeout", "server", idleTimeout]] : []) + healthCheck(plan)
                + [["server", node.name.value, target, "check", "port", String(node.localPort.value)]])
    }
}
