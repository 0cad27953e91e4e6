extension Rule {
    public static let unknownKey = Rule(
        code: "WFC003", name: "unknown-key", severity: .error,
        summary: "a key the language does not have",
        explanation: """
            wfc rejects keys it does not know instead of ignoring them: a misspelt \
            `authorised_address` would otherwise leave the real setting at its default, and \
            the deployment would quietly differ from what was written. When a known key is \
            within two edits, the diagnostic suggests it and offers the rename as a fix.
            """,
        failing: [
            """
            version: 1
            mode: single
            ↓authorised_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
