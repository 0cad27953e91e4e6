extension Rule {
    public static let duplicateKey = Rule(
        code: "WFC002", name: "duplicate-key", severity: .error,
        summary: "a key appears twice in one mapping",
        explanation: """
            YAML tools disagree on which of two equal keys wins (most take the last, some \
            the first, some refuse the file), so a topology with a repeated key means \
            different deployments to different readers. Keep one of them; the related \
            location is the first.
            """,
        failing: [
            """
            version: 1
            mode: single
            ↓mode: multi-node
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
