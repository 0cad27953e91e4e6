import WFCLanguage
import WFCPlan

extension Rule {
    public static let duplicateProxyPort = Rule(
        code: "WFC302", name: "duplicate-proxy-port", severity: .error,
        summary: "a WS/WSS proxy port used twice",
        explanation: """
            Each node gets its own gateway ports for WS and WSS (`websocket_proxy_port`, \
            `websocket_proxy_secure_port`): the gateway forwards each one to exactly one \
            node, and the node tells its clients that port. Used by two nodes (or by one \
            node for both), clients of one node land on another and their sessions fail. \
            The fix picks the lowest free port above the duplicate.
            """,
        failing: [
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            firewall: {server_api_from: []}
            clients: {web: true, https: true}
            tls:
              certificate: /etc/nginx/certs/im.pem
              certificate_key: /etc/nginx/certs/im.key
            gateway:
              public_address: 203.0.113.10
            nodes:
              - name: node1
                public_address: 203.0.113.11
                websocket_proxy_port: 5017
                websocket_proxy_secure_port: 5020
              - name: node2
                public_address: 203.0.113.12
                websocket_proxy_port: 5018
                websocket_proxy_secure_port: ↓5020
            """
        ],
        passing: [multiNodeHTTPSBase])

    static let duplicateProxyPortCheck = Check(duplicateProxyPort) { c in
        var out: [Diagnostic] = []
        var seen: [Int: (PortValue, String)] = [:]
        let gatewayPorts = Set(c.plan.gatewayHost?.listeners.map { $0.port.value } ?? [])
        let proxyPorts = Set(c.plan.nodes.flatMap { [$0.websocketProxyPort, $0.websocketProxySecurePort].compactMap { $0?.value } })
        var taken = gatewayPorts.union(proxyPorts)
        for n in c.plan.nodes {
            for p in [n.websocketProxyPort, n.websocketProxySecurePort].compactMap({ $0 }) {
                guard let (first, owner) = seen[p.value] else {
                    seen[p.value] = (p, n.name.value)
                    continue
                }
                var free = p.value + 1
                while taken.contains(free), free < 65535 { free += 1 }
                taken.insert(free)
                let whose = owner == n.name.value ? "by `\(owner)` for both WS and WSS" : "by `\(owner)` and `\(n.name.value)`"
                out.append(
                    duplicateProxyPort.diagnostic(
                        "proxy port \(p.value) is used \(whose)", at: p.span,
                        label: "`\(p.key)` of `\(n.name.value)`", related: [Label(first.span, "`\(first.key)` of `\(owner)`")],
                        notes: ["the gateway forwards each proxy port to exactly one node"],
                        helps: ["use a free port such as \(free)"],
                        fixes: [.replace(p.span, with: String(free), "use port \(free)", .unsafe)]))
            }
        }
        return out
    }
}
