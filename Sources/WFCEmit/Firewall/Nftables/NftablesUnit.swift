import WFCLanguage
import WFCPlan

/// nftables as a firewall unit: one `nftables.nft` per host.
enum NftablesUnit: FirewallUnit {
    static let name = "nftables"
    static let file = "nftables.nft"

    static func artifacts(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> [Artifact] {
        [Artifact(path: "\(host.folder)/\(file)", contents: NftablesEmitter.render(host, rules: rules, provenance: provenance))]
    }

    /// Checks a file without applying it; `path` is written as given (quoted by the caller).
    static func test(path: String) -> String { "nft -c -f \(path)" }

    static let files = [file]

    /// Without a table of its own before, the rollback deletes wfc's and restores nothing.
    static var helper: (test: [String], save: [String], apply: [String], restore: [String]) {
        (
            [test(path: "\"$stage/\(file)\"")],
            ["nft list table inet wfc > \"$state/\(file).before\" 2>/dev/null || : > \"$state/\(file).before\""],
            ["nft -f \"$stage/\(file)\""],
            ["nft delete table inet wfc 2>/dev/null || :", "if [ -s \"$state/\(file).before\" ]; then nft -f \"$state/\(file).before\"; fi"]
        )
    }

    static func applyStep(folder: String) -> (item: String, lines: [String]) {
        (
            "Apply the nftables table with a timed rollback: the host deletes the table in 2 minutes by itself, even when this SSH session is gone, "
                + "unless you confirm from a new SSH connection:",
            [
                "   ```sh",
                "   \(test(path: "\(folder)/\(file)"))",
                "   touch /root/wfc-rollback.armed",
                "   setsid -f sh -c 'sleep 120; [ -e /root/wfc-rollback.armed ] && nft delete table inet wfc' </dev/null >/dev/null 2>&1",
                "   nft -f \(folder)/\(file)",
                "   ```",
                "   From a NEW ssh session (the old one stays up whatever the rules say), check that you get in; then keep the rules: `rm /root/wfc-rollback.armed`.",
                "   Make it survive a reboot: include the file from `/etc/nftables.conf` (Debian or Ubuntu) or `/etc/sysconfig/nftables.conf` "
                    + "(RHEL, Rocky or Alma), then `systemctl enable nftables`."
            ]
        )
    }
}
