import WFCLanguage

extension Rule {
    public static let jksRequired = Rule(
        code: "WFC401", name: "jks-required", severity: .error,
        summary: "single mode with HTTPS without the whole JKS keystore",
        explanation: """
            In single mode with HTTPS web clients the node itself serves HTTPS (443) and \
            WSS (8084), with a JKS keystore: `jks_path`, `key_store_password` and \
            `key_manager_password` must all be given (both passwords non-empty). The \
            certificate must be for the authorized domain and signed by a CA browsers trust. \
            With a gateway on the node's host (`gateway.on`, the vendor's quick HTTPS) the \
            gateway ends TLS with a PEM certificate instead, and no keystore is needed.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {web: true, https: true}
            ↓tls:
              jks_path: /etc/im-server/config/im.jks
              key_store_password: {env: KEY_STORE_PASSWORD}
            nodes:
              - name: node1
            """
        ],
        passing: [singleHTTPSBase, singleQuickHTTPSBase])

    static let jksRequiredCheck = Check(jksRequired) { c in
        guard c.plan.tls?.keystore != nil else { return [] }
        let tls = c.topology.tls.value
        var missing: [Key] = []
        if tls?.jksPath.located == nil { missing.append(.jksPath) }
        if !nonEmpty(tls?.keyStorePassword) { missing.append(.keyStorePassword) }
        if !nonEmpty(tls?.keyManagerPassword) { missing.append(.keyManagerPassword) }
        guard !missing.isEmpty else { return [] }
        return [
            jksRequired.diagnostic(
                (c.plan.tlsLongLink ? "the TLS long link" : "single mode with HTTPS") + " needs \(list(missing.map { backticked($0.rawValue) })) in `tls`",
                at: tlsAnchor(c),
                label: c.plan.tlsLongLink ? "the nodes end TLS themselves with a JKS keystore" : "the node serves HTTPS and WSS itself with a JKS keystore",
                helps: ["add " + missing.map { $0 == .jksPath ? "`jks_path: /path/to/keystore.jks`" : "`\($0.rawValue): {env: NAME}`" }.joined(separator: ", ")]
            )
        ]
    }
}
