import WFCLanguage

extension Rule {
    public static let certificateRequired = Rule(
        code: "WFC402", name: "certificate-required", severity: .error,
        summary: "a gateway with HTTPS without `certificate` and `certificate_key`",
        explanation: """
            Wherever there is a gateway (multi-node, single-entry, or `gateway.on` the \
            single node) it terminates TLS for HTTPS (443) and every WSS port, so it \
            needs the PEM certificate chain and its private key: `tls.certificate` and \
            `tls.certificate_key`.
            """,
        failing: [
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            firewall: {server_api_from: []}
            clients: {web: true, https: true}
            ↓tls:
              certificate: /etc/nginx/certs/im.pem
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
                websocket_proxy_secure_port: 5021
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {web: true, https: true}
            ↓tls:
              certificate_key: /etc/nginx/certs/im.key
            gateway:
              on: node1
            nodes:
              - name: node1
            """
        ],
        passing: [multiNodeHTTPSBase, singleQuickHTTPSBase])

    static let certificateRequiredCheck = Check(certificateRequired) { c in
        guard c.plan.tls?.certificate != nil else { return [] }
        let tls = c.topology.tls.value
        var missing: [Key] = []
        if tls?.certificate.located == nil { missing.append(.certificate) }
        if tls?.certificateKey.located == nil { missing.append(.certificateKey) }
        guard !missing.isEmpty else { return [] }
        return [
            certificateRequired.diagnostic(
                "the gateway terminates TLS and needs \(list(missing.map { backticked($0.rawValue) })) in `tls`",
                at: tlsAnchor(c), label: "HTTPS web clients",
                helps: ["add the absolute paths of the PEM certificate chain and key on the gateway"])
        ]
    }
}
