import WFCLanguage
import WFCPlan

extension Rule {
    public static let sharedAddressPortCollision = Rule(
        code: "WFC304", name: "shared-address-port-collision", severity: .error,
        summary: "`single-entry` nodes with the same `tcp`, `http`, `websocket` or `short_link_tcp` port",
        explanation: """
            In single-entry mode every node's `server.ip` is the one public address, so the \
            port is all that tells the gateway which node a client wants. Two nodes with \
            the same long-connection or WebSocket port cannot both be reached, and a node \
            whose `http` is the gateway's route port (80) has its native short links \
            (`/im`) balanced over every node instead of reaching it. As the vendor's \
            deployment guide does, give each node three ports of its own: \
            `ports: {tcp: 11881, http: 10081, websocket: 18081}`, then 11882/10082/18082, … \
            With the TCP short link (`clients.short_link: tcp`) the same holds for \
            `short_link_tcp` beside the gateway's short-link route (10091, 10092, …).
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            media: {storage: builtin}
            firewall: {server_api_from: []}
            gateway:
              public_address: 203.0.113.10
              private_address: 10.0.0.10
            nodes:
              - name: node1
                private_address: 10.0.0.11
                ports: {tcp: 1883, http: 10081}
              - name: node2
                private_address: 10.0.0.12
                ports: {tcp: ↓1883, http: 10082}
            """
        ],
        passing: [singleEntryBase])

    static let sharedAddressPortCollisionCheck = Check(sharedAddressPortCollision) { c in
        guard c.plan.mode.value == .singleEntry, let gateway = c.plan.gatewayHost else { return [] }
        // One diagnostic per node left on a port an earlier node holds, naming every such
        // port of that node and a free one for each.
        var first: [Int: Listener] = [:]
        // By node index; the route port's clash has no node and is never a `mine`.
        var clashes: [Int: [(mine: Listener, theirs: Listener)]] = [:]
        var order: [NodeRef] = []
        for l in gateway.listeners where l.purpose.isNodePortOnGateway {
            guard let earlier = first[l.bound.key] else {
                first[l.bound.key] = l
                continue
            }
            guard let node = l.purpose.upstreamNode else { continue }
            if clashes[node.index] == nil { order.append(node) }
            clashes[node.index, default: []].append((l, earlier))
        }
        // A node left on the route port: its short links are balanced over every node
        // instead of reaching it (the vendor gives each node an HTTP port of its own).
        if c.plan.nodes.count >= 2 {
            let route = Listener(port: c.plan.ports.http.at(gateway.span), purpose: .http, exposure: .public)
            for n in c.plan.nodes where n.http.value == c.plan.ports.http.value {
                let node = n.ref
                if clashes[node.index] == nil { order.append(node) }
                clashes[node.index, default: []].append((Listener(port: n.http, purpose: .httpProxy(node: node), exposure: .public), route))
            }
            // The same for the TCP short link; the gateway's own node is dialled directly.
            let shortLinkRoute = Listener(port: c.plan.ports.shortLinkTCP.at(gateway.span), purpose: .shortLink, exposure: .public)
            for n in c.plan.nodes where n.index != c.plan.gateway?.on {
                guard let told = n.shortLinkTCP, told.value == c.plan.ports.shortLinkTCP.value else { continue }
                let node = n.ref
                if clashes[node.index] == nil { order.append(node) }
                clashes[node.index, default: []].append((Listener(port: told, purpose: .shortLinkStream(node: node), exposure: .public), shortLinkRoute))
            }
        }
        var taken = Set(gateway.listeners.map { $0.port.value }).union([c.plan.sshPort.value])
        return order.compactMap { node -> Diagnostic? in
            guard let pairs = clashes[node.index], let head = pairs.first else { return nil }
            let suggestions = pairs.map { pair -> String in
                // HTTP ports as the vendor numbers them (10081, 10082, …), TCP short links alike
                // (10091, …); others next to the clash.
                var free =
                    pair.mine.port.key == KeyPath(.ports, .http)
                    ? 10081 : pair.mine.port.key == KeyPath(.ports, .shortLinkTCP) ? 10091 : pair.mine.port.value + 1
                while taken.contains(free), free < 65535 { free += 1 }
                taken.insert(free)
                return "`\(pair.mine.port.key)` \(free)"
            }
            let ports = pairs.map {
                "\($0.mine.port.value) (like \($0.theirs.purpose.upstreamNode.map { backticked($0.name) } ?? routeName($0.theirs.purpose)))"
            }
            return sharedAddressPortCollision.diagnostic(
                "node `\(node)` uses \(pairs.count == 1 ? "port" : "ports") \(list(ports)) on the shared public address",
                at: head.mine.port.span, label: head.mine.port.described + " of `\(node)`",
                related: pairs.map {
                    Label(
                        $0.theirs.port.span,
                        $0.theirs.port.described + " of " + ($0.theirs.purpose.upstreamNode.map { backticked($0.name) } ?? routeName($0.theirs.purpose)))
                },
                notes: ["in single-entry mode the port alone tells the gateway which node a client wants"],
                helps: ["give `\(node)` a port of its own in its `ports`: \(list(suggestions)) \(suggestions.count == 1 ? "is" : "are") free"])
        }
    }

    /// How a message names the gateway's balanced listener a node was left on.
    private static func routeName(_ purpose: Purpose) -> String {
        purpose == .shortLink ? "the gateway's TCP short-link route" : "the gateway's route server"
    }
}
