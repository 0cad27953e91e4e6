import WFCLanguage
import WFCPlan

/// `iptables.rules` / `ip6tables.rules`: wfc's own chain `wfc-input` in iptables-restore
/// format. Applied with `--noflush`, it replaces that chain alone, atomically: other tools'
/// chains (Docker, fail2ban), the other built-in chains and every policy stay as they are.
/// INPUT reaches it through one jump, added once (CHECKLIST.md), so re-applying changes
/// nothing else. The chain ends in DROP: what it does not accept does not pass.
enum IptablesEmitter {
    /// The chain wfc owns, and the command that hooks it from INPUT exactly once.
    static let chain = "wfc-input"

    static func hook(_ tool: String) -> String {
        "\(tool) -C INPUT -j \(chain) 2>/dev/null || \(tool) -I INPUT 1 -j \(chain)"
    }

    static func render(_ host: HostPlan, rules: Ruleset, ipv6: Bool, provenance: Provenance) -> String {
        let tool = IptablesUnit.tool(ipv6: ipv6), file = IptablesUnit.file(ipv6: ipv6)
        var lines = [
            "# \(provenance.header)",
            "# Host `\(host.name)`: the chain \(chain) only; nothing else in the filter table changes.",
            "# Test:  \(IptablesUnit.test(ipv6: ipv6, path: file))",
            "# Apply: \(IptablesUnit.apply(ipv6: ipv6, path: file))",
            "#        \(hook(tool))",
            "*filter",
            ":\(chain) - [0:0]",
            "-A \(chain) -i lo -j ACCEPT",
            "-A \(chain) -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
            "-A \(chain) -m conntrack --ctstate INVALID -j DROP"
        ]
        if ipv6 {
            for type in ["echo-request", "router-advertisement", "neighbour-solicitation", "neighbour-advertisement"] {
                lines.append("-A \(chain) -p ipv6-icmp -m icmp6 --icmpv6-type \(type) -j ACCEPT")
            }
        } else {
            lines.append("-A \(chain) -p icmp -m icmp --icmp-type echo-request -j ACCEPT")
        }
        for e in ipv6 ? rules.ipv6 : rules.ipv4 {
            var rule = "-A \(chain)"
            if let source = e.source {
                rule += " -s \(source.address)/\(source.prefix)"
            }
            // A range is native to both backends: iptables writes it LOW:HIGH.
            rule += " -p \(e.proto.rawValue) -m \(e.proto.rawValue) --dport \(e.port)" + (e.through == e.port ? "" : ":\(e.through)")
            rule += " -m comment --comment \"\(e.comment)\" -j ACCEPT"
            lines.append(rule)
        }
        lines.append("-A \(chain) -j DROP")
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }
}
