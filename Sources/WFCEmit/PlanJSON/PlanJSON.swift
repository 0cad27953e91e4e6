import WFCLanguage
import WFCPlan

/// plan.json: the resolved plan in a stable key order. Secrets appear only as their
/// reference (`env:NAME`, `file:PATH`), never as values.
enum PlanJSONEmitter {
    static func render(_ plan: Plan, provenance: Provenance) -> String {
        func host(_ h: Located<Host>?) -> JSON { h.map { .string($0.value.text) } ?? .null }
        let t = plan.topology
        return JSON.object(
            [
                ("generator", .string("wfc \(WFCVersion.string)")),
                ("input", .string(provenance.input)),
                ("mode", .string(plan.mode.value.rawValue)),
                ("edition", .string(plan.edition.rawValue)),
                ("network", .string(plan.network.rawValue)),
                ("authorized_address", .string(plan.authorizedAddress.value.text)),
                (
                    "clients",
                    .object([
                        ("native", .bool(plan.native)), ("web", .bool(plan.web)), ("https", .bool(plan.https)), ("sdk", .string(plan.sdk.rawValue)),
                        ("short_link", .string((plan.tcpShortLink ? ShortLink.tcp : .http).rawValue)),
                        ("long_link", .string((plan.tlsLongLink ? LongLink.tls : .tcp).rawValue))
                    ])
                ),
                (
                    "ports",
                    .object([
                        ("http", .int(plan.ports.http.value)), ("tcp", .int(plan.ports.tcp.value)),
                        ("websocket", .int(plan.ports.websocket.value)), ("secure_websocket", .int(plan.ports.secureWebsocket.value)),
                        ("https", .int(plan.ports.https.value)), ("admin", .int(plan.ports.admin.value)),
                        ("cluster", .int(plan.ports.cluster.value)),
                        ("short_link_tcp", plan.tcpShortLink ? .int(plan.ports.shortLinkTCP.value) : .null),
                        ("ssl", plan.tlsLongLink ? plan.ports.ssl.map { .int($0.value) } ?? .null : .null)
                    ])
                ),
                (
                    "firewall",
                    .object([
                        ("backend", .string(plan.backend.rawValue)),
                        ("ssh_port", .int(plan.sshPort.value)),
                        ("declared", .bool(t.firewall.value?.allow.located != nil)),
                        ("server_api_from", plan.serverAPIFrom.map { .array($0.map { .string($0.description) }) } ?? .null)
                    ])
                ),
                (
                    "capacity",
                    .object([
                        ("connections", .int(plan.sizing.connections)), ("per_node", .int(plan.sizing.perNode)),
                        ("worker_connections", .int(plan.sizing.workerConnections)),
                        ("worker_rlimit_nofile", .int(plan.sizing.workerRlimitNofile))
                    ])
                ),
                (
                    "gateway",
                    plan.gateway.map { g in
                        .object(
                            [
                                ("public_address", .string(g.publicAddress.value.text)),
                                ("private_address", host(g.privateAddress)),
                                ("on", g.on.map { .string(plan.nodes[$0].name.value) } ?? .null)
                            ] + (g.backend == Defaults.gatewayBackend ? [] : [("backend", .string(g.backend.rawValue))])
                                + (g.sourceRanges.map { [("source_ranges", .array($0.map { .string($0.description) }))] } ?? []))
                    } ?? .null
                )
            ] + accessPoints(plan) + [
                (
                    "media",
                    .object([
                        ("storage", .string(plan.media.storage.rawValue)), ("max_upload", .string(plan.media.maxUpload)),
                        // Each node's `remote_server_url` is in its `im_config`.
                        ("files_origin", plan.media.filesOrigin.map(JSON.string) ?? .null),
                        ("files_per_node", .bool(plan.media.filesOrigin != nil && plan.media.filesPerNode))
                    ])
                ),
                (
                    "nodes",
                    .array(
                        plan.nodes.map { n in
                            .object([
                                ("name", .string(n.name.value)),
                                ("node_id", .int(n.nodeID.value)),
                                ("public_address", host(n.publicAddress)),
                                ("private_address", host(n.privateAddress)),
                                ("local_port", .int(n.localPort.value)),
                                ("domain", n.domain.map { .string($0.value.text) } ?? .null),
                                ("backup", n.backups.isEmpty ? .null : .string(n.backups.map { $0.value }.joined(separator: ","))),
                                (
                                    "port_mapping",
                                    n.portMapping.map { m in
                                        .array(m.value.map { .object([("outside", .int($0.outside)), ("inside", .int($0.inside))]) })
                                    } ?? .null
                                ),
                                (
                                    "im_config",
                                    .array(
                                        n.imConfig.map { e in
                                            let value: String
                                            switch e.value {
                                            case .text(let text): value = text
                                            case .secret(let secret): value = secret.description
                                            }
                                            return .object([("key", .string(e.key)), ("value", .string(value))])
                                        })
                                )
                            ])
                        })
                ),
                (
                    "hosts",
                    .array(
                        plan.hosts.map { h in
                            .object(
                                [
                                    ("name", .string(h.name)),
                                    ("kind", .string(h.kind.word)),
                                    // A gateway on a node's host: that host, whose firewall it shares.
                                    ("machine", h.machine.map { .string(plan.hosts[$0].name) } ?? .null),
                                    ("public_address", host(h.publicAddress)),
                                    ("private_address", host(h.privateAddress)),
                                    (
                                        "listeners",
                                        .array(
                                            h.listeners.map { l in
                                                .object([
                                                    ("port", .int(l.port.value)),
                                                    ("purpose", .string(l.purpose.summary)),
                                                    ("exposure", .string(l.exposure.rawValue))
                                                ])
                                            })
                                    ),
                                    (
                                        "openings",
                                        .array(
                                            h.openings.map { o in
                                                .object([
                                                    ("port", Self.port(o)),
                                                    ("protocol", .string(o.proto.rawValue)),
                                                    ("from", o.sources.map { .array($0.map { .string($0.description) }) } ?? .string("any")),
                                                    ("origin", o.rule.map { .string("firewall.allow[\($0)]") } ?? .string(o.purpose?.summary ?? ""))
                                                ])
                                            })
                                    )
                                ] + (h.egress.map { [("egress", Self.egress($0))] } ?? []))
                        })
                ),
                ("flows", .array(plan.flows.map { flow($0, plan) })),
                (
                    "endpoints",
                    .array(
                        (plan.entryEndpoints + plan.nodeAPIEndpoints + plan.connectionEndpoints).map { e in
                            .object([
                                ("kind", .string(e.kind.rawValue)),
                                ("address", .string(e.authority)),
                                ("node", e.node.map(JSON.string) ?? .null)
                            ])
                        })
                )
            ]
        ).rendered()
    }

