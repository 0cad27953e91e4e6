/// iptables as a firewall unit: `iptables.rules` and `ip6tables.rules` per host.
enum IptablesUnit: FirewallUnit {
    static func artifacts(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> [Artifact] {
        // Both families always: a host without an IPv6 address in the topology may still
        // have one (SLAAC, a dual-stack cloud), and 18080 must not be open there.
        [Artifact(path: "\(host.folder)/\(file(ipv6: false))",
                  contents: IptablesEmitter.render(host, rules: rules, ipv6: false, provenance: provenance)),
         Artifact(path: "\(host.folder)/\(file(ipv6: true))",
                  contents: IptablesEmitter.render(host, rules: rules, ipv6: true, provenance: provenance))]
    }

    static func file(ipv6: Bool) -> String { ipv6 ? "ip6tables.rules" : "iptables.rules" }
    static func tool(ipv6: Bool) -> String { ipv6 ? "ip6tables" : "iptables" }

    /// Checks a file without applying it; `path` is written as given (quoted by the caller).
    static func test(ipv6: Bool, path: String) -> String { "\(tool(ipv6: ipv6))-restore --test --noflush < \(path)" }
    static func apply(ipv6: Bool, path: String) -> String { "\(tool(ipv6: ipv6))-restore --noflush < \(path)" }

    static func applyStep(folder: String) -> (item: String, lines: [String]) {
        let v4 = "\(folder)/\(file(ipv6: false))", v6 = "\(folder)/\(file(ipv6: true))"
        return ("Apply the firewall for IPv4 and IPv6 with a timed rollback (the old rules come back in 2 minutes unless you cancel it). "
                + "The files replace only wfc's chain `wfc-input` (`--noflush`), hooked once from INPUT: Docker's and fail2ban's chains and the policies stay; applying again changes nothing:",
                ["   ```sh",
                 "   \(test(ipv6: false, path: v4))",
                 "   \(test(ipv6: true, path: v6))",
                 "   iptables-save > /root/iptables.before && ip6tables-save > /root/ip6tables.before",
                 "   (sleep 120 && iptables-restore < /root/iptables.before && ip6tables-restore < /root/ip6tables.before) & rollback=$!",
                 "   \(apply(ipv6: false, path: v4)) && { \(IptablesEmitter.hook("iptables")); }",
                 "   \(apply(ipv6: true, path: v6)) && { \(IptablesEmitter.hook("ip6tables")); }",
                 "   # from a NEW ssh session, check you still get in; then keep the rules:",
                 "   kill $rollback",
                 "   ```",
                 "   Make both survive a reboot: `apt-get install iptables-persistent`, then `netfilter-persistent save` "
                    + "(writes `/etc/iptables/rules.v4` and `/etc/iptables/rules.v6`)."])
    }
}
