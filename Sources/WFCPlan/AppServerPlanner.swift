import WFCLanguage

extension Plan {
    /// The name its service has in the plan (flows, listeners, plan.json).
    public static let appServerName = "app-server"

    /// `app_server` as a service on its machine: reached through the gateway at its `domain`
    /// (from the gateway's address, or over loopback beside it), else by clients at its port;
    /// a Server API caller from its machine (over loopback on a node's).
    mutating func resolveAppServer(_ t: Topology) {
        guard let a = t.appServer.located else { return }
        let target: Int
        var ownHost: Int?
        if let on = a.value.on.value {
            guard let named = hostIndexes(FirewallTarget(on)).first else { return }
            target = named
        } else {
            // A host of its own, or the machine whose address it has (as a TURN server).
            let addresses = [a.value.publicAddress.located, a.value.privateAddress.located]
            guard let any = addresses.compactMap({ $0 }).first else { return }
            var own = HostPlan(
                ownHost: Plan.appServerName, kind: .app, span: a.keySpan ?? any.span, publicAddress: addresses[0], privateAddress: addresses[1],
                among: machines())
            own.gatewaySources = Plan.gatewaySources(gateway, node: own, onGatewayHost: false)
            target = hosts.count
            ownHost = target
            hosts.append(own)
        }
        let host = machine(of: target)
        let besideGateway = isBesideGateway(host)
        let port = a.value.port.located
        let appPort = port?.value ?? Defaults.appServerPort
        let domain = a.value.domain.located
        let routed = domain != nil && gateway != nil
        let sources: [AddressRange]? = routed ? (besideGateway ? [] : hosts[host].gatewaySources) : nil
        let name = Located(Plan.appServerName, span: a.keySpan ?? a.span)
        let service = PlanService(
            name: name, host: host, besideGateway: besideGateway,
            ports: [Located(PortRange(appPort), span: port?.span ?? name.span)], sources: sources, proto: .tcp,
            domain: domain, maxUpload: a.value.maxUpload.value ?? Defaults.appServerMaxUpload, isAppServer: true)
        services.append(service)
        // Its Server API calls: over loopback to its own node, else from its machine's address
        // (as a service named in `server_api_from`), unless a block the operator wrote admits it.
        let onNode = if case .node = hosts[host].kind { true } else { false }
        let callers = [callerAddress(of: service)].compactMap { $0 }.filter { c in !(serverAPIFrom ?? []).contains { $0.covers(c) } }
        if !callers.isEmpty || onNode {
            serverAPIFrom = (serverAPIFrom ?? []) + callers
        }
        let admin = ports.admin.value
        let adminURL = onNode ? "http://127.0.0.1:\(admin)" : "http://\(nodes.first?.internalAddress?.uriHost ?? "NODE-ADDRESS"):\(admin)"
        let endpoint: Endpoint
        if routed, let domain {
            endpoint = Endpoint(kind: https ? .https : .http, host: domain.value, port: https ? ports.https.value : ports.http.value, node: nil)
        } else {
            let reached = (hosts[host].publicAddress ?? hosts[host].privateAddress)?.value ?? authorizedAddress.value
            endpoint = Endpoint(kind: .http, host: reached, port: appPort, node: nil)
        }
        appServer = PlanAppServer(
            span: name.span, service: services.count - 1, ownHost: ownHost, port: appPort, adminURL: adminURL, endpoint: endpoint)
    }

    /// Who reaches the app server on a host of its own: its users (`serviceFlows`), and
    /// operators over SSH on a machine of its own.
    func appFlows() -> [Flow] {
        guard let h = appServer?.ownHost else { return [] }
        return operatorFlows(into: h) + serviceFlows(into: h)
    }
}
