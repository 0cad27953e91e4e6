extension Rule {
    public static let yamlSyntax = Rule(
        code: "WFC001", name: "yaml-syntax", severity: .error,
        summary: "the file is not valid YAML",
        explanation: """
            libyaml could not read the file. Nothing else can be checked until it parses, so \
            this is the only diagnostic such a file gets. The position is libyaml's: the place \
            where it found what it did not expect, which can be after the real mistake (an \
            unclosed `{` or `[` is found where the next line starts). The file must be UTF-8 \
            text without NUL bytes.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            ports: {http: 80, tcp: 1883
            nodes↓:
              - name: node1
            """
        ],
        passing: [minimal])
}
