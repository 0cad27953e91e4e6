extension Rule {
    static let singleHTTPSBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        clients: {web: true, https: true}
        tls:
          jks_path: /opt/im-server/config/im.jks
          key_store_password: {env: KEY_STORE_PASSWORD}
          key_manager_password: {env: KEY_MANAGER_PASSWORD}
        nodes:
          - name: node1
        """

    /// The vendor's quick HTTPS: nginx beside the IM server ends TLS with a PEM certificate.
    static let singleQuickHTTPSBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        clients: {web: true, https: true}
        tls:
          certificate: /etc/nginx/certs/im.pem
          certificate_key: /etc/nginx/certs/im.key
        gateway:
          on: node1
        nodes:
          - name: node1
        """

    public static let httpsOnIP = Rule(
        code: "WFC407", name: "https-on-ip", severity: .warning,
        summary: "web clients on HTTPS pages with an IP `authorized_address`",
        explanation: """
            Browsers accept HTTPS and WSS on an IP address only with a certificate issued \
            for that IP by a public CA, which few CAs sell. Web clients on HTTPS pages almost \
            always need a domain as the authorized address (the licence is bound to it). \
            Keep the IP only if you have such a certificate.
            """,
        failing: [singleQuickHTTPSBase.replacingOccurrences(of: "authorized_address: im.example.com", with: "authorized_address: 203.0.113.10")],
        passing: [singleQuickHTTPSBase])

    /// Multi-node with HTTPS pages whose nodes serve WSS themselves, each on its own domain.
    static let nodeWSSBase = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
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
            tls: {jks_path: /opt/im-server/config/node1.jks, key_store_password: {env: KS1}, key_manager_password: {env: KM1}}
          - name: node2
            public_address: 203.0.113.12
            domain: node2.example.com
            tls: {jks_path: /opt/im-server/config/node2.jks, key_store_password: {env: KS2}, key_manager_password: {env: KM2}}
        """

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
            nodeWSSBase.replacingOccurrences(of: "    domain: node2.example.com\n", with: ""),
            nodeWSSBase.replacingOccurrences(of: ", key_manager_password: {env: KM1}", with: "")
        ],
        passing: [nodeWSSBase])

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
        failing: [singleHTTPSBase.replacingOccurrences(of: "  key_manager_password: {env: KEY_MANAGER_PASSWORD}\n", with: "")],
        passing: [singleHTTPSBase, singleQuickHTTPSBase])

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
            multiNodeHTTPSBase.replacingOccurrences(of: "  certificate_key: /etc/nginx/certs/im.key\n", with: ""),
            singleQuickHTTPSBase.replacingOccurrences(of: "  certificate: /etc/nginx/certs/im.pem\n", with: "")
        ],
        passing: [multiNodeHTTPSBase, singleQuickHTTPSBase])

    public static let httpsNeedsWeb = Rule(
        code: "WFC403", name: "https-needs-web", severity: .error,
        summary: "`clients.https` without `clients.web`",
        explanation: """
            `clients.https` says the JS clients are served over HTTPS (so they route over \
            HTTPS and connect over WSS). Native clients never use it. Without `web: true` \
            there are no JS clients, so the setting means nothing — most likely `web` was \
            forgotten.
            """,
        failing: [minimal + "\nclients: {https: true}\n"],
        passing: [minimal + "\nclients: {web: true}\n"])

    public static let plaintextSecret = Rule(
        code: "WFC404", name: "plaintext-secret", severity: .warning,
        summary: "a secret written as a plain string",
        explanation: """
            A password written into topology.yaml ends up in version control. Write \
            `{env: NAME}` (read from the environment by `wfc build`) or `{file: PATH}` \
            (read from a file next to the topology) instead. wfc never prints a secret's \
            value, and masks it in excerpts.
            """,
        failing: [singleHTTPSBase.replacingOccurrences(of: "{env: KEY_STORE_PASSWORD}", with: "changeit")],
        passing: [singleHTTPSBase])

    public static let relativePath = Rule(
        code: "WFC405", name: "relative-path", severity: .error,
        summary: "a TLS path that is not absolute, or holds a character outside `A-Z a-z 0-9 / . _ - +`",
        explanation: """
            `jks_path` is read by the IM server from its own working folder, and \
            `certificate`/`certificate_key` by the gateway (nginx from its prefix): a relative path means \
            something different to each of them than to the operator. Write the absolute \
            path on the target host. A path is also written into the gateway's config, the IM config and the \
            shell commands of CHECKLIST.md that an operator pastes as root, so it may hold \
            letters, digits and `/ . _ - +` only: a backtick, `$`, `&` or `;` would be syntax \
            to one of them.
            """,
        failing: [
            singleHTTPSBase.replacingOccurrences(of: "/opt/im-server/config/im.jks", with: "config/im.jks"),
            singleHTTPSBase.replacingOccurrences(of: "/opt/im-server/config/im.jks", with: "/opt/ks`id>x`.jks")
        ],
        passing: [singleHTTPSBase])

    public static let secretUnreadable = Rule(
        code: "WFC406", name: "secret-unreadable", severity: .error,
        summary: "`wfc build` cannot read a secret the IM config needs",
        explanation: """
            Secrets are read only when `wfc build` runs: `{env: NAME}` from its environment, \
            `{file: PATH}` from a file beside the topology. An unset variable, an unreadable \
            or oversized file (more than 64 KiB), or a value holding a line break (the IM \
            server would read the rest as another key) stops the build before anything is \
            written. The message names the variable or file, never a value. `wfc lint` \
            cannot see this: it never reads secrets.
            """,
        stage: .build,
        failing: [singleHTTPSBase.replacingOccurrences(of: "KEY_MANAGER_PASSWORD", with: "WFC_EXAMPLE_UNSET")],
        passing: [singleHTTPSBase])

    static let tlsChecks: [Check] = [
        Check(jksRequired) { c in
            guard c.plan.tls?.keystore != nil else { return [] }
            let tls = c.topology.tls.value
            var missing: [String] = []
            if tls?.jksPath.located == nil { missing.append("jks_path") }
            if !nonEmpty(tls?.keyStorePassword) { missing.append("key_store_password") }
            if !nonEmpty(tls?.keyManagerPassword) { missing.append("key_manager_password") }
            guard !missing.isEmpty else { return [] }
            return [
                jksRequired.diagnostic(
                    "single mode with HTTPS needs \(list(missing.map(backticked))) in `tls`",
                    at: tlsAnchor(c), label: "the node serves HTTPS and WSS itself with a JKS keystore",
                    helps: ["add " + missing.map { $0 == "jks_path" ? "`jks_path: /path/to/keystore.jks`" : "`\($0): {env: NAME}`" }.joined(separator: ", ")])
            ]
        },
        Check(nodeKeystoreRequired) { c in
            guard c.plan.wssAtNodes else { return [] }
            let specs = (c.topology.nodes.value ?? []).compactMap(\.value)
            return c.plan.nodes.compactMap { n -> Diagnostic? in
                let tls = specs.first { $0.name.value == n.name.value }?.tls.value
                var missing: [String] = []
                if n.domain == nil { missing.append("domain") }
                if tls?.jksPath.located == nil { missing.append("tls.jks_path") }
                if !nonEmpty(tls?.keyStorePassword) { missing.append("tls.key_store_password") }
                if !nonEmpty(tls?.keyManagerPassword) { missing.append("tls.key_manager_password") }
                guard !missing.isEmpty else { return nil }
                return nodeKeystoreRequired.diagnostic(
                    "node `\(n.name.value)` serves WSS itself but has no \(list(missing.map(backticked)))", at: n.name.span,
                    label: "`tls.wss: nodes`",
                    helps: [
                        "give it "
                            + missing.map {
                                $0 == "domain"
                                    ? "`domain: <its own name>`" : $0 == "tls.jks_path" ? "`tls: {jks_path: /path/to/node.jks}`" : "`\($0): {env: NAME}`"
                            }.joined(separator: ", ")
                            + ", or use `tls.wss: gateway` with proxy ports"
                    ])
            }
        },
        Check(certificateRequired) { c in
            guard c.plan.tls?.certificate != nil else { return [] }
            let tls = c.topology.tls.value
            var missing: [String] = []
            if tls?.certificate.located == nil { missing.append("certificate") }
            if tls?.certificateKey.located == nil { missing.append("certificate_key") }
            guard !missing.isEmpty else { return [] }
            return [
                certificateRequired.diagnostic(
                    "the gateway terminates TLS and needs \(list(missing.map(backticked))) in `tls`",
                    at: tlsAnchor(c), label: "HTTPS web clients",
                    helps: ["add the absolute paths of the PEM certificate chain and key on the gateway"])
            ]
        },
        Check(httpsOnIP) { c in
            guard c.plan.https, c.plan.authorizedAddress.value.address != nil else { return [] }
            return [
                httpsOnIP.diagnostic(
                    "web clients on HTTPS pages, but the authorized address `\(c.plan.authorizedAddress.value.text)` is an IP",
                    at: c.plan.authorizedAddress.span, label: "browsers need a public-CA certificate for this very IP",
                    helps: ["use a domain (the one the licence is bound to) as `authorized_address`, or keep the IP with a certificate issued for it"])
            ]
        },
        Check(httpsNeedsWeb) { c in
            guard let https = c.topology.clients.value?.https.located, https.value, !c.plan.web else { return [] }
            let web = c.topology.clients.value?.web.located
            return [
                httpsNeedsWeb.diagnostic(
                    "`clients.https` is set but `clients.web` is not", at: https.span,
                    label: "HTTPS applies to web clients only",
                    related: web.map { [Label($0.span, "web clients are off")] } ?? [],
                    helps: ["set `web: true` if web clients connect, or remove `https`"],
                    fixes: web.map { [.replace($0.span, with: "true", "set `web: true`", .unsafe)] } ?? [])
            ]
        },
        Check(plaintextSecret) { c in
            let nodes = (c.topology.nodes.value ?? []).compactMap { $0.value?.tls.value }
            let secrets =
                (c.topology.tls.value.map { [($0.keyStorePassword, "key_store_password"), ($0.keyManagerPassword, "key_manager_password")] } ?? [])
                + nodes.flatMap { [($0.keyStorePassword, "key_store_password"), ($0.keyManagerPassword, "key_manager_password")] }
            return
                secrets
                .compactMap { field, name in
                    guard let l = field.located, case .plain = l.value else { return nil }
                    return plaintextSecret.diagnostic(
                        "`\(name)` is written in plain text", at: l.span, label: "the secret itself",
                        helps: ["write `{env: NAME}` and set NAME when running `wfc build`, or `{file: PATH}`"])
                }
        },
        Check(relativePath) { c in
            let nodes = (c.topology.nodes.value ?? []).compactMap { $0.value?.tls.value }.map { ($0.jksPath, "jks_path") }
            let paths =
                (c.topology.tls.value.map { [($0.jksPath, "jks_path"), ($0.certificate, "certificate"), ($0.certificateKey, "certificate_key")] } ?? [])
                + nodes
            return
                paths
                .compactMap { field, name in
                    guard let l = field.located, !l.value.hasPrefix("/") else { return nil }
                    return relativePath.diagnostic(
                        "`\(name)` is not an absolute path: `\(l.value)`", at: l.span, label: "relative",
                        helps: ["write the absolute path on the target host"])
                }
        }
    ]

    private static func nonEmpty(_ field: Field<Secret>?) -> Bool {
        guard let secret = field?.value else { return false }
        if case .plain(let r) = secret { return !r.value.isEmpty }
        return true
    }

    /// Where a missing TLS setting is reported: the `tls` key, or `https: true`.
    private static func tlsAnchor(_ c: CheckContext) -> Span {
        if let tls = c.topology.tls.located { return tls.keySpan ?? tls.span }
        return c.topology.clients.value?.https.located?.span ?? c.plan.mode.span
    }
}
