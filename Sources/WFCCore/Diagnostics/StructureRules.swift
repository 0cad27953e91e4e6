/// The rules of the file's shape. The YAML composer and the decoder find these problems;
/// the values here carry their codes, documentation and examples.
extension Rule {
    static let minimal = """
        version: 1
        mode: single
        authorized_address: im.example.com
        nodes:
          - name: node1
        """

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
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

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
            mode: multi-node
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

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
            authorised_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

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
              web: yes
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

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
            version: 1
            authorized_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

    public static let invalidValue = Rule(
        code: "WFC006", name: "invalid-value", severity: .error,
        summary: "a value out of range or not one of the allowed values",
        explanation: """
            The value has the right kind but is not allowed: a `version` other than 1, a \
            `mode` that is not `single`, `multi-node` or `single-entry`, a port outside 1 \
            to 65535, a `node_id` outside 0 to 63 (six bits of every message id), a node name \
            that is not lowercase letters, digits and hyphens, a host that is not an IP \
            literal or a DNS name, a malformed CIDR block. Hosts and names are written into \
            gateway, firewall, IM config and Ansible files, so nothing that could break out of them is \
            accepted: no scheme, no port, no path.
            """,
        failing: [
            """
            version: 1
            mode: multinode
            authorized_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

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
            version: !!int 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])

    static let structure: [Rule] = [
        yamlSyntax, duplicateKey, unknownKey, typeMismatch, missingKey, invalidValue, unsupportedYAML
    ]
}
