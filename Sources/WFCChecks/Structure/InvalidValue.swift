import WFCLanguage
import WFCPlan

/// The value errors (WFC006) only the plan can see; the rule itself is in WFCLanguage, whose
/// decoder reports most of them.
extension Rule {
    /// A node_id left out is the node's position, which past 63 is no valid id: a value
    /// error (WFC006) that only the plan can see.
    static let derivedNodeIDs = Check(invalidValue) { c in
        c.inSourceOrder(invalidValue, c.plan.nodes, where: { n in n.nodeID.isDefault && !Language.nodeIDRange.contains(n.nodeID.value) }) { n in
            invalidValue.diagnostic(
                "node `\(n.name.value)` would get node_id \(n.nodeID.value) from its position; ids run from 0 to 63",
                at: n.name.span, label: "node \(n.nodeID.value) of the cluster",
                notes: ["node_id is six bits of every message id: a cluster has at most 64 nodes"])
        }
    }

    /// `services` and `app_server` that name what does not exist: a host for `on`, a second
    /// service of one name, a service in `server_api_from`. Value errors (WFC006) that only the plan can see.
    static let serviceReferences = Check(invalidValue) { c in
        var out: [Diagnostic] = []
        let p = c.plan
        lazy var hosts = p.hostNames  // every host's name: gathered only for an `on` to judge
        var names: [String: Span] = [:]
        /// An `on` that names no host: one diagnostic, with the likeliest host as its fix.
        func noHost(_ on: Located<String>, named: String, runs: String) -> [Diagnostic] {
            guard !hosts.contains(on.value) || p.hostIndexes(FirewallTarget(on.value)).isEmpty else { return [] }
            let guess = Guess(on.value, among: hosts)
            return [
                invalidValue.diagnostic(
                    "\(named) names `\(on.value)`, which is no host", at: on.span, label: "no such host",
                    notes: ["\(runs) on one host: " + list(hosts.map(backticked))],
                    helps: guess.helps, fixes: guess.fixes(at: on.span))
            ]
        }
        for s in (c.topology.services.value ?? []).compactMap({ $0.value }) {
            if let name = s.name.located {
                if let first = names[name.value] {
                    out.append(
                        invalidValue.diagnostic(
                            "two services are named `\(name.value)`", at: name.span, label: "second service of that name",
                            related: [Label(first, "first service of that name")], helps: ["give each service a name of its own"]))
                } else {
                    names[name.value] = name.span
                }
            }
            if let on = s.on.located { out += noHost(on, named: "a service's `on`", runs: "a service runs") }
        }
        // An external balancer runs nothing wfc writes: a program `on` it has no host.
        let external = p.gateway?.isExternal == true
        for on in (c.topology.services.value ?? []).compactMap({ $0.value?.on.located }) + [c.topology.appServer.value?.on.located].compactMap({ $0 })
        where external && on.value == FirewallTarget.gateway.word {
            out.append(
                invalidValue.diagnostic(
                    "`on: gateway`, but the gateway is an external balancer, which runs no program of yours", at: on.span,
                    label: "no host to run on", helps: ["run it on a node, or on the machine of a gateway wfc writes (`backend: nginx` or `haproxy`)"]))
        }
        if let on = c.topology.appServer.value?.on.located { out += noHost(on, named: "`app_server.on`", runs: "the app server runs") }
        // `on` or addresses of its own: one host, said once.
        if let a = c.topology.appServer.value, let on = a.on.located,
            let own = [a.privateAddress.located, a.publicAddress.located].compactMap({ $0 }).first
        {
            out.append(
                invalidValue.diagnostic(
                    "`app_server` has both `on` and an address of its own", at: own.span, label: "a host of its own",
                    related: [Label(on.span, "runs on `\(on.value)`")],
                    helps: ["keep `on` to run it on that host, or remove `on` to give it a host of its own at this address"]))
        }
        if p.appServer?.ownHost != nil, let node = p.node(named: Plan.appServerName) {
            out.append(
                invalidValue.diagnostic(
                    "a node is named `\(Plan.appServerName)`, the name of the app server's own host", at: node.name.span,
                    label: "a name already taken", helps: ["rename the node"]))
        }
        // A TURN or media server's or an access point's name names its folder, its inventory entry and its firewall target:
        // one name, one host.
        var taken = Set(p.nodes.map { $0.name.value } + FirewallTarget.groups.map { $0.word })
        let callHosts =
            (p.calls?.turn.map { ($0.name, "TURN server") } ?? []) + (p.calls?.mediaServers.map { ($0.name, "media server") } ?? [])
            + p.accessPoints.map { ($0.name, "access point") }
        for (name, what) in callHosts where !taken.insert(name.value).inserted {
            out.append(
                invalidValue.diagnostic(
                    "\(what) `\(name.value)` has the name of another host", at: name.span, label: "a name already taken",
                    notes: ["a host's name is its folder in the build, its inventory entry and its firewall target"],
                    helps: ["give it a name no other host has (not `gateway`, `nodes` or `all` either)"]))
        }
        for name in c.topology.firewall.value?.serverAPIServices ?? [] where names[name.value] == nil {
            let guess = Guess(name.value, among: Array(names.keys).sorted())
            out.append(
                invalidValue.diagnostic(
                    "`server_api_from` names `\(name.value)`, which is no service", at: name.span, label: "no such service",
                    notes: names.isEmpty ? ["`services` names none"] : ["the services are " + list(names.keys.sorted().map(backticked))],
                    helps: guess.candidates.isEmpty ? ["add it to `services`, or write its address"] : guess.helps,
                    fixes: guess.fixes(at: name.span)))
        }
        return out
    }
}
