import WFCLanguage
import WFCPlan

/// The gateway's nginx configuration: an http-context part, a stream-context part for the
/// layer-4 long connections of single-entry mode, and a complete nginx.conf including both.
enum NginxEmitter {
    /// Debian and Ubuntu ship the stream module as a dynamic module (libnginx-mod-stream).
    static let streamModule = "/usr/lib/nginx/modules/ngx_stream_module.so"
    /// Long connections and WebSockets stay idle between heartbeats: 10 minutes at least.
    static let idleTimeout = "3600s"

    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact] {
        let stream = streamServers(plan, gateway: gateway, provenance: provenance)
        var out = [
            Artifact(
                path: "\(gateway.folder)/conf.d/wfc-http.conf",
                contents: header(provenance, "the http-context part: include it inside `http { }`.")
                    + Directive.render(httpContext(plan, gateway: gateway, provenance: provenance)))
        ]
        if !stream.isEmpty {
            out.append(
                Artifact(
                    path: "\(gateway.folder)/stream.d/wfc-stream.conf",
                    contents: header(provenance, "the stream-context part: include it inside `stream { }`, never inside `http { }`.")
                        + Directive.render(stream)))
        }
        out.append(
            Artifact(
                path: "\(gateway.folder)/nginx.conf",
                contents: header(
                    provenance,
                    "a complete nginx.conf for the gateway; it includes conf.d/wfc-http.conf"
                        + (stream.isEmpty ? "." : " and stream.d/wfc-stream.conf."))
                    + Directive.render(main(withStream: !stream.isEmpty, sizing: plan.sizing))))
        return out.sorted { $0.path < $1.path }
    }

    private static func header(_ p: Provenance, _ what: String) -> String {
        "# \(p.header)\n# The gateway's nginx configuration, \(what)\n# Do not edit here: change the topology and run `wfc build`.\n\n"
    }

    static func main(withStream: Bool, sizing: Sizing) -> [Directive] {
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
        d.append(
            Directive(
                "http",
                block: [
                    Directive("include", "/etc/nginx/mime.types"),
                    Directive("default_type", "application/octet-stream"),
                    Directive("sendfile", "on"),
                    Directive("server_tokens", "off"),
                    Directive("access_log", "/var/log/nginx/access.log"),
                    Directive("include", "conf.d/wfc-http.conf")
                ]))
        if withStream {
            d.append(Directive("stream", block: [Directive("include", "stream.d/wfc-stream.conf")]))
        }
        return d
    }

    private static func listen(_ port: Int, ssl: Bool, gateway: HostPlan) -> [Directive] {
        let flags = ssl ? ["ssl"] : []
        var d = [Directive("listen", args: [String(port)] + flags)]
        if gateway.publicAddress?.value.address?.isIPv6 == true {
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

    /// `/im`, the short links: the gateway answers browsers' CORS preflight itself (`OPTIONS`
    /// → 204) and marks every answer as open to any origin, as the vendor's NG recipe does.
    /// The node's own CORS headers are hidden so that the browser sees one set.
    private static func shortLinks(_ pass: [Directive]) -> Directive {
        // The IM server's `/im` reads the `cid` and `p` headers: the vendor's NG recipe admits them.
        let cors = [
            ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "POST, OPTIONS"),
            (
                "Access-Control-Allow-Headers",
                "p,cid,DNT,X-Mx-ReqToken,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization"
            ),
            ("Access-Control-Max-Age", "86400")
        ]
        return Directive(
            "location", "/im",
            block:
                cors.map { Directive("proxy_hide_header", $0.0) }
                + cors.map { Directive("add_header", $0.0, $0.1, "always") }
                + [Directive("if", "($request_method", "=", "OPTIONS)", block: [Directive("return", "204")])]
                + pass)
    }

    static func httpContext(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Directive] {
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
        // Built-in storage behind HTTPS: files at https://<authorized>/media/fs/… come from
        // the nodes' /fs (the IM config's `local.media.storage.remote_server_url`).
        let files = plan.media.remoteServerURL == nil ? [] : [Directive("location", "/media/", block: httpPass("http://wfc_http/"))]
        for f in plan.flows(into: gateway) {
            switch f.upstream {
            case .everyNode?:
                if f.purpose == .http {
                    let servers = plan.nodes.compactMap { node in
                        plan.upstreamAddress(of: node).map { host in
                            Directive("server", host.authority(node.localPort.value), comments: ["\(node.name.value) (\(provenance.line(node.name.span)))"])
                        }
                    }
                    d.append(
                        Directive(
                            "upstream", "wfc_http", block: servers,
                            comments: ["Every node's HTTP port: route, API and files, balanced over the nodes."]))
                    d.append(
                        Directive(
                            "server",
                            block: listen(f.port.value, ssl: false, gateway: gateway) + [
                                name, upload, shortLinks(http),
                                Directive("location", "/", block: http)
                            ],
                            comments: ["HTTP on the authorized address \(plan.authorizedAddress.value.text) (\(provenance.line(plan.authorizedAddress.span)))."]
                        ))
                } else {
                    d.append(
                        Directive(
                            "server",
                            block: listen(f.port.value, ssl: true, gateway: gateway) + [name] + tls(plan)
                                + [upload, shortLinks(http)] + files + [Directive("location", "/", block: http)],
                            comments: ["HTTPS for web clients on HTTPS pages; TLS ends here and the nodes get HTTP."]))
                }
            case .node(let n, let port)?:
                let node = plan.nodes[n], nodeName = node.name.value
                guard let host = plan.upstreamAddress(of: node) else { continue }
                let target = host.authority(port)
                switch f.purpose {
                case .httpProxy:
                    // Native short links (`/im`) must reach the client's own node: its own port.
                    let pass = httpPass("http://\(target)")
                    d.append(
                        Directive(
                            "server",
                            block: listen(f.port.value, ssl: false, gateway: gateway) + [
                                name, upload, shortLinks(pass),
                                Directive("location", "/", block: pass)
                            ],
                            comments: ["\(nodeName): HTTP (short links) on \(f.port.value) to its port \(target) (\(provenance.line(f.port.span)))."]))
                case .websocketProxy, .websocketStream, .secureWebsocketProxy:
                    let ssl = f.purpose == .secureWebsocketProxy(node: nodeName)
                    let location = Directive(
                        "location", "/",
                        block: [
                            Directive("proxy_pass", "http://\(target)"),
                            Directive("proxy_http_version", "1.1"),
                            Directive("proxy_set_header", "Upgrade", "$http_upgrade"),
                            Directive("proxy_set_header", "Connection", "$connection_upgrade")
                        ] + forwarded() + [
                            Directive("proxy_read_timeout", idleTimeout),
                            Directive("proxy_send_timeout", idleTimeout)
                        ])
                    d.append(
                        Directive(
                            "server",
                            block: listen(f.port.value, ssl: ssl, gateway: gateway) + (ssl ? [name] + tls(plan) : []) + [location],
                            comments: [
                                "\(nodeName): \(ssl ? "WSS" : "WS") on \(f.port.value) to its WebSocket port \(target) (\(provenance.line(f.port.span)))."
                            ]))
                default:
                    continue
                }
            case nil:
                continue
            }
        }
        return d + serviceServers(plan, gateway: gateway)
    }

    /// A service beside the gateway with a `domain` (the vendor's all-in-one: the app server
    /// at `app.example.com`): the gateway serves the name and passes it to the first port.
    private static func serviceServers(_ plan: Plan, gateway: HostPlan) -> [Directive] {
        plan.services.filter(\.besideGateway).flatMap { service -> [Directive] in
            guard let domain = service.domain?.value, let port = service.ports.first?.value.lower else { return [] }
            let pass = [Directive("location", "/", block: httpPass("http://127.0.0.1:\(port)"))]
            let name = Directive("server_name", domain.text)
            var servers = [
                Directive(
                    "server", block: listen(plan.ports.http.value, ssl: false, gateway: gateway) + [name] + pass,
                    comments: ["Service `\(service.name.value)` at \(domain.text), on its port \(port)."])
            ]
            if plan.tls?.certificate != nil {
                servers.append(Directive("server", block: listen(plan.ports.https.value, ssl: true, gateway: gateway) + [name] + tls(plan) + pass))
            }
            return servers
        }
    }

    static func streamServers(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Directive] {
        plan.flows(into: gateway).compactMap { f in
            guard case .tcpStream = f.purpose, case .node(let n, let port)? = f.upstream,
                let host = plan.upstreamAddress(of: plan.nodes[n])
            else { return nil }
            let target = host.authority(port)
            return Directive(
                "server",
                block: listen(f.port.value, ssl: false, gateway: gateway) + [
                    Directive("proxy_pass", target),
                    Directive("proxy_connect_timeout", "10s"),
                    Directive("proxy_timeout", idleTimeout)
                ], comments: ["\(plan.nodes[n].name.value): native long connection on \(f.port.value) to \(target) (\(provenance.line(f.port.span)))."])
        }
    }
}
