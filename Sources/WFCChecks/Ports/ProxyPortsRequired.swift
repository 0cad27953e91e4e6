import WFCLanguage
import WFCPlan

extension Rule {
    public static let proxyPortsRequired = Rule(
        code: "WFC303", name: "proxy-ports-required", severity: .error,
        summary: "a node without the gateway proxy ports its mode needs",
        explanation: """
            With HTTPS web clients the page can only open WSS, and the gateway terminates \
            it. In multi-node mode every node needs a WS and a WSS port on the gateway \
            (`websocket_proxy_port`, `websocket_proxy_secure_port`); in single-entry mode a \
            WSS port (`websocket_proxy_secure_port`). Without them JS clients of that node \
            cannot connect.
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
              - name: ↓node1
                public_address: 203.0.113.11
                websocket_proxy_port: 5017
              - name: node2
                public_address: 203.0.113.12
                websocket_proxy_port: 5018
                websocket_proxy_secure_port: 5021
            """
        ],
        passing: [multiNodeHTTPSBase])

    static let proxyPortsRequiredCheck = Check(proxyPortsRequired) { c in
        let p = c.plan
        guard p.https, p.mode.value != .single, !p.wssAtNodes else { return [] }
        return p.nodes.compactMap { (n: PlanNode) -> Diagnostic? in
            var missing: [Key] = []
            if p.mode.value == .multiNode, n.websocketProxyPort == nil { missing.append(.websocketProxyPort) }
            if n.websocketProxySecurePort == nil { missing.append(.websocketProxySecurePort) }
            guard !missing.isEmpty else { return nil }
            return proxyPortsRequired.diagnostic(
                "node `\(n.name.value)` has no \(list(missing.map { backticked($0.rawValue) }))", at: n.name.span,
                label: "HTTPS web clients reach this node through the gateway",
                helps: ["give it its own \(missing.count == 1 ? "port" : "ports") on the gateway, unused by any other node"])
        }
    }
}
