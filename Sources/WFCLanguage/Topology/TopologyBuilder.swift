/// Builds the typed AST from a validated `Object`. Decoding already checked every value
/// against its spec, so this only moves values into their typed places.
extension Topology {
    package init(_ o: Object) {
        span = o.span
        version = o.integer(.version)
        edition = o.word(.edition)
        mode = o.word(.mode)
        authorizedAddress = o.host(.authorizedAddress)
        network = o.word(.network)
        clients = o.object(.clients) { c in
            Clients(
                native: c.boolean(.native), web: c.boolean(.web), https: c.boolean(.https), sdk: c.word(.sdk), shortLink: c.word(.shortLink),
                longLink: c.word(.longLink))
        }
        ports = o.object(.ports) { p in
            PortSettings(
                http: p.integer(.http), tcp: p.integer(.tcp), websocket: p.integer(.websocket),
                secureWebsocket: p.integer(.secureWebsocket), https: p.integer(.https),
                admin: p.integer(.admin), cluster: p.integer(.cluster), local: p.integer(.local), shortLinkTCP: p.integer(.shortLinkTCP),
                ssl: p.integer(.ssl))
        }
        tls = o.object(.tls) { t in
            TLSSettings(
                span: t.span, jksPath: t.string(.jksPath),
                keyStorePassword: t.secret(.keyStorePassword),
                keyManagerPassword: t.secret(.keyManagerPassword),
                certificate: t.string(.certificate), certificateKey: t.string(.certificateKey), wss: t.word(.wss))
        }
        gateway = o.object(.gateway) { g in
            Gateway(
                span: g.span, publicAddress: g.host(.publicAddress), privateAddress: g.host(.privateAddress),
                on: g.string(.on), backend: g.word(.backend),
                sourceRanges: g.list(.sourceRanges) { $0.scalar { if case .range(let r) = $0 { r } else { nil } } })
        }
        nodes = o.list(.nodes) { item in
            item.objectValue { n in
                NodeSpec(
                    span: n.span, name: n.string(.name), publicAddress: n.host(.publicAddress),
                    privateAddress: n.host(.privateAddress), serverIP: n.host(.serverIP),
                    nodeID: n.integer(.nodeID),
                    ports: n.object(.ports) { p in
                        NodePorts(
                            http: p.integer(.http), span: p.span, tcp: p.integer(.tcp), websocket: p.integer(.websocket),
                            shortLinkTCP: p.integer(.shortLinkTCP), ssl: p.integer(.ssl), https: p.integer(.https))
                    },
                    websocketProxyPort: n.integer(.websocketProxyPort),
                    websocketProxySecurePort: n.integer(.websocketProxySecurePort),
                    portMapping: n[.portMapping].scalar { if case .portMap(let m) = $0 { m } else { nil } },
                    domain: n.host(.domain),
                    tls: n.object(.tls) { t in
                        NodeTLS(
                            span: t.span, jksPath: t.string(.jksPath), keyStorePassword: t.secret(.keyStorePassword),
                            keyManagerPassword: t.secret(.keyManagerPassword))
                    },
                    backup: n.list(.backup) { item in
                        item.objectValue { b in
                            let ports = b.object(.ports) { p in [p.integer(.http), p.integer(.tcp), p.integer(.websocket)] }.value
                            return Backup(
                                address: b.host(.address), http: ports?[0] ?? .absent, tcp: ports?[1] ?? .absent,
                                websocket: ports?[2] ?? .absent)
                        }
                    },
                    docker: n.word(.docker))
            }
        }
        firewall = o.object(.firewall) { f in
            Firewall(
                span: f.span, backend: f.word(.backend), sshPort: f.integer(.sshPort),
                allow: f.list(.allow) { item in
                    item.objectValue { r in
                        AllowRule(
                            span: r.span,
                            to: r.list(.to) { $0.scalar { if case .string(let s) = $0 { s } else { nil } } },
                            ports: r.list(.ports) { $0.scalar { if case .ports(let p) = $0 { p } else { nil } } },
                            from: r.sources(.from),
                            protocol: r.word(.protocol))
                    }
                },
                serverAPIFrom: f.list(.serverAPIFrom) { $0.scalar { if case .range(let r) = $0 { r } else { nil } } },
                serverAPIServices: f.list(.serverAPIFrom) { $0.scalar { if case .string(let s) = $0 { s } else { nil } } }
                    .value?.compactMap { $0.located } ?? [],
                egress: f.list(.egress) { item in
                    item.objectValue { r in
                        EgressRule(
                            span: r.span,
                            to: r.list(.to) {
                                $0.scalar {
                                    switch $0 {
                                    case .range(let r): .range(r)
                                    case .string(let s): .name(s)
                                    default: nil
                                    }
                                }
                            },
                            ports: r.list(.ports) { $0.scalar { if case .ports(let p) = $0 { p } else { nil } } },
                            protocol: r.word(.protocol))
                    }
                })
        }
        capacity = o.object(.capacity) { c in Capacity(connections: c.integer(.connections)) }
        services = o.list(.services) { item in
            item.objectValue { v in
                Service(
                    span: v.span, name: v.string(.name), on: v.string(.on),
                    ports: v.list(.ports) { $0.scalar { if case .ports(let p) = $0 { p } else { nil } } },
                    from: v.sources(.from), protocol: v.word(.protocol), domain: v.host(.domain), maxUpload: v.string(.maxUpload))
            }
        }
        appServer = o.object(.appServer) { a in
            AppServer(
                span: a.span, on: a.string(.on), port: a.integer(.port), domain: a.host(.domain), maxUpload: a.string(.maxUpload),
                privateAddress: a.host(.privateAddress), publicAddress: a.host(.publicAddress))
        }
        calls = o.object(.calls) { c in
            Calls(
                span: c.span, edition: c.word(.edition),
                turn: c.list(.turn) { item in
                    item.objectValue { t in
                        TurnSpec(
                            span: t.span, name: t.string(.name), publicAddress: t.host(.publicAddress),
                            privateAddress: t.host(.privateAddress), port: t.integer(.port),
                            relayPorts: t[.relayPorts].scalar { if case .ports(let p) = $0 { p } else { nil } },
                            user: t.string(.user), password: t.secret(.password), realm: t.host(.realm))
                    }
                },
                mediaServers: c.list(.mediaServers) { item in
                    item.objectValue { m in
                        MediaServerSpec(
                            span: m.span, name: m.string(.name), publicAddress: m.host(.publicAddress), privateAddress: m.host(.privateAddress),
                            clientID: m.string(.clientID), rtpPorts: m[.rtpPorts].scalar { if case .ports(let p) = $0 { p } else { nil } },
                            interface: m.string(.interface))
                    }
                },
                spareClientIDs: c.list(.spareClientIDs) { $0.scalar { if case .string(let s) = $0 { s } else { nil } } },
                recording: c.object(.recording) { r in Recording(strategy: r.integer(.strategy), hostPath: r.string(.hostPath)) },
                relay: c.word(.relay))
        }
        media = o.object(.media) { m in Media(storage: m.word(.storage), maxUpload: m.string(.maxUpload)) }
        accessPoints = o.list(.accessPoints) { item in
            item.objectValue { a in
                AccessPointSpec(
                    span: a.span, name: a.string(.name), publicAddress: a.host(.publicAddress), privateAddress: a.host(.privateAddress),
                    backend: a.word(.backend),
                    ports: a[.ports].map { l in
                        guard case .byNode(let entries) = l.value else { return .invalid }
                        let ports = entries.map { e in
                            (
                                node: e.name,
                                ports: e.value.objectValue { p in
                                    AccessPointPorts(http: p.integer(.http), tcp: p.integer(.tcp), websocket: p.integer(.websocket))
                                }
                            )
                        }
                        return .present(Located(ports, span: l.span, keySpan: l.keySpan))
                    })
            }
        }
    }
}

