import WFCLanguage

extension Rule {
    public static let nodeKeystoreRequired = Rule(
        code: "WFC408", name: "node-keystore-required", severity: .error,
        summary: "`tls.wss: nodes` and a node without its own keystore or domain",
        explanation: """
            With `tls.wss: nodes` every node serves WSS itself on `secure_websocket` (8084), \
            the vendor's node-domain layout: its `server.ip` is its own domain, which must \
            resolve to its public address, and it needs a JKS keystore for that domain (or a \
            wildcard): `domain` and `tls` with `jks_path`, `key_store_password` and \
            `key_manager_password` on every node. The gateway still ends HTTPS 443 for the \
            route with `tls.certificate`.
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
              wss: nodes
            gateway:
              public_address: 203.0.113.10
            nodes:
              - name: node1
                public_address: 203.0.113.11
                domain: node1.example.com
                tls: {jks_path: /etc/im-server/config/node1.jks, key_store_password: {env: KS1}, key_manager_password: {env: KM1}}
              - name: ↓node2
                public_address: 203.0.113.12
                tls: {jks_path: /etc/im-server/config/node2.jks, key_store_password: {env: KS2}, key_manager_password: {env: KM2}}
            """,
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
              wss: nodes
            gateway:
              public_address: 203.0.113.10
            nodes:
              - name: ↓node1
                public_address: 203.0.113.11
                domain: node1.example.com
                tls: {jks_path: /etc/im-server/config/node1.jks, key_store_password: {env: KS1}}
              - name: node2
                public_address: 203.0.113.12
                domain: node2.example.com
                tls: {jks_path: /etc/im-server/config/node2.jks, key_store_password: {env: KS2}, key_manager_password: {env: KM2}}
            """
        ],
        passing: [nodeWSSBase])

    static let nodeKeystoreRequiredCheck = Check(nodeKeystoreRequired) { c in
        guard c.plan.wssAtNodes else { return [] }
        let specs = c.topology.nodeTLSByName
        return c.plan.nodes.compactMap { n -> Diagnostic? in
            let tls = specs[n.name.value] ?? nil
            // Each missing key with what to write for it.
            var missing: [(key: KeyPath, write: String)] = []
            if n.domain == nil { missing.append((KeyPath(.domain), "`domain: <its own name>`")) }
            if tls?.jksPath.located == nil { missing.append((KeyPath(.tls, .jksPath), "`tls: {jks_path: /path/to/node.jks}`")) }
            for (key, secret) in [(Key.keyStorePassword, tls?.keyStorePassword), (.keyManagerPassword, tls?.keyManagerPassword)] where !nonEmpty(secret) {
                missing.append((KeyPath(.tls, key), "`tls.\(key): {env: NAME}`"))
            }
            guard !missing.isEmpty else { return nil }
            return nodeKeystoreRequired.diagnostic(
                "node `\(n.name.value)` serves WSS itself but has no \(list(missing.map { backticked($0.key.description) }))", at: n.name.span,
                label: "`tls.wss: nodes`",
                helps: [
                    "give it "
                        + missing.map { $0.write }.joined(separator: ", ")
                        + ", or use `tls.wss: gateway` with proxy ports"
                ])
        }
    }
}
