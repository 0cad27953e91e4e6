import WFCLanguage
import WFCPlan

extension Rule {
    public static let portConflict = Rule(
        code: "WFC301", name: "port-conflict", severity: .error,
        summary: "two listeners on one host share a port",
        explanation: """
            A port can be bound once per host. On a node the IM server binds `http`, `tcp`, \
            `websocket` (with web clients), `https` and `secure_websocket` (single + https), \
            `admin` (18080) and the cluster cache (5701); on the gateway the proxy binds 80, 443 \
            and every proxy and stream port; sshd binds `firewall.ssh_port` on every host. \
            Hosts that share an address are one machine (a gateway on a node's host), and \
            their listeners are checked together. Two of them on one number means the second \
            fails to start, or one client kind reaches the wrong service.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            clients: {web: true}
            ports: {websocket: ↓80}

            """
        ],
        passing: [minimal + "\nclients: {web: true}\nports: {websocket: 8083}\n"])

    static let portConflictCheck = Check(portConflict) { c in
        var found: [Span: (other: Span, port: BoundPort, what: String, first: String, hosts: [String])] = [:]
        var order: [Span] = []
        // sshd listens on every host; a gateway with a node's address is on that node's
        // machine, so their listeners are checked together.
        let ssh = Listener(port: c.plan.sshPort, purpose: .ssh, exposure: .internal)
        // The first listener on each port of a machine: a cluster has thousands of machines of
        // a few listeners each, searched in turn; one of many (a gateway's) gets a table.
        var first: [Int: (listener: Listener, host: Int)] = [:]
        var few: [(port: Int, listener: Listener, host: Int)] = []
        for group in machines(c.plan) {
            let many = group.reduce(1) { $0 + c.plan.hosts[$1].listeners.count } > 16
            if many {
                first.removeAll(keepingCapacity: true)
                first[ssh.bound.key] = (ssh, -1)
            } else {
                few.removeAll(keepingCapacity: true)
                few.append((ssh.bound.key, ssh, -1))
            }
            for hostIndex in group {
                let host = c.plan.hosts[hostIndex]
                for l in host.listeners {
                    let port = l.bound.key
                    let seen = many ? first[port] : few.first { $0.port == port }.map { ($0.listener, $0.host) }
                    guard let earlier = seen else {
                        if many { first[port] = (l, hostIndex) } else { few.append((port, l, hostIndex)) }
                        continue
                    }
                    // A clash another rule owns is that rule's to report (Registry.portClashOwners).
                    if Registry.owner(ofClash: earlier.listener.purpose, l.purpose, on: host.kind.family, onOneHost: earlier.host == hostIndex) != nil {
                        continue
                    }
                    // Point at the port the operator wrote, not at a default it collides with.
                    let (primary, other) = earlier.listener.port.isDefault || !l.port.isDefault ? (l, earlier.listener) : (earlier.listener, l)
                    let key = primary.port.span
                    let names =
                        earlier.host < 0 || earlier.host == hostIndex
                        ? [host.name] : [c.plan.hosts[earlier.host].name, host.name]
                    if found[key] == nil {
                        order.append(key)
                        found[key] = (other.port.span, l.bound, primary.purpose.summary, other.purpose.summary, [])
                    }
                    for name in names where found[key]?.hosts.contains(name) == false { found[key]?.hosts.append(name) }
                }
            }
        }
        return order.compactMap { (span: Span) -> Diagnostic? in
            guard let f = found[span] else { return nil }
            let sshd = f.first == Purpose.ssh.summary || f.what == Purpose.ssh.summary
            return portConflict.diagnostic(
                "port \(f.port) is used twice on \(list(f.hosts.map(backticked))): \(f.what) and \(f.first)",
                at: span, label: "\(f.what) on \(f.port)", related: [Label(f.other, "\(f.first) on \(f.port)")],
                notes: (sshd ? ["sshd listens on `firewall.ssh_port` of every host"] : [])
                    + (f.hosts.count > 1 && !sshd ? ["\(list(f.hosts.map(backticked))) have one address: they are one machine"] : []),
                helps: ["give one of them another port"])
        }
    }

    /// Hosts grouped by machine, as the plan defines one (`Plan.machine(of:)`, which build's
    /// firewalls read too): a gateway on a node's host, or with its address, is on that
    /// node's machine.
    static func machines(_ plan: Plan) -> [[Int]] {
        var groups = plan.hosts.indices.map { _ in [Int]() }
        for i in plan.hosts.indices { groups[plan.machine(of: i)].append(i) }
        return groups.filter { !$0.isEmpty }
    }
}