extension Field where T == Value {
    /// The typed value of a scalar field, or `.invalid` when it has another shape.
    func scalar<U>(_ extract: (Value) -> U?) -> Field<U> {
        map { l in extract(l.value).map { .present(Located($0, span: l.span, keySpan: l.keySpan)) } ?? .invalid }
    }

    func objectValue<U>(_ make: (Object) -> U) -> Field<U> {
        map { l in
            guard case .object(let o) = l.value else { return .invalid }
            return .present(Located(make(o), span: l.span, keySpan: l.keySpan))
        }
    }
}

extension Object {
    func integer(_ key: Key) -> Field<Int> {
        self[key].scalar { if case .integer(let i) = $0 { i } else { nil } }
    }

    func boolean(_ key: Key) -> Field<Bool> {
        self[key].scalar { if case .boolean(let b) = $0 { b } else { nil } }
    }

    func string(_ key: Key) -> Field<String> {
        self[key].scalar { if case .string(let s) = $0 { s } else { nil } }
    }

    func host(_ key: Key) -> Field<Host> {
        self[key].scalar { if case .host(let h) = $0 { h } else { nil } }
    }

    func secret(_ key: Key) -> Field<Secret> {
        self[key].scalar { if case .secret(let s) = $0 { s } else { nil } }
    }

    func word<E: RawRepresentable & Sendable>(_ key: Key) -> Field<E> where E.RawValue == String {
        self[key].scalar { if case .string(let s) = $0 { E(rawValue: s) } else { nil } }
    }

    func object<U>(_ key: Key, _ make: (Object) -> U) -> Field<U> {
        self[key].objectValue(make)
    }

    func list<U>(_ key: Key, _ item: (Field<Value>) -> Field<U>) -> Field<[Field<U>]> {
        self[key].map { l in
            guard case .list(let items) = l.value else { return .invalid }
            return .present(Located(items.map(item), span: l.span, keySpan: l.keySpan))
        }
    }

    func sources(_ key: Key) -> Field<Sources> {
        self[key].map { l in
            switch l.value {
            case .string: return .present(Located(.any, span: l.span, keySpan: l.keySpan))
            case .list(let items):
                let ranges = items.map { $0.scalar { if case .range(let r) = $0 { r } else { nil } } }
                return .present(Located(.ranges(ranges), span: l.span, keySpan: l.keySpan))
            default: return .invalid
            }
        }
    }
}
