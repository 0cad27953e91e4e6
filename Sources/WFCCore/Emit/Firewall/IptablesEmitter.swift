/// `iptables.rules` / `ip6tables.rules`: the whole filter table in iptables-restore format,
/// applied atomically. INPUT drops by default; loopback, established traffic and ping pass;
/// the openings live in their own chain so they read as one list.
enum IptablesEmitter {
    static func render(_ host: HostPlan, rules: Ruleset, ipv6: Bool, provenance: Provenance) -> String {
        let tool = ipv6 ? "ip6tables" : "iptables"
        var lines = [
            "# \(provenance.header)",
            "# Host `\(host.name)`: the whole filter table, replaced atomically by \(tool)-restore.",
            "# Test first: \(tool)-restore --test < \(tool).rules",
            "*filter",
            ":INPUT DROP [0:0]",
            ":FORWARD ACCEPT [0:0]",
            ":OUTPUT ACCEPT [0:0]",
            ":wfc-input - [0:0]",
            "-A INPUT -i lo -j ACCEPT",
            "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
            "-A INPUT -m conntrack --ctstate INVALID -j DROP",
        ]
        if ipv6 {
            for type in ["echo-request", "router-advertisement", "neighbour-solicitation", "neighbour-advertisement"] {
                lines.append("-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type \(type) -j ACCEPT")
            }
        } else {
            lines.append("-A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT")
        }
        lines.append("-A INPUT -j wfc-input")
        for e in ipv6 ? rules.ipv6 : rules.ipv4 {
            var rule = "-A wfc-input"
            if let source = e.source {
                rule += " -s \(source.address)/\(source.prefix)"
            }
            rule += " -p \(e.proto.rawValue) -m \(e.proto.rawValue) --dport \(e.port)"
            rule += " -m comment --comment \"\(e.comment)\" -j ACCEPT"
            lines.append(rule)
        }
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }
}
