import WFCLanguage
import WFCPlan

/// `monitoring/`: the probe's checks as Prometheus blackbox-exporter probes, run all the
/// time. The targets are `Plan.probeChecks`, the list `wfc probe` runs (the DNS check and
/// the comparison of every node's `/api/version` stay with `wfc probe`).
enum MonitoringEmitter {
    /// Where Prometheus reaches the exporter: beside it, on the monitoring host.
    static let exporter = "127.0.0.1:9115"

    /// A scrape job: one kind of check, one module.
    struct Job {
        var name: String
        var module: String
        var targets: [(target: String, labels: [(String, String)])] = []
    }

    /// The job, module and target URL or address of a check; nil for the DNS check.
    static func job(_ check: ProbeCheck) -> (job: String, module: String, target: String)? {
        let e = check.endpoint
        switch check.kind {
        // DNS, STUN and TURN's relay stay with `wfc probe`: the exporter speaks neither.
        case .dns, .stun, .relay, .media: return nil
        case .api:
            return e.kind == .https ? ("wfc_api_tls", "wfc_https_json", e.url + "api/version") : ("wfc_api", "wfc_http_json", e.url + "api/version")
        case .tcp: return ("wfc_tcp", "wfc_tcp_connect", e.authority)
        case .tls: return ("wfc_tls", "wfc_tls_connect", e.authority)
        case .turn: return ("wfc_turn", "wfc_tcp_connect", e.authority)
        case .shortLink: return ("wfc_short_link", "wfc_tcp_connect", e.authority)
        case .websocket:
            return e.kind == .wss
                ? ("wfc_websocket_tls", "wfc_websocket_tls", e.url.replacingPrefix("wss", with: "https"))
                : ("wfc_websocket", "wfc_websocket", e.url.replacingPrefix("ws", with: "http"))
        case .closed: return ("wfc_closed", "wfc_tcp_closed", e.authority)
        case .appServer: return e.kind == .https ? ("wfc_app_tls", "wfc_app_tls", e.url) : ("wfc_app", "wfc_app", e.url)
        }
    }

    static func artifacts(_ plan: Plan, provenance: Provenance) -> [Artifact] {
        [
            Artifact(
                path: "monitoring/blackbox.yml",
                contents: header(provenance, "the blackbox exporter's modules: `--config.file` of prometheus-blackbox-exporter.")
                    + YAML.map([("modules", modules(plan))]).rendered()),
            Artifact(
                path: "monitoring/prometheus.yml",
                contents: header(provenance, "scrape jobs for these checks: merge `scrape_configs` and `rule_files` into your Prometheus configuration.")
                    + prometheus(plan).rendered()),
            Artifact(
                path: "monitoring/alerts.yml",
                contents: header(provenance, "alert rules for these checks: a `rule_files` entry of Prometheus.")
                    + alerts().rendered())
        ]
    }

    private static func header(_ p: Provenance, _ what: String) -> String {
        "# \(p.header)\n# The deployment's checks, run continuously: \(what)\n# Do not edit here: change the topology and run `wfc build`.\n\n"
    }

    /// The app server's `GET /`: `Ok` (the docs write `OK`), as `wfc probe` takes it.
    static let appServerAnswer = "^\\s*(?i:ok)\\s*$"

