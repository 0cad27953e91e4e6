/// The decoder reports this rule, so it is defined here, below the decoder; its check on the
/// plan is in `WFCChecks/TLS/RelativePath.swift`.
extension Rule {
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
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {web: true, https: true}
            tls:
              jks_path: ↓config/im.jks
              key_store_password: {env: KEY_STORE_PASSWORD}
              key_manager_password: {env: KEY_MANAGER_PASSWORD}
            nodes:
              - name: node1
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {web: true, https: true}
            tls:
              jks_path: ↓/opt/ks`id>x`.jks
              key_store_password: {env: KEY_STORE_PASSWORD}
              key_manager_password: {env: KEY_MANAGER_PASSWORD}
            nodes:
              - name: node1
            """
        ],
        passing: [singleHTTPSBase])
}
