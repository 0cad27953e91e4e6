extension Rule {
    public static let unsupportedYAML = Rule(
        code: "WFC007", name: "unsupported-yaml", severity: .error,
        summary: "a YAML feature a topology does not use",
        explanation: """
            A topology is one plain YAML document. wfc refuses a second document (which \
            one would be deployed?), an empty file, tags such as `!!str`, merge keys (`<<`), \
            and nesting or alias expansion beyond its limits (256 levels; 10,000 nodes \
            reached through aliases), which only hostile or broken files need. Write the \
            values out plainly.
            """,
        failing: [
            """
            version: ↓!!int 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
