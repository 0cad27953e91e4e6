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

    /// Where the rollout keeps the live table for the boot, included from the distribution's
    /// nftables configuration.
    static let persistedFolder = "/etc/wfc", persisted = "\(persistedFolder)/\(file)"

    /// Without a table of its own before, the rollback deletes wfc's and restores nothing.
    static var helper: FirewallHelper {
        let include = "include \"\(persisted)\""
        return FirewallHelper(
            test: [test(path: "\"$stage/\(file)\"")],
            save: ["nft list table inet wfc > \"$state/\(file).before\" 2>/dev/null || : > \"$state/\(file).before\""],
            apply: ["nft -f \"$stage/\(file)\""],
            restore: ["nft delete table inet wfc 2>/dev/null || :", "if [ -s \"$state/\(file).before\" ]; then nft -f \"$state/\(file).before\"; fi"],
            // Stateless: counters would differ on every run.
            live: ["nft -s list table inet wfc 2>/dev/null || :"],
            // The live table, replacing itself when loaded (none when there is none live), included
            // once from the file the distribution's nftables service loads at boot.
            persist: [
                "umask 077",
                "mkdir -p \(persistedFolder)",
                "{ printf 'table inet wfc\\ndelete table inet wfc\\n'; nft -s list table inet wfc 2>/dev/null || :; } > \(persisted).wfc-new",
                "mv \(persisted).wfc-new \(persisted)",
                "if [ -f /etc/redhat-release ]; then conf=/etc/sysconfig/nftables.conf; else conf=/etc/nftables.conf; fi",
                "if [ -f \"$conf\" ]; then grep -qxF \(Shell.quote(include)) \"$conf\" || printf '\\n%s\\n' \(Shell.quote(include)) >> \"$conf\"; "
                    + "else echo \"wfc-firewall: saved in \(persisted), but $conf, which the nftables service loads at boot, is missing: install nftables\"; fi",
                "if command -v systemctl >/dev/null 2>&1 && ! systemctl enable --quiet nftables 2>/dev/null; then "
                    + "echo 'wfc-firewall: the nftables service could not be enabled (systemctl enable nftables): the table is not loaded at boot'; fi"
            ]
        )
    }

    static func applyStep(folder: String, egress: Bool) -> (item: String, lines: [String]) {
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
