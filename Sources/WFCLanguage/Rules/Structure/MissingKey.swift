extension Rule {
    public static let missingKey = Rule(
        code: "WFC005", name: "missing-key", severity: .error,
        summary: "a required key is absent",
        explanation: """
            `version`, `mode`, `authorized_address` and `nodes` are required at the top, \
            `name` in every node, `public_address` in `gateway`, and `to` and `ports` in \
            every firewall rule. wfc has no safe default for them: the mode decides every \
            address and port a client is told, and the authorized address is what the \
            licence is bound to.
            """,
        failing: [
            """
            ↓version: 1
            authorized_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
