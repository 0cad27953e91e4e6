extension Rule {
    public static let typeMismatch = Rule(
        code: "WFC004", name: "type-mismatch", severity: .error,
        summary: "a value of the wrong kind",
        explanation: """
            Every key takes one kind of value: a mapping, a sequence, an integer, a boolean \
            or a string. Only `true` and `false` are booleans: YAML 1.1 tools also read \
            `yes`, `no`, `on` and `off` as booleans while YAML 1.2 tools read them as \
            strings, so wfc asks for the unambiguous words (and offers the fix). A quoted \
            number such as `"1883"` is a string, not a port.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients:
              web: ↓yes
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