    private static func modules(_ plan: Plan) -> YAML {
        let upgrade: YAML = .map([
            ("Connection", .string("Upgrade")), ("Upgrade", .string("websocket")),
            ("Sec-WebSocket-Version", .string("13")), ("Sec-WebSocket-Key", .string("d2ZjLXByb2JlLWtleS0wMQ=="))
        ])
        func http(_ codes: [Int], tls: Bool, json: Bool, headers: YAML? = nil, body: String? = nil) -> YAML {
            var h: [(String, YAML)] = [("valid_status_codes", .list(codes.map(YAML.int))), ("method", .string("GET"))]
            if let headers { h.append(("headers", headers)) }
            // `/api/version` answers a JSON object of build facts.
            if json { h.append(("fail_if_body_not_matches_regexp", .list([.string("^\\s*\\{")]))) }
            if let body { h.append(("fail_if_body_not_matches_regexp", .list([.string(body)]))) }
            if tls { h.append(("fail_if_not_ssl", .bool(true))) }
            return .map([("prober", .string("http")), ("timeout", .string("10s")), ("http", .map(h))])
        }
        return .map([
            ("wfc_http_json", http([200], tls: false, json: true)),
            // TLS is verified against the URL's host: the authorized domain, or a node's own.
            ("wfc_https_json", http([200], tls: true, json: true)),
            ("wfc_websocket", http([101], tls: false, json: false, headers: upgrade)),
            ("wfc_websocket_tls", http([101], tls: true, json: false, headers: upgrade)),
            ("wfc_app", http([200], tls: false, json: false, body: appServerAnswer)),
            ("wfc_app_tls", http([200], tls: true, json: false, body: appServerAnswer)),
            ("wfc_tcp_connect", .map([("prober", .string("tcp")), ("timeout", .string("10s"))])),
            // The TLS long link: the handshake, verified against the target's host name.
            ("wfc_tls_connect", .map([("prober", .string("tcp")), ("timeout", .string("10s")), ("tcp", .map([("tls", .bool(true))]))])),
            // A port that must stay closed: success means it is reachable (WfcInternalPortReachable).
            ("wfc_tcp_closed", .map([("prober", .string("tcp")), ("timeout", .string("5s"))]))
        ])
    }

    /// Every monitored check, grouped by job in a fixed order, each target with its labels.
    static func jobs(_ plan: Plan) -> [Job] {
        let order = [
            "wfc_api", "wfc_api_tls", "wfc_app", "wfc_app_tls", "wfc_short_link", "wfc_tcp", "wfc_tls", "wfc_websocket", "wfc_websocket_tls", "wfc_turn",
            "wfc_closed"
        ]
        var jobs: [String: Job] = [:]
        // Where each dialed address and port arrives: the flow that says who talks to whom.
        var arriving: [String: Flow] = [:]
        for f in plan.flows where f.isFromClients {
            guard let dialed = f.dialed else { continue }
            let key = dialed.authority(f.dialedPort)
            if arriving[key] == nil { arriving[key] = f }
        }
        for check in plan.probeChecks {
            guard let (name, module, target) = job(check) else { continue }
            let e = check.endpoint
            var labels: [(String, String)]
            if check.kind == .closed {
                let host = e.node ?? ""
                let purpose = plan.host(named: host)?.listeners.first { $0.port.value == e.port }?.purpose.summary ?? "internal"
                labels = [
                    ("host", host), ("node", plan.node(named: host) == nil ? "" : host), ("purpose", purpose),
                    ("flow", "none: must stay closed from outside")
                ]
            } else if let f = arriving[e.authority] {
                let host = plan.hosts[plan.machine(of: f.host)].name
                labels = [
                    ("host", host), ("node", e.node ?? ""), ("purpose", f.purpose.summary),
                    ("flow", "\(f.from) → \(plan.hosts[f.host].name):\(f.port.value)")
                ]
            } else {
                labels = [("host", ""), ("node", e.node ?? ""), ("purpose", check.kind.rawValue), ("flow", "")]
            }
            jobs[name, default: Job(name: name, module: module)].targets.append((target, labels))
        }
        return order.compactMap { jobs[$0] }
    }

