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

    /// Outbound traffic (`firewall.egress`): declared in every file, so that a build without
    /// egress empties a chain an earlier build filled, and hooked from OUTPUT where egress is
    /// given. Its permissions RETURN (wfc has no objection; the other tables and chains still
    /// decide) and it ends in REJECT, so that a closed destination fails at once.
    static let outputChain = "wfc-output"

    static func outputHook(_ tool: String) -> String {
        "\(tool) -C OUTPUT -j \(outputChain) 2>/dev/null || \(tool) -I OUTPUT 1 -j \(outputChain)"
    }

    /// Docker's published ports: the chain `DOCKER-USER` sees them (after Docker's DNAT,
    /// before its own accept), so wfc's `wfc-docker` goes first there.
    static let dockerChain = "wfc-docker"

    /// Hooks `wfc-docker` from `DOCKER-USER` once, where both exist (a host without Docker,
    /// or whose rules have no `wfc-docker`, is left alone): the same line serves every host.
    static func dockerHook(_ tool: String) -> String {
        "if \(tool) -n -L \(dockerChain) >/dev/null 2>&1 && \(tool) -n -L DOCKER-USER >/dev/null 2>&1; then "
            + "\(tool) -C DOCKER-USER -j \(dockerChain) 2>/dev/null || \(tool) -I DOCKER-USER 1 -j \(dockerChain); fi"
    }

    static func render(_ host: HostPlan, rules: Ruleset, ipv6: Bool, provenance: Provenance) -> String {
        let tool = IptablesUnit.tool(ipv6: ipv6), file = IptablesUnit.file(ipv6: ipv6)
        var lines = [
            "# \(provenance.header)",
            "# Host `\(host.name)`: the chains \(chain)"
                + (rules.published.isEmpty ? " and \(outputChain)" : ", \(outputChain) and \(dockerChain)")
                + " only; nothing else in the filter table changes."
                + (!rules.closesOutbound
                    ? " Outbound is open (\(outputChain) stays empty)." : " Outbound is closed but for answers, firewall.egress and what the plan dials."),
            "# Test:  \(IptablesUnit.test(ipv6: ipv6, path: file))",
            "# Apply: \(IptablesUnit.apply(ipv6: ipv6, path: file))",
            "#        \(hook(tool))"
        ]
        let egress = rules.egress(ipv6: ipv6)
        if rules.closesOutbound {
            lines += ["#        \(outputHook(tool))"]
        }
        if !rules.published.isEmpty {
            lines += ["# Docker: \(dockerHook(tool))"]
        }
        lines += [
            "*filter",
            ":\(chain) - [0:0]",
            ":\(outputChain) - [0:0]"
        ]
        if !rules.published.isEmpty { lines.append(":\(dockerChain) - [0:0]") }
        lines += [
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
            lines.append(
                "-A \(chain)\(source(e)) -p \(e.proto.rawValue) -m \(e.proto.rawValue) --dport \(ports(e)) -m comment --comment \"\(e.comment)\" -j ACCEPT")
        }
        lines.append("-A \(chain) -j DROP")
        if let egress { lines += output(egress, answered: rules.answered(ipv6 ? rules.ipv6 : rules.ipv4), ipv6: ipv6) }
        lines += docker(rules.publishedOpenings(ipv6 ? rules.ipv6 : rules.ipv4), published: rules.published, egress: egress != nil)
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `wfc-output`: loopback, answers to inbound connections (by state, and by the ports the
    /// host serves), the neighbour discovery IPv6 needs, then the permissions; the rest is
    /// rejected.
    private static func output(_ egress: [Ruleset.Outbound], answered: [Ruleset.Entry], ipv6: Bool) -> [String] {
        var lines = [
            "-A \(outputChain) -o lo -j RETURN",
            "-A \(outputChain) -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN"
        ]
        for a in answered {
            lines.append(
                "-A \(outputChain) -p \(a.proto.rawValue) -m \(a.proto.rawValue) --sport \(ports(a)) -m comment --comment \"answers from \(ports(a))\" -j RETURN"
            )
        }
        if ipv6 {
            for type in ["router-solicitation", "neighbour-solicitation", "neighbour-advertisement", "143"] {
                lines.append("-A \(outputChain) -p ipv6-icmp -m icmp6 --icmpv6-type \(type) -j RETURN")
            }
        }
        for o in egress {
            let dport = o.ports.map { " -m \(o.proto.rawValue) --dport \(ports($0.lower, $0.upper))" } ?? ""
            lines.append("-A \(outputChain) -d \(address(o.destination)) -p \(o.proto.rawValue)\(dport) -m comment --comment \"\(o.comment)\" -j RETURN")
        }
        lines.append("-A \(outputChain) -j REJECT")
        return lines
    }

    /// ` -s ADDRESS/PREFIX`, or nothing for an opening from anywhere.
    private static func source(_ e: Ruleset.Entry) -> String {
        e.source.map { " -s \(address($0))" } ?? ""
    }

    /// An address or block as iptables writes it: ADDRESS/PREFIX.
    private static func address(_ r: AddressRange) -> String { "\(r.address)/\(r.prefix)" }

    /// An opening's port or range.
    private static func ports(_ e: Ruleset.Entry) -> String { ports(e.port, e.through) }

    /// A port, or a range as iptables writes it: LOW:HIGH.
    private static func ports(_ low: Int, _ high: Int) -> String { "\(low)" + (high == low ? "" : ":\(high)") }

    /// `wfc-docker`: connections Docker forwards to a published port (destination-NATed;
    /// the container's own outbound ones, to the other nodes' 5701 say, are not) pass on to
    /// Docker's chains when an opening admits them, and are dropped otherwise.
    /// With egress, the container's own connections (forwarded, not output) go to `wfc-output`
    /// (`-g`: its RETURN goes back to Docker's chains, past `wfc-docker`).
    private static func docker(_ openings: [Ruleset.Entry], published: [Int], egress: Bool) -> [String] {
        guard !published.isEmpty else { return [] }
        var lines = [
            "-A \(dockerChain) -m conntrack ! --ctstate DNAT " + (egress ? "-g \(outputChain)" : "-j RETURN"),
            "-A \(dockerChain) -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN"
        ]
        for e in openings {
            lines.append("-A \(dockerChain)\(source(e)) -p tcp -m conntrack --ctorigdstport \(ports(e)) -m comment --comment \"\(e.comment)\" -j RETURN")
        }
        for p in published {
            lines.append("-A \(dockerChain) -p tcp -m conntrack --ctorigdstport \(p) -m comment --comment \"published by Docker, not opened\" -j DROP")
        }
        return lines
    }
}
