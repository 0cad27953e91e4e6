import WFCLanguage
import WFCPlan

/// `nftables.nft`: one `inet` table for IPv4 and IPv6, replaced atomically by `nft -f`
/// (the file declares, deletes and re-creates `table inet wfc` in one transaction).
enum NftablesEmitter {
    static func render(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> String {
        var lines = [
            "#!/usr/sbin/nft -f",
            "# \(provenance.header)",
            "# Host `\(host.name)`: replaces the table inet wfc atomically.",
            "# Test first: \(NftablesUnit.test(path: NftablesUnit.file))",
            "",
            "table inet wfc",
            "delete table inet wfc",
            "",
            "table inet wfc {"
        ]
        lines += egress(rules)
        lines += [
            "    chain input {",
            "        type filter hook input priority filter; policy drop;",
            "        iif \"lo\" accept",
            "        ct state established,related accept",
            "        ct state invalid drop",
            "        meta l4proto icmp icmp type echo-request accept",
            "        meta l4proto ipv6-icmp icmpv6 type { echo-request, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept"
        ]
        var seen: Set<String> = []
        for e in (rules.ipv4 + rules.ipv6).sorted() {
            let rule = "        \(source(e))\(e.proto.rawValue) dport \(ports(e)) accept comment \"\(e.comment)\""
            if seen.insert(rule).inserted { lines.append(rule) }
        }
        lines.append("    }")
        if rules.closesOutbound {
            lines += [
                "",
                "    chain output {",
                "        type filter hook output priority filter; policy accept;",
                "        oif \"lo\" accept",
                "        jump egress",
                "    }"
            ]
        }
        lines += docker(rules)
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `ip saddr ADDRESS[/PREFIX] ` (or `ip6`), or nothing for an opening from anywhere.
    private static func source(_ e: Ruleset.Entry) -> String {
        e.source.map { match($0, "saddr") + " " } ?? ""
    }

    /// `ip saddr ADDRESS[/PREFIX]` or `ip6 daddr …`: the prefix only for a block.
    private static func match(_ r: AddressRange, _ field: String) -> String {
        "\(r.address.isIPv6 ? "ip6" : "ip") \(field) \(r.address)\(r.prefix == (r.address.isIPv6 ? 128 : 32) ? "" : "/\(r.prefix)")"
    }

    /// `firewall.egress`: where the host may connect to, for its own connections (`output`)
    /// and, with Docker, its containers' (`docker`). Answers to inbound connections and the
    /// neighbour discovery IPv6 needs pass; the rest is rejected, so that it fails at once.
    private static func egress(_ rules: Ruleset) -> [String] {
        guard let v4 = rules.egress4, let v6 = rules.egress6 else { return [] }
        var lines = [
            "    chain egress {",
            "        ct state established,related accept"
        ]
        for a in rules.answered((rules.ipv4 + rules.ipv6).sorted()) {
            lines.append("        \(a.proto.rawValue) sport \(ports(a)) accept comment \"answers from \(ports(a))\"")
        }
        lines += [
            "        meta l4proto ipv6-icmp icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert, mld2-listener-report } accept"
        ]
        for o in (v4 + v6).sorted() {
            let dport = o.ports.map { "\(o.proto.rawValue) dport \(ports($0.lower, $0.upper))" } ?? "meta l4proto \(o.proto.rawValue)"
            lines.append("        \(match(o.destination, "daddr")) \(dport) accept comment \"\(o.comment)\"")
        }
        lines += ["        reject", "    }", ""]
        return lines
    }

    /// An opening's port or range.
    private static func ports(_ e: Ruleset.Entry) -> String { ports(e.port, e.through) }

    /// A port, or a range as nft writes it: LOW-HIGH.
    private static func ports(_ low: Int, _ high: Int) -> String { "\(low)" + (high == low ? "" : "-\(high)") }

    /// Docker's published ports are forwarded past `input`: this chain runs on `forward`
    /// before the tables of iptables (Docker's, at priority `filter`) and drops connections
    /// Docker forwards to a published port (destination-NATed; the container's own outbound
    /// ones are not) unless an opening admits them. Its accept ends this chain only: Docker's
    /// own rules still decide.
    private static func docker(_ rules: Ruleset) -> [String] {
        guard !rules.published.isEmpty else { return [] }
        var lines = [
            "",
            "    chain docker {",
            "        type filter hook forward priority filter - 1; policy accept;",
            // With egress, the containers' own connections are held to it.
            "        ct status & dnat == 0 " + (rules.closesOutbound ? "jump egress" : "accept"),
            "        ct state established,related accept"
        ]
        var seen: Set<String> = []
        for e in (rules.publishedOpenings(rules.ipv4) + rules.publishedOpenings(rules.ipv6)).sorted() {
            let rule = "        \(source(e))meta l4proto tcp ct original proto-dst \(ports(e)) accept comment \"\(e.comment)\""
            if seen.insert(rule).inserted { lines.append(rule) }
        }
        let ports = rules.published.map(String.init).joined(separator: ", ")
        lines += [
            "        meta l4proto tcp ct original proto-dst { \(ports) } drop comment \"published by Docker, not opened\"",
            "    }"
        ]
        return lines
    }
}
