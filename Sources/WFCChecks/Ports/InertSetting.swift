import WFCLanguage

extension Rule {
    public static let inertSetting = Rule(
        code: "WFC306", name: "inert-setting", severity: .warning, tags: [.unnecessary],
        summary: "a setting the mode and clients never use",
        explanation: """
            The setting is valid but has no effect with this mode and these clients, which \
            usually means the topology says something different from what the operator \
            meant: proxy ports without web clients (or in single mode), a WS proxy port in \
            multi-node mode without HTTPS, `secure_websocket` or the JKS keystore outside \
            single mode with HTTPS, a certificate outside a gateway mode with HTTPS, \
            `websocket` ports without web clients, `https` without HTTPS clients, \
            `calls.relay` with the free edition, the custom-port SDK with `ports.http` 80.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            ports: {↓secure_websocket: 8443}

            """
        ],
        passing: [minimal])

    static let inertSettingCheck = Check(inertSetting) { c in inertSettings(c) }

    private static func inertSettings(_ c: CheckContext) -> [Diagnostic] {
        let p = c.plan, t = c.topology, mode = p.mode.value
        var out: [Diagnostic] = []
        // The words are built only for a field that is written: most nodes write none of these.
        func inert<T>(
            _ field: Field<T>, _ name: @autoclosure () -> String, _ why: @autoclosure () -> String,
            help: String = "remove it, or change the mode or clients that would use it"
        ) {
            guard let l = field.located else { return }
            out.append(inertSetting.diagnostic("\(name()) has no effect: \(why())", at: l.keySpan ?? l.span, label: "unused", helps: [help]))
        }
        // What the flows use: a setting none of them reads is inert. Gathered only when a
        // setting it judges is written.
        lazy var used = Set(p.flows.lazy.map { $0.purpose })
        if let wss = t.tls.value?.wss, !(p.https && mode == .multiNode) {
            inert(wss, "`tls.wss`", "it chooses who serves WSS in multi-node mode with HTTPS web clients")
        }
        // A node's spec is a KiB or two, and a pasted list holds tens of thousands: each is read
        // in place (a key path's projection copied each one through the runtime's generic path).
        for case .present(let located) in t.nodes.value ?? [] {
            let spec = located.value
            if mode != .multiNode {
                inert(spec.domain, "`domain` of `\(spec.name.value ?? "")`", "a node's own domain is its `server.ip` in multi-node mode only")
            }
            // A cluster's TLS long link is ended by each node with its own keystore, too.
            if !p.wssAtNodes && !(p.tlsLongLink && mode == .multiNode) {
                inert(spec.tls, "`tls` of `\(spec.name.value ?? "")`", "a node's own keystore is used only with `tls.wss: nodes` or the TLS long link")
            }
            if mode != .single {
                inert(spec.portMapping, "`port_mapping` of `\(spec.name.value ?? "")`", "wfc builds a port mapping in single mode only")
            }
            if mode == .singleEntry {
                inert(spec.backup, "`backup` of `\(spec.name.value ?? "")`", "in single entry clients reach the nodes only through the gateway")
            }
            if let own = spec.ports.value?.shortLinkTCP, !own.isAbsent {
                let name = spec.name.value ?? ""
                if !p.tcpShortLink {
                    inert(own, "`ports.short_link_tcp` of `\(name)`", "the native apps make short links over HTTP")
                } else if let used = p.node(named: name)?.shortLinkTCP, used.span != own.located?.span {
                    inert(
                        own, "`ports.short_link_tcp` of `\(name)`",
                        "only single entry, and in multi-node the gateway's host, give a node a TCP short-link port of its own")
                }
            }
        }
        if let ports = t.ports.value {
            if !p.web { inert(ports.websocket, "`ports.websocket`", "there are no web clients") }
            if !p.flows.contains(where: { $0.port.key == KeyPath(.ports, .secureWebsocket) }) {
                inert(ports.secureWebsocket, "`ports.secure_websocket`", "the node serves WSS only in single mode with HTTPS web clients")
            }
            if !ports.https.isAbsent, !used.contains(.https) { inert(ports.https, "`ports.https`", "there are no HTTPS web clients") }
        }
        if let tls = t.tls.value {
            let why = "the JKS keystore is used only in single mode with HTTPS web clients"
            if p.tls?.keystore == nil {
                inert(tls.jksPath, "`jks_path`", why)
                inert(tls.keyStorePassword, "`key_store_password`", why)
                inert(tls.keyManagerPassword, "`key_manager_password`", why)
            }
            if p.tls?.certificate == nil {
                let why = "the certificate is used only by a gateway with HTTPS web clients"
                inert(tls.certificate, "`certificate`", why)
                inert(tls.certificateKey, "`certificate_key`", why)
            }
        }
        if let shortLink = t.clients.value?.shortLink, shortLink.value == .tcp, !p.native {
            inert(shortLink, "`clients.short_link: tcp`", "only the native apps make TCP short links, and `clients.native` is false")
        }
        if let longLink = t.clients.value?.longLink, longLink.value == .tls, !p.native {
            inert(longLink, "`clients.long_link: tls`", "only the native apps hold the TLS long link, and `clients.native` is false")
        }
        if !p.tlsLongLink {
            inert(t.ports.value?.ssl ?? .absent, "`ports.ssl`", "the native apps' long connection is plain TCP (`clients.long_link: tls` turns TLS on)")
        }
        if !p.tcpShortLink {
            let why = "the native apps make short links over HTTP (`clients.short_link: tcp` turns the TCP short link on)"
            inert(t.ports.value?.shortLinkTCP ?? .absent, "`ports.short_link_tcp`", why)
        }
        if let sdk = t.clients.value?.sdk, sdk.value == .customPorts, p.ports.http.value == Defaults.http {
            inert(
                sdk, "`clients.sdk: custom-ports`", "`ports.http` is 80, the port the standard SDK dials",
                help: "remove it, or set `ports.http` to the port the vendor built the SDK for")
        }
        if let calls = t.calls.value, let relay = calls.relay.located, relay.value != .none, p.calls?.edition != .advanced {
            inert(
                calls.relay, "`calls.relay`",
                "only the advanced edition's janus sits behind the TURN servers; the free edition's calls relay through them already",
                help: "remove it, or set `edition: advanced` if the calls go through janus media servers")
        }
        // The app server's route reaches it on any host; another service's only beside the gateway.
        for service in p.services where !service.besideGateway && !(service.isAppServer && p.gateway != nil) {
            if let domain = service.domain {
                out.append(
                    inertSetting.diagnostic(
                        service.isAppServer
                            ? "the `domain` of `app_server` has no effect: there is no gateway to serve it"
                            : "the `domain` of service `\(service.name.value)` has no effect: no gateway runs on its host",
                        at: domain.keySpan ?? domain.span, label: "unused",
                        helps: [service.isAppServer ? "remove it: clients dial its port" : "remove it, or run the service on the gateway's host"]))
            }
        }
        for n in p.nodes {
            let name = n.name.value
            let written = n.written
            if mode != .singleEntry, !(mode == .multiNode && p.gateway?.on == n.index), case let http = written.http, !http.isAbsent {
                inert(http, "`ports.http` of `\(name)`", "only single entry, and in multi-node the gateway's host, give a node an HTTP port of its own")
            }
            if !p.web, case let ws = written.websocket, !ws.isAbsent {
                inert(ws, "`ports.websocket` of `\(name)`", "there are no web clients")
            }
            let nodesServeWSS = "with `tls.wss: nodes` each node serves WSS itself"
            if !written.websocketProxyPort.isAbsent, !used.contains(.websocketProxy(node: n.ref)) {
                let why =
                    !p.web
                    ? "there are no web clients"
                    : p.wssAtNodes
                        ? nodesServeWSS
                        : mode == .single
                            ? "single mode has no gateway" : "multi-node mode proxies WebSocket only for HTTPS web clients"
                inert(written.websocketProxyPort, "`websocket_proxy_port` of `\(name)`", why)
            }
            if !written.websocketProxySecurePort.isAbsent, !used.contains(.secureWebsocketProxy(node: n.ref)) {
                let why = !p.https ? "there are no HTTPS web clients" : p.wssAtNodes ? nodesServeWSS : "single mode has no gateway"
                inert(written.websocketProxySecurePort, "`websocket_proxy_secure_port` of `\(name)`", why)
            }
        }
        return out
    }
}
