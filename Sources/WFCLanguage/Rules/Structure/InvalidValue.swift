/// The decoder reports this rule, so it is defined here, below the decoder; its check on the
/// plan is in `WFCChecks/Structure/InvalidValue.swift`.
extension Rule {
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
            mode: ↓multinode
            authorized_address: im.example.com
            nodes:
              - name: node1
            """
        ],
        passing: [minimal])
}
