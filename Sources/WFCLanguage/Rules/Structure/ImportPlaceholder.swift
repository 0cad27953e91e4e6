extension Rule {
    public static let importPlaceholder = Rule(
        code: "WFC701", name: "import-placeholder", severity: .error,
        summary: "a value `wfc import` could not recover from the files is still a placeholder",
        explanation: """
            `wfc import` reads what the deployed files say. Some facts are in none of them: the \
            gateway's public address when nginx listens on every address, a node's address \
            behind NAT, the authorized domain when nothing names it, who may call the Server API \
            (the firewall's intent). It writes those as `<fill in: …>`, saying what belongs there, \
            and lint refuses the topology until each is filled in, so that no guess reaches a \
            build. The other checks still run on the rest: an imported deployment's mistakes \
            show before its blanks are filled in.
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            gateway:
              public_address: ↓"<fill in: the gateway's public address>"
            nodes:
              - {name: node1, private_address: 10.0.0.11}
            firewall:
              server_api_from: []
            """,
            """
            version: 1
            mode: single
            authorized_address: ↓"<fill in: the licensed domain>"
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
