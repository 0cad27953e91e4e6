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
            "table inet wfc {",
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
            var rule = "        "
            if let s = e.source {
                rule += "\(s.address.isIPv6 ? "ip6" : "ip") saddr \(s.address)\(s.prefix == (s.address.isIPv6 ? 128 : 32) ? "" : "/\(s.prefix)") "
            }
            rule += "\(e.proto.rawValue) dport \(e.port)\(e.through == e.port ? "" : "-\(e.through)") accept comment \"\(e.comment)\""
            if seen.insert(rule).inserted { lines.append(rule) }
        }
        lines += ["    }", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
