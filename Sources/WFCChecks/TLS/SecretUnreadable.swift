import WFCLanguage

extension Rule {
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
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {web: true, https: true}
            tls:
              jks_path: /etc/im-server/config/im.jks
              key_store_password: {env: KEY_STORE_PASSWORD}
              key_manager_password: ↓{env: WFC_EXAMPLE_UNSET}
            nodes:
              - name: node1
            """
        ],
        passing: [singleHTTPSBase])
}