    private static func prometheus(_ plan: Plan) -> YAML {
        let scrapes: [YAML] = jobs(plan).map { job in
            .map([
                ("job_name", .string(job.name)),
                ("metrics_path", .string("/probe")),
                ("params", .map([("module", .list([.string(job.module)]))])),
                (
                    "static_configs",
                    .list(
                        job.targets.map { t in
                            // Prometheus drops empty labels: a label is written only with a value.
                            .map([
                                ("targets", .list([.string(t.target)])), ("labels", .map(t.labels.filter { !$0.1.isEmpty }.map { ($0.0, YAML.string($0.1)) }))
                            ])
                        })
                ),
                // The target becomes the exporter's `target` parameter and the series' instance.
                (
                    "relabel_configs",
                    .list([
                        .map([("source_labels", .list([.string("__address__")])), ("target_label", .string("__param_target"))]),
                        .map([("source_labels", .list([.string("__param_target")])), ("target_label", .string("instance"))]),
                        .map([("target_label", .string("__address__")), ("replacement", .string(exporter))])
                    ])
                )
            ])
        }
        return .map([
            ("global", .map([("scrape_interval", .string("30s")), ("evaluation_interval", .string("30s"))])),
            ("rule_files", .list([.string("alerts.yml")])),
            ("scrape_configs", .list(scrapes))
        ])
    }

    /// One alert per kind of check. Down for 2 minutes outlasts a restart; a reachable
    /// internal port fires at once; certificates warn 14 days ahead.
    static func alerts() -> YAML {
        func rule(_ name: String, _ expr: String, for duration: String?, _ severity: String, _ summary: String) -> YAML {
            var pairs: [(String, YAML)] = [("alert", .string(name)), ("expr", .string(expr))]
            if let duration { pairs.append(("for", .string(duration))) }
            pairs.append(("labels", .map([("severity", .string(severity))])))
            pairs.append(("annotations", .map([("summary", .string(summary))])))
            return .map(pairs)
        }
        return .map([
            (
                "groups",
                .list([
                    .map([
                        ("name", .string("wfc")),
                        (
                            "rules",
                            .list([
                                rule(
                                    "WfcApiDown", #"probe_success{job=~"wfc_api|wfc_api_tls"} == 0"#, for: "2m", "critical",
                                    "{{ $labels.instance }} ({{ $labels.purpose }}, {{ $labels.host }}) does not answer /api/version with JSON"),
                                rule(
                                    "WfcAppServerDown", #"probe_success{job=~"wfc_app|wfc_app_tls"} == 0"#, for: "2m", "critical",
                                    "the app server at {{ $labels.instance }} does not answer GET / with Ok: the apps cannot log in"),
                                rule(
                                    "WfcShortLinkDown", #"probe_success{job="wfc_short_link"} == 0"#, for: "2m", "critical",
                                    "native clients cannot open a TCP short link to {{ $labels.instance }} ({{ $labels.purpose }}): the apps can neither route nor send"
                                ),
                                rule(
                                    "WfcLongConnectionDown", #"probe_success{job=~"wfc_tcp|wfc_tls"} == 0"#, for: "2m", "critical",
                                    "native clients cannot open their long connection to {{ $labels.instance }} (node {{ $labels.node }})"),
                                rule(
                                    "WfcWebSocketDown", #"probe_success{job=~"wfc_websocket|wfc_websocket_tls"} == 0"#, for: "2m", "critical",
                                    "web clients cannot open their WebSocket to {{ $labels.instance }} (node {{ $labels.node }})"),
                                rule(
                                    "WfcTurnDown", #"probe_success{job="wfc_turn"} == 0"#, for: "2m", "critical",
                                    "the TURN server {{ $labels.node }} does not accept TCP on {{ $labels.instance }}: calls across NATs cannot relay"),
                                rule(
                                    "WfcInternalPortReachable", #"probe_success{job="wfc_closed"} == 1"#, for: nil, "critical",
                                    "{{ $labels.instance }} ({{ $labels.purpose }} of {{ $labels.host }}) is reachable from outside: it must stay closed"),
                                rule(
                                    "WfcCertificateExpiring",
                                    #"probe_ssl_earliest_cert_expiry{job=~"wfc_api_tls|wfc_app_tls|wfc_websocket_tls|wfc_tls"} - time() < 14 * 86400"#,
                                    for: nil, "warning", "the certificate of {{ $labels.instance }} expires in less than 14 days")
                            ])
                        )
                    ])
                ])
            )
        ])
    }
}
