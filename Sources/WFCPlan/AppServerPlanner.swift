import WFCLanguage

extension Plan {
    /// The name its service has in the plan (flows, listeners, plan.json).
    public static let appServerName = "app-server"

    /// `app_server` as a service on its machine: reached through the gateway at its `domain`
    /// (from the gateway's address, or over loopback beside it), else by clients at its port;
    /// a Server API caller from its machine (over loopback on a node's).
    mutating func resolveAppServer(_ t: Topology) {
        guard let a = t.appServer.located, let on = a.value.on.value, let target = hostIndexes(FirewallTarget(on)).first else { return }
        let host = machine(of: target)
        let besideGateway = gateway.map { _ in machine(of: hosts.count - 1) == host } ?? false
        let port = a.value.port.located
        let domain = a.value.domain.located
        let routed = domain != nil && gateway != nil
        let sources: [AddressRange]? = routed ? (besideGateway ? [] : hosts[host].gatewaySources) : nil
        let portSpan = port?.span ?? a.keySpan ?? a.span
        services.append(
            PlanService(
                name: Located(Plan.appServerName, span: a.keySpan ?? a.span), host: host, besideGateway: besideGateway,
                ports: [Located(PortRange(port?.value ?? Defaults.appServerPort), span: portSpan)], sources: sources, proto: .tcp,
                domain: domain, maxUpload: a.value.maxUpload.value ?? Defaults.appServerMaxUpload, isAppServer: true))
        // Its Server API calls: over loopback to its own node, else from its machine's address.
        let onNode: Int? = if case .node(let n) = hosts[host].kind { n.index } else { nil }
        if onNode == nil, let address = hosts[host].internalAddress?.address {
            let caller = AddressRange(address)
            // Already admitted by a block the operator wrote: no second rule.
            if !(serverAPIFrom ?? []).contains(where: { $0.covers(caller) }) {
                serverAPIFrom = (serverAPIFrom ?? []) + [caller]
            }
        } else if onNode != nil, serverAPIFrom == nil {
            serverAPIFrom = []
        }
        let admin = ports.admin.value
        let adminURL: String
        if onNode != nil {
            adminURL = "http://127.0.0.1:\(admin)"
        } else {
            adminURL = "http://\(nodes.first?.internalAddress?.uriHost ?? "NODE-ADDRESS"):\(admin)"
        }
        let appPort = port?.value ?? Defaults.appServerPort
        let clientURL: String
        if routed, let domain {
            clientURL = (https ? "https://" : "http://") + domain.value.uriHost
        } else {
            let reached = (hosts[host].publicAddress ?? hosts[host].privateAddress)?.value.uriHost ?? authorizedAddress.value.uriHost
            clientURL = "http://\(reached):\(appPort)"
        }
        appServer = PlanAppServer(
            span: a.keySpan ?? a.span, service: services.count - 1, port: appPort, adminURL: adminURL, clientURL: clientURL,
            allClientsSSL: clientURL.hasPrefix("https://"))
    }
}
