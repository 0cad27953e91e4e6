import WFCLanguage
import WFCPlan

/// The gateway's haproxy.cfg (Debian's HAProxy 2.6): one frontend per gateway port, as the
/// nginx gateway has one server per port. `mode http` for the route, the API, the short
/// links and the WebSockets (which HAProxy tunnels after the upgrade); `mode tcp` for the
/// native long connection. Every node backend is health-checked on its `/api/version`.
enum HAProxyEmitter {
    static func render(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> String {
        render(plan, listeners: plan.gatewayListeners, title: "The gateway's HAProxy configuration", provenance: provenance)
    }

    /// `title` names whose configuration it is: the gateway's, or an access point's (its
    /// listeners all layer 4).
    static func render(_ plan: Plan, listeners: [GatewayListener], title: String, provenance: Provenance) -> String {
        var frontends: [HAProxySection] = []
        var backends: [String: HAProxySection] = [:]
        func backend(_ name: String, _ make: () -> HAProxySection) -> String {
            if backends[name] == nil { backends[name] = make() }
            return name
        }
        for l in listeners {
            guard l.role != .route else {
                let balanced = backend("wfc-http") {
                    balancedBackend(
                        "wfc-http", plan, pool: l.pool, layer4: false,
                        comment: "Every node's HTTP port: route, API and files, balanced over the nodes.")
                }
                // Rewrites before any `use_backend` (HAProxy runs them first whatever the order).
                let files = filesRoutes(l.files, plan: plan, provenance: provenance, backend: backend)
                frontends.append(
                    HAProxySection(
                        "frontend", "wfc-\(l.tls ? "https" : "http")-\(l.port.value)",
                        comments: [
                            l.tls
                                ? "HTTPS for web clients on HTTPS pages; TLS ends here and the nodes get HTTP."
                                : "HTTP on the authorized address \(plan.authorizedAddress.value.text) (\(provenance.line(plan.authorizedAddress.span)))."
                        ],
                        lines: [["mode", "http"]] + bind(l, plan: plan) + forwarded(tls: l.tls)
                            + uploadLimit(plan, services: l.services) + serviceRedirects(l.services, plan: plan, tls: l.tls) + shortLinks()
                            + files.filter { $0.first == "http-request" } + serviceRoutes(l.services, backend: backend)
                            + files.filter { $0.first != "http-request" }
                            + [["default_backend", balanced]]))
                continue
            }
            if l.role == .shortLinkRoute {
                let pool = backend("wfc-short-link") {
                    balancedBackend(
                        "wfc-short-link", plan, pool: l.pool, layer4: true,
                        comment: "Every node's TCP short-link port: the native route, balanced over the nodes.")
                }
                frontends.append(
                    HAProxySection(
                        "frontend", "wfc-short-link-\(l.port.value)",
                        comments: ["\(l.layer4Summary) on \(l.port.value), balanced at layer 4 (\(provenance.line(l.port.span)))."],
                        lines: [["mode", "tcp"]] + bind(l, plan: plan)
                            + [["timeout", "client", GatewayUnits.duration(l.idleTimeout ?? GatewayPolicy.idleTimeoutSeconds)], ["default_backend", pool]]))
                continue
            }
            guard let m = l.pool.first else { continue }
            let pool = backend("wfc-\(m.node)-\(m.port)") {
                nodeBackend("wfc-\(m.node)-\(m.port)", member: m, layer4: l.isLayer4, plan: plan, provenance: provenance)
            }
            var lines = [["mode", l.isLayer4 ? "tcp" : "http"]] + bind(l, plan: plan)
            let what: String
            switch l.role {
            case .stream, .shortLinkRoute:
                what = l.layer4Summary
                lines.append(["timeout", "client", GatewayUnits.duration(l.idleTimeout ?? GatewayPolicy.idleTimeoutSeconds)])
            case .shortLinks:
                what = "HTTP (short links)"
                lines += forwarded(tls: false) + uploadLimit(plan, services: []) + shortLinks()
            case .websocket, .route:
                what = l.purpose.protocolName
                lines += forwarded(tls: l.tls)
            }
            frontends.append(
                HAProxySection(
                    "frontend", "wfc-\(m.node)-\(l.port.value)",
                    comments: ["\(m.node): \(what) on \(l.port.value) to \(m.authority) (\(provenance.line(l.port.span)))."],
                    lines: lines + [["default_backend", pool]]))
        }
        let sections = [global(plan.sizing), defaults()] + frontends + backends.keys.sorted().compactMap { backends[$0] }
        return "# \(provenance.header)\n# \(title): /etc/haproxy/haproxy.cfg. Test: \(HAProxyUnit.test(path: "haproxy.cfg"))\n"
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
                ["timeout", "tunnel", GatewayUnits.duration(GatewayPolicy.idleTimeoutSeconds)]
            ])
    }

    private static func bind(_ l: GatewayListener, plan: Plan) -> [[String]] {
        let ssl = l.tls ? ["ssl", "crt", HAProxyUnit.bundle(plan), "alpn", "http/1.1"] : []
        var out = [["bind", ":\(l.port.value)"] + ssl]
        if l.ipv6 {
            out.append(["bind", ":::\(l.port.value)", "v6only"] + ssl)
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

    /// `media.max_upload`, as nginx's `client_max_body_size`: a declared body over it is
    /// refused; on a service's name, the service's own `max_upload` instead.
    private static func uploadLimit(_ plan: Plan, services: [GatewayListener.ServiceRoute]) -> [[String]] {
        func host(_ s: GatewayListener.ServiceRoute) -> [String] { ["{", "req.hdr(host),field(1,:)", "-i", s.domain.text, "}"] }
        func over(_ bytes: Int) -> [String] { ["{", "req.hdr_val(content-length)", "gt", String(bytes), "}"] }
        let deny = ["http-request", "deny", "deny_status", "413", "if"]
        var lines: [[String]] = []
        if let bytes = plan.media.maxUploadBytes {
            lines.append(deny + over(bytes) + services.flatMap { ["!"] + host($0) })
        }
        for s in services {
            guard let bytes = s.maxUploadBytes else { continue }
            lines.append(deny + host(s) + over(bytes))
        }
        return lines
    }

    /// `/im`, the short links, with the CORS policy of `GatewayPolicy`: every answer, the
    /// gateway's own 204 included, carries it, replacing the node's own CORS headers so that
    /// the browser sees one set.
    private static func shortLinks() -> [[String]] {
        [
            ["acl", "wfc_im", "path_beg", GatewayPolicy.shortLinkPath],
            ["http-request", "set-var(txn.wfc_im)", "bool(true)", "if", "wfc_im"],
            ["http-request", "return", "status", "204", "if", "wfc_im", "METH_OPTIONS"]
        ]
            + GatewayPolicy.cors.map { ["http-after-response", "set-header", $0.name, $0.value, "if", "{", "var(txn.wfc_im)", "-m", "bool", "}"] }
    }

    /// Files under a prefix are the pool's `/…`: the balanced backend's own path rewrite for
    /// one node's deployment; in a cluster, each node's prefix to a backend of that node
    /// alone, which rewrites the path itself (a frontend's rewrite would come before the
    /// `use_backend` that reads the path).
    private static func filesRoutes(
        _ routes: [GatewayListener.FilesRoute], plan: Plan, provenance: Provenance, backend: (String, () -> HAProxySection) -> String
    ) -> [[String]] {
        routes.map { r -> [String] in
            let rewrite = ["http-request", "replace-path", "^\(r.prefix)(.*)", "/\\1"]
            guard !r.balanced, let m = r.pool.first else { return rewrite + ["if", "{", "path_beg", r.prefix, "}"] }
            let name = backend("wfc-files-\(m.node)") {
                var files = nodeBackend("wfc-files-\(m.node)", member: m, layer4: false, plan: plan, provenance: provenance)
                files.comments = ["\(m.node)'s files (\(provenance.line(m.span))): a node serves only the files it received."]
                files.lines.insert(rewrite, at: files.lines.count - 1)
                return files
            }
            return ["use_backend", name, "if", "{", "path_beg", r.prefix, "}"]
        }
    }

    /// Plain HTTP to a service that is HTTPS only (the app server with HTTPS pages) is
    /// redirected, as its own nginx config does.
    private static func serviceRedirects(_ services: [GatewayListener.ServiceRoute], plan: Plan, tls: Bool) -> [[String]] {
        guard !tls else { return [] }
        let https = plan.ports.https.value
        return services.filter { $0.httpsOnly }.map { s in
            ["http-request", "redirect"]
                + (https == 443 ? ["scheme", "https"] : ["prefix", "https://\(s.domain.uriHost):\(https)"])
                + ["code", "301", "if", "{", "req.hdr(host),field(1,:)", "-i", s.domain.text, "}"]
        }
    }

    /// The services a route listener serves by host name, each to its port.
    private static func serviceRoutes(_ services: [GatewayListener.ServiceRoute], backend: (String, () -> HAProxySection) -> String) -> [[String]] {
        services.map { service -> [String] in
            let name = backend("wfc-service-\(service.name)") {
                HAProxySection(
                    "backend", "wfc-service-\(service.name)",
                    comments: ["Service `\(service.name)` at \(service.domain.text), on \(service.authority)."],
                    lines: [["mode", "http"]] + (service.readTimeout.map { [["timeout", "server", "\($0)s"]] } ?? [])
                        + [["server", service.name, service.authority]])
            }
            return ["use_backend", name, "if", "{", "req.hdr(host),field(1,:)", "-i", service.domain.text, "}"]
        }
    }

    /// Health: `GatewayPolicy`'s, on a node's HTTP port.
    private static func healthCheck(_ plan: Plan) -> [[String]] {
        [
            ["option", "httpchk"],
            ["http-check", "send", "meth", "GET", "uri", GatewayPolicy.healthPath, "ver", "HTTP/1.1", "hdr", "Host", plan.authorizedAddress.value.uriHost],
            ["http-check", "expect", "rstatus", "^(" + GatewayPolicy.healthStatuses.map(String.init).joined(separator: "|") + ")$"]
        ]
    }

    /// Every node's port, balanced: a connection a stopped node refuses is retried on another.
    /// Health is checked on each node's HTTP port, named when the pool's own port is another
    /// (the TCP short link's).
    private static func balancedBackend(_ name: String, _ plan: Plan, pool: [GatewayListener.Member], layer4: Bool, comment: String) -> HAProxySection {
        HAProxySection(
            "backend", name, comments: [comment],
            lines: [["mode", layer4 ? "tcp" : "http"], ["balance", "roundrobin"], ["option", "redispatch"], ["retries", "2"]]
                + (layer4 ? [["timeout", "server", GatewayUnits.duration(GatewayPolicy.idleTimeoutSeconds)]] : []) + healthCheck(plan)
                + pool.map(server))
    }

    /// One node's port, its health checked on the node's HTTP port.
    private static func nodeBackend(_ name: String, member m: GatewayListener.Member, layer4: Bool, plan: Plan, provenance: Provenance) -> HAProxySection {
        HAProxySection(
            "backend", name,
            comments: ["\(m.node) (\(provenance.line(m.span)))."],
            lines: [["mode", layer4 ? "tcp" : "http"]] + (layer4 ? [["timeout", "server", GatewayUnits.duration(GatewayPolicy.idleTimeoutSeconds)]] : [])
                + (m.healthOverHTTP ? healthCheck(plan) : [])
                + [server(m)])
    }

    /// A node's `server` line, its health port named only when it is not the node's port.
    private static func server(_ m: GatewayListener.Member) -> [String] {
        ["server", m.node, m.authority, "check"] + (m.healthPort == m.port ? [] : ["port", String(m.healthPort)])
    }
}
