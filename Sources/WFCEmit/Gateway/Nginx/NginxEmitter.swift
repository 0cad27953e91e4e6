import WFCLanguage
import WFCPlan

/// The gateway's nginx configuration: an http-context part, a stream-context part for the
/// layer-4 long connections of single-entry mode, and a complete nginx.conf including both.
enum NginxEmitter {
    /// Debian and Ubuntu ship the stream module as a dynamic module (libnginx-mod-stream).
    static let streamModule = "/usr/lib/nginx/modules/ngx_stream_module.so"

    static let httpFile = "conf.d/wfc-http.conf", streamFile = "stream.d/wfc-stream.conf", mainFile = "nginx.conf"

    /// The files, under the gateway's folder and under /etc/nginx alike, in path order: the
    /// stream part only with layer-4 listeners. Known without rendering them.
    static func files(_ listeners: [GatewayListener]) -> [String] {
        ([httpFile, mainFile] + (listeners.contains(where: \.isLayer4) ? [streamFile] : [])).sorted()
    }

    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact] {
        let listeners = plan.gatewayListeners
        let withStream = listeners.contains(where: \.isLayer4)
        return files(listeners).map { file in
            let contents: String
            switch file {
            case httpFile:
                contents =
                    header(provenance, "the http-context part: include it inside `http { }`.")
                    + Directive.render(httpContext(plan, listeners: listeners, provenance: provenance))
            case streamFile:
                contents =
                    header(provenance, "the stream-context part: include it inside `stream { }`, never inside `http { }`.")
                    + Directive.render(streamServers(listeners, provenance: provenance))
            default:
                contents =
                    header(
                        provenance,
                        "a complete nginx.conf for the gateway; it includes \(httpFile)" + (withStream ? " and \(streamFile)." : "."))
                    + Directive.render(main(withStream: withStream, sizing: plan.sizing))
            }
            return Artifact(path: "\(gateway.folder)/\(file)", contents: contents)
        }
    }

    private static func header(_ p: Provenance, _ what: String) -> String {
        "# \(p.header)\n# The gateway's nginx configuration, \(what)\n# Do not edit here: change the topology and run `wfc build`.\n\n"
    }

    /// An access point's files: nginx.conf with the stream part alone.
    static func accessPointArtifacts(host: HostPlan, listeners: [GatewayListener], sizing: Sizing, provenance: Provenance) -> [Artifact] {
        let what = "access point `\(host.name)`'s nginx configuration"
        return [
            Artifact(
                path: "\(host.folder)/\(mainFile)",
                contents: "# \(provenance.header)\n# The \(what), a complete nginx.conf; it includes \(streamFile).\n"
                    + "# Do not edit here: change the topology and run `wfc build`.\n\n"
                    + Directive.render(main(withStream: true, http: false, sizing: sizing))),
            Artifact(
                path: "\(host.folder)/\(streamFile)",
                contents: "# \(provenance.header)\n# The \(what), the stream-context part: include it inside `stream { }`.\n"
                    + "# Do not edit here: change the topology and run `wfc build`.\n\n"
                    + Directive.render(streamServers(listeners, provenance: provenance)))
        ]
    }

    /// `http`: the http context and its part; an access point has none.
    static func main(withStream: Bool, http: Bool = true, sizing: Sizing) -> [Directive] {
        var d: [Directive] = [
            Directive("user", "www-data"),
            Directive("worker_processes", "auto"),
            Directive(
                "worker_rlimit_nofile", String(sizing.workerRlimitNofile),
                comments: [
                    "Sized for `capacity.connections` \(sizing.connections): twice worker_connections, which counts both sides of every proxied connection."
                ]),
            Directive("pid", "/run/nginx.pid"),
            Directive("error_log", "/var/log/nginx/error.log")
        ]
        if withStream {
            d.append(Directive("load_module", streamModule, comments: ["Long connections are proxied at layer 4 (libnginx-mod-stream)."]))
        }
        d.append(Directive("events", block: [Directive("worker_connections", String(sizing.workerConnections))]))
        if http {
            d.append(
                Directive(
                    "http",
                    block: [
                        Directive("include", "/etc/nginx/mime.types"),
                        Directive("default_type", "application/octet-stream"),
                        Directive("sendfile", "on"),
                        Directive("server_tokens", "off"),
                        Directive("access_log", "/var/log/nginx/access.log"),
                        Directive("include", httpFile)
                    ]))
        }
        if withStream {
            d.append(Directive("stream", block: [Directive("include", streamFile)]))
        }
        return d
    }

    private static func listen(_ l: GatewayListener) -> [Directive] { listen(l.port.value, ssl: l.tls, ipv6: l.ipv6) }

    private static func listen(_ port: Int, ssl: Bool, ipv6: Bool) -> [Directive] {
        let flags = ssl ? ["ssl"] : []
        var d = [Directive("listen", args: [String(port)] + flags)]
        if ipv6 {
            d.append(Directive("listen", args: ["[::]:\(port)"] + flags))
        }
        return d
    }

    private static func tls(_ plan: Plan) -> [Directive] {
        let certificate = plan.tls?.certificate
        return [
            Directive("ssl_certificate", certificate?.chain ?? ""),
            Directive("ssl_certificate_key", certificate?.key ?? ""),
            Directive("ssl_protocols", "TLSv1.2", "TLSv1.3"),
            Directive("ssl_session_cache", "shared:wfc_tls:10m"),
            Directive("ssl_session_timeout", "1d")
        ]
    }

    private static func forwarded() -> [Directive] {
        [
            Directive("proxy_set_header", "Host", "$host"),
            Directive("proxy_set_header", "X-Real-IP", "$remote_addr"),
            // The IM server takes the first X-Forwarded-For entry as the client's address: the
            // gateway faces clients, so it sets the header rather than append to what they sent.
            Directive("proxy_set_header", "X-Forwarded-For", "$remote_addr"),
            Directive("proxy_set_header", "X-Forwarded-Proto", "$scheme")
        ]
    }

    /// Plain HTTP to `url` over kept-alive upstream connections, with the client's address.
    private static func httpPass(_ url: String) -> [Directive] {
        [
            Directive("proxy_pass", url), Directive("proxy_http_version", "1.1"),
            Directive("proxy_set_header", "Connection", "")
        ] + forwarded()
    }

    /// `/im`, the short links, with the CORS policy of `GatewayPolicy`. The node's own CORS
    /// headers are hidden so that the browser sees one set.
    private static func shortLinks(_ pass: [Directive]) -> Directive {
        let cors = GatewayPolicy.cors
        return Directive(
            "location", GatewayPolicy.shortLinkPath,
            block:
                cors.map { Directive("proxy_hide_header", $0.name) }
                + cors.map { Directive("add_header", $0.name, $0.value, "always") }
                + [Directive("if", "($request_method", "=", "OPTIONS)", block: [Directive("return", "204")])]
                + pass)
    }

    static func httpContext(_ plan: Plan, listeners: [GatewayListener], provenance: Provenance) -> [Directive] {
        var d: [Directive] = [
            Directive(
                "map", "$http_upgrade", "$connection_upgrade",
                block: [Directive("default", "upgrade"), Directive("\"\"", "close")],
                comments: ["WebSocket upgrades pass through; other requests close the upstream connection."])
        ]
        let http = httpPass("http://wfc_http")
        let name = Directive("server_name", plan.authorizedAddress.value.text)
        let upload = Directive(
            "client_max_body_size", plan.media.maxUpload,
            comments: ["`media.max_upload`: at least the IM server's own upload limit."])
        for l in listeners {
            switch l.role {
            case .route where !l.tls:
                let servers = l.pool.map { m in
                    Directive("server", m.authority, comments: ["\(m.node) (\(provenance.line(m.span)))"])
                }
                d.append(
                    Directive(
                        "upstream", "wfc_http", block: servers,
                        comments: ["Every node's HTTP port: route, API and files, balanced over the nodes."]))
                d.append(
                    Directive(
                        "server",
                        block: listen(l) + [name, upload, shortLinks(http), Directive("location", "/", block: http)],
                        comments: ["HTTP on the authorized address \(plan.authorizedAddress.value.text) (\(provenance.line(plan.authorizedAddress.span)))."]
                    ))
            case .route:
                // The trailing `/` of each proxy_pass replaces the location's prefix.
                let files = l.files.map { r in
                    r.balanced
                        ? Directive("location", r.prefix, block: httpPass("http://wfc_http/"))
                        : Directive(
                            "location", r.prefix, block: httpPass("http://\(r.pool[0].authority)/"),
                            comments: ["\(r.pool[0].node)'s files: a node serves only the files it received."])
                }
                d.append(
                    Directive(
                        "server",
                        block: listen(l) + [name] + tls(plan) + [upload, shortLinks(http)] + files + [Directive("location", "/", block: http)],
                        comments: ["HTTPS for web clients on HTTPS pages; TLS ends here and the nodes get HTTP."]))
            case .shortLinks:
                guard let m = l.pool.first else { continue }
                let pass = httpPass("http://\(m.authority)")
                d.append(
                    Directive(
                        "server",
                        block: listen(l) + [name, upload, shortLinks(pass), Directive("location", "/", block: pass)],
                        comments: ["\(m.node): HTTP (short links) on \(l.port.value) to its port \(m.authority) (\(provenance.line(l.port.span)))."]))
            case .websocket:
                guard let m = l.pool.first, let idle = l.idleTimeout else { continue }
                let location = Directive(
                    "location", "/",
                    block: [
                        Directive("proxy_pass", "http://\(m.authority)"),
                        Directive("proxy_http_version", "1.1"),
                        Directive("proxy_set_header", "Upgrade", "$http_upgrade"),
                        Directive("proxy_set_header", "Connection", "$connection_upgrade")
                    ] + forwarded() + [
                        Directive("proxy_read_timeout", GatewayUnits.duration(idle)),
                        Directive("proxy_send_timeout", GatewayUnits.duration(idle))
                    ])
                d.append(
                    Directive(
                        "server",
                        block: listen(l) + (l.tls ? [name] + tls(plan) : []) + [location],
                        comments: [
                            "\(m.node): \(l.purpose.protocolName) on \(l.port.value) to its WebSocket port \(m.authority) (\(provenance.line(l.port.span)))."
                        ]))
            case .stream, .shortLinkRoute:
                continue
            }
        }
        return d + serviceServers(plan, listeners: listeners)
    }

    /// A service with a `domain` (the vendor's all-in-one: the app server at
    /// `app.example.com`): each route listener serves the name and passes it to the service's
    /// port. The app server's route is its own nginx config's: reads wait 100 s, and with
    /// HTTPS pages plain HTTP is redirected to HTTPS.
    private static func serviceServers(_ plan: Plan, listeners: [GatewayListener]) -> [Directive] {
        let routes = listeners.filter { $0.role == .route }
        return (routes.first?.services ?? []).flatMap { service -> [Directive] in
            let location = Directive(
                "location", "/",
                block: httpPass("http://\(service.authority)") + (service.readTimeout.map { [Directive("proxy_read_timeout", "\($0)s")] } ?? []))
            let pass = [Directive("client_max_body_size", service.maxUpload, comments: ["`max_upload` of the service."]), location]
            let name = Directive("server_name", service.domain.text)
            return routes.enumerated().map { i, l in
                let https = plan.ports.https.value == 443 ? "" : ":\(plan.ports.https.value)"
                let body = service.httpsOnly && !l.tls ? [Directive("return", "301", "https://$host\(https)$request_uri")] : pass
                return Directive(
                    "server", block: listen(l) + [name] + (l.tls ? tls(plan) : []) + body,
                    comments: i == 0 ? ["Service `\(service.name)` at \(service.domain.text), on \(service.authority)."] : [])
            }
        }
    }

    static func streamServers(_ listeners: [GatewayListener], provenance: Provenance) -> [Directive] {
        listeners.flatMap { l -> [Directive] in
            guard l.isLayer4, let m = l.pool.first, let idle = l.idleTimeout else { return [] }
            let timeouts = [Directive("proxy_connect_timeout", "10s"), Directive("proxy_timeout", GatewayUnits.duration(idle))]
            guard l.role == .shortLinkRoute else {
                return [
                    Directive(
                        "server", block: listen(l) + [Directive("proxy_pass", m.authority)] + timeouts,
                        comments: ["\(m.node): \(l.layer4Summary) on \(l.port.value) to \(m.authority) (\(provenance.line(l.port.span)))."])
                ]
            }
            // A node that refuses the connection is skipped for the next one (stream's
            // `proxy_next_upstream`, on by default).
            let upstream = Directive(
                "upstream", "wfc_short_link",
                block: l.pool.map { Directive("server", $0.authority, comments: ["\($0.node) (\(provenance.line($0.span)))"]) },
                comments: ["Every node's TCP short-link port: the native route, balanced over the nodes."])
            return [
                upstream,
                Directive(
                    "server", block: listen(l) + [Directive("proxy_pass", "wfc_short_link")] + timeouts,
                    comments: ["TCP short link on the authorized address (\(provenance.line(l.port.span))): the apps' route, at layer 4."])
            ]
        }
    }
}
