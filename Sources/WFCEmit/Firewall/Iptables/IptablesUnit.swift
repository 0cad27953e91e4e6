import WFCPlan

/// iptables as a firewall unit: `iptables.rules` and `ip6tables.rules` per host.
enum IptablesUnit: FirewallUnit {
    static let name = "iptables"
    static func artifacts(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> [Artifact] {
        // Both families always: a host without an IPv6 address in the topology may still
        // have one (SLAAC, a dual-stack cloud), and 18080 must not be open there.
        [
            Artifact(
                path: "\(host.folder)/\(file(ipv6: false))",
                contents: IptablesEmitter.render(host, rules: rules, ipv6: false, provenance: provenance)),
            Artifact(
                path: "\(host.folder)/\(file(ipv6: true))",
                contents: IptablesEmitter.render(host, rules: rules, ipv6: true, provenance: provenance))
        ]
    }

    static func file(ipv6: Bool) -> String { ipv6 ? "ip6tables.rules" : "iptables.rules" }
    static func tool(ipv6: Bool) -> String { ipv6 ? "ip6tables" : "iptables" }

    /// Checks a file without applying it; `path` is written as given (quoted by the caller).
    static func test(ipv6: Bool, path: String) -> String { "\(tool(ipv6: ipv6))-restore --test --noflush < \(path)" }
    static func apply(ipv6: Bool, path: String) -> String { "\(tool(ipv6: ipv6))-restore --noflush < \(path)" }

    static let files = [file(ipv6: false), file(ipv6: true)]

    static var helper: FirewallHelper {
        let both = [false, true]
        let chain = IptablesEmitter.chain, output = IptablesEmitter.outputChain
        return FirewallHelper(
            test: both.map { test(ipv6: $0, path: "\"$stage/\(file(ipv6: $0))\"") },
            save: both.map { "\(tool(ipv6: $0))-save > \"$state/\(file(ipv6: $0)).before\"" },
            apply: both.flatMap {
                [
                    apply(ipv6: $0, path: "\"$stage/\(file(ipv6: $0))\""), IptablesEmitter.hook(tool(ipv6: $0)),
                    IptablesEmitter.outputHook(tool(ipv6: $0)), IptablesEmitter.dockerHook(tool(ipv6: $0))
                ]
            },
            restore: both.map { "\(tool(ipv6: $0))-restore < \"$state/\(file(ipv6: $0)).before\"" },
            live: both.flatMap {
                [
                    "\(tool(ipv6: $0)) -C INPUT -j \(chain) 2>/dev/null && echo '\(tool(ipv6: $0)): INPUT -j \(chain)' || :",
                    "\(tool(ipv6: $0)) -C OUTPUT -j \(output) 2>/dev/null && echo '\(tool(ipv6: $0)): OUTPUT -j \(output)' || :",
                    "\(tool(ipv6: $0))-save -t filter | grep -E '^-A (\(chain)|\(output)) ' || :"
                ]
            },
            // What `netfilter-persistent save` (Debian, Ubuntu) and the iptables-services files
            // (RHEL family) hold: the whole filter state, Docker's and fail2ban's chains included.
            persist: [
                "umask 077",
                "if [ -f /etc/redhat-release ]; then dir=/etc/sysconfig v4=iptables v6=ip6tables loader=iptables-services; "
                    + "else dir=/etc/iptables v4=rules.v4 v6=rules.v6 loader=iptables-persistent; fi",
                "mkdir -p \"$dir\"",
                "iptables-save > \"$dir/$v4.wfc-new\" && mv \"$dir/$v4.wfc-new\" \"$dir/$v4\"",
                "ip6tables-save > \"$dir/$v6.wfc-new\" && mv \"$dir/$v6.wfc-new\" \"$dir/$v6\"",
                "if ! command -v netfilter-persistent >/dev/null 2>&1 && ! [ -f /usr/lib/systemd/system/iptables.service ]; then "
                    + "echo \"wfc-firewall: saved in $dir/$v4 and $dir/$v6, but nothing loads them at boot: install $loader\"; fi"
            ]
        )
    }

    static func applyStep(folder: String, egress: Bool) -> (item: String, lines: [String]) {
        let v4 = "\(folder)/\(file(ipv6: false))", v6 = "\(folder)/\(file(ipv6: true))"
        func hooks(_ tool: String) -> String {
            IptablesEmitter.hook(tool) + (egress ? "; \(IptablesEmitter.outputHook(tool))" : "")
        }
        return (
            "Apply the firewall for IPv4 and IPv6 with a timed rollback: the host restores the old rules in 2 minutes by itself, "
                + "even when this SSH session is gone (that is when it is needed), unless you confirm from a new SSH connection. "
                + "The files replace only wfc's chains `wfc-input` and `wfc-output` (`--noflush`), hooked once from INPUT"
                + (egress ? " and OUTPUT" : "") + ": Docker's and fail2ban's chains and the policies stay; applying again changes nothing:",
            [
                "   ```sh",
                "   \(test(ipv6: false, path: v4))",
                "   \(test(ipv6: true, path: v6))",
                "   iptables-save > /root/iptables.before && ip6tables-save > /root/ip6tables.before",
                "   touch /root/wfc-rollback.armed",
                "   setsid -f sh -c 'sleep 120; [ -e /root/wfc-rollback.armed ] && iptables-restore < /root/iptables.before && ip6tables-restore < /root/ip6tables.before' </dev/null >/dev/null 2>&1",
                "   \(apply(ipv6: false, path: v4)) && { \(hooks("iptables")); }",
                "   \(apply(ipv6: true, path: v6)) && { \(hooks("ip6tables")); }",
                "   ```",
                "   From a NEW ssh session (the old one stays up whatever the rules say), check that you get in; then keep the rules: `rm /root/wfc-rollback.armed`.",
                "   Make both survive a reboot. Debian or Ubuntu: `apt-get install iptables-persistent`, then `netfilter-persistent save` "
                    + "(writes `/etc/iptables/rules.v4` and `/etc/iptables/rules.v6`). RHEL, Rocky or Alma: `dnf install iptables-services`, "
                    + "`iptables-save > /etc/sysconfig/iptables && ip6tables-save > /etc/sysconfig/ip6tables`, `systemctl enable iptables ip6tables`."
            ]
        )
    }
}
