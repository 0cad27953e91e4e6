import WFCLanguage
import WFCPlan

/// `nodes/<name>/wildfirechat.conf`: the network keys of one node in the IM server's
/// syntax — `key value` per line, comments only on lines of their own (a `#` after a value
/// breaks the server's parser, docs/domain.md), LF line ends.
enum IMConfigEmitter {
    static func artifact(_ node: PlanNode, plan: Plan, provenance: Provenance, secrets: SecretValues, base: IMConfigBase?) -> Artifact {
        var holdsSecret = false
        let entries = node.imConfig.map { entry -> (key: String, value: String) in
            switch entry.value {
            case .text(let text):
                return (entry.key, text)
            case .secret(let secret):
                holdsSecret = true
                return (entry.key, secrets.value(of: secret) ?? "")
            }
        }
        let contents: String
        if let base {
            contents = base.merged(
                entries, owned: plan.imOwnedKeys, note: "\(provenance.header) Network keys of node `\(node.name.value)` that the base did not have:")
        } else {
            contents =
                ([
                    "# \(provenance.header)",
                    "# Node `\(node.name.value)` (\(provenance.line(node.name.span))), \(plan.mode.value.rawValue) mode.",
                    "# The network keys of config/wildfirechat.conf: set these lines there (a later",
                    "# duplicate wins), then restart the IM server. Do not edit here: change the topology."
                ] + entries.map { "\($0.key) \($0.value)" }).joined(separator: "\n") + "\n"
        }
        return Artifact(
            path: "\(plan.hosts[node.index].folder)/wildfirechat.conf",
            // The operator's whole file holds `http.admin.secret_key` and the like: 0600.
            contents: contents, mode: holdsSecret || base != nil ? 0o600 : 0o644)
    }
}