    static func flow(_ f: Flow, _ plan: Plan) -> JSON {
        var pairs: [(String, JSON)] = [
            ("from", .string(f.from)),
            ("sources", f.sources.map { .array($0.map { .string($0.description) }) } ?? .string("any")),
            ("to", .string(plan.hosts[f.host].name)),
            ("port", .int(f.port.value)),
            ("protocol", .string(f.proto.rawValue)),
            ("purpose", .string(f.purpose.summary)),
            ("route", .string(f.route.rawValue))
        ]
        switch f.upstream {
        case .everyNode(let port)?: pairs.append(("upstream", .string("every node :\(port)")))
        case .node(let n, let port)?: pairs.append(("upstream", .string("\(n.name) :\(port)")))
        case nil: break
        }
        if let dialed = f.dialed { pairs.append(("dialed", .string(dialed.text))) }
        if let outside = f.outsidePort { pairs.append(("dialed_port", .int(outside))) }
        return .object(pairs)
    }

    /// A host's outbound permissions (`firewall.egress`), as its openings are written.
    private static func egress(_ egress: [Egress]) -> JSON {
        .array(
            egress.map { e in
                .object([
                    ("to", .array(e.destinations.map { .string($0.description) })),
                    ("ports", e.ports.map { .string($0.description) } ?? .string("any")),
                    ("protocol", .string(e.proto.rawValue)),
                    ("origin", e.rule.map { .string("firewall.egress[\($0)]") } ?? .string(e.purpose?.summary ?? ""))
                ])
            })
    }

    static func port(_ o: Opening) -> JSON {
        o.port == o.through ? .int(o.port) : .string("\(o.port)-\(o.through)")
    }

    /// `access_points`, only when there are any: each with its backend and each node's ports.
    private static func accessPoints(_ plan: Plan) -> [(String, JSON)] {
        guard !plan.accessPoints.isEmpty else { return [] }
        let list = plan.accessPoints.map { ap in
            JSON.object([
                ("name", .string(ap.name.value)), ("public_address", .string(ap.publicAddress.value.text)),
                ("backend", .string(ap.backend.rawValue)),
                (
                    "ports",
                    .object(
                        ap.entries.map { e in
                            (e.node.name, .object([("http", .int(e.http.value)), ("tcp", .int(e.tcp.value)), ("websocket", .int(e.websocket.value))]))
                        })
                )
            ])
        }
        return [("access_points", .array(list))]
    }
}
