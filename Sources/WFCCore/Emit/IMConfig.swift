/// `nodes/<name>/wildfirechat.conf`: the network keys of one node in the IM server's
/// syntax — `key value` per line, comments only on lines of their own (a `#` after a value
/// breaks the server's parser, DOMAIN.md), LF line ends.
enum IMConfigEmitter {
    static func artifact(_ node: PlanNode, plan: Plan, provenance: Provenance, secrets: SecretValues) -> Artifact {
        var lines = [
            "# \(provenance.header)",
            "# Node `\(node.name.value)` (\(provenance.line(node.name.span))), \(plan.mode.value.rawValue) mode.",
            "# The network keys of config/wildfirechat.conf: set these lines there (a later",
            "# duplicate wins), then restart the IM server. Do not edit here: change the topology.",
        ]
        var holdsSecret = false
        for entry in node.imConfig {
            switch entry.value {
            case .text(let text):
                lines.append("\(entry.key) \(text)")
            case .secret(let secret):
                holdsSecret = true
                lines.append("\(entry.key) \(secrets.value(of: secret) ?? "")")
            }
        }
        return Artifact(path: "\(plan.hosts[node.index].folder)/wildfirechat.conf",
                        contents: lines.joined(separator: "\n") + "\n", mode: holdsSecret ? 0o600 : 0o644)
    }
}
