import WFCLanguage

extension Rule {
    public static let plaintextSecret = Rule(
        code: "WFC404", name: "plaintext-secret", severity: .warning,
        summary: "a secret written as a plain string",
        explanation: """
            A password written into topology.yaml ends up in version control. Write \
            `{env: NAME}` (read from the environment by `wfc build`) or `{file: PATH}` \
            (read from a file next to the topology) instead. wfc never prints a secret's \
            value, and masks it in excerpts.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {web: true, https: true}
            tls:
              jks_path: /etc/im-server/config/im.jks
              key_store_password: ↓changeit
              key_manager_password: {env: KEY_MANAGER_PASSWORD}
            nodes:
              - name: node1
            """
        ],
        passing: [singleHTTPSBase])

    static let plaintextSecretCheck = Check(plaintextSecret) { c in
        let nodes = c.topology.nodeTLS.map { $0.value }
        let secrets =
            (c.topology.tls.value.map { [($0.keyStorePassword, Key.keyStorePassword), ($0.keyManagerPassword, Key.keyManagerPassword)] } ?? [])
            + nodes.flatMap { [($0.keyStorePassword, Key.keyStorePassword), ($0.keyManagerPassword, Key.keyManagerPassword)] }
        return
            secrets
            .compactMap { field, name in
                guard let l = field.located, case .plain = l.value else { return nil }
                return plaintextSecret.diagnostic(
                    "`\(name)` is written in plain text", at: l.span, label: "the secret itself",
                    helps: ["write `{env: NAME}` and set NAME when running `wfc build`, or `{file: PATH}`"])
            }
    }
}
