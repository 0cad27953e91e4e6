/// nftables as a firewall unit: one `nftables.nft` per host.
enum NftablesUnit: FirewallUnit {
    static let file = "nftables.nft"

    static func artifacts(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> [Artifact] {
        [Artifact(path: "\(host.folder)/\(file)", contents: NftablesEmitter.render(host, rules: rules, provenance: provenance))]
    }

    /// Checks a file without applying it; `path` is written as given (quoted by the caller).
    static func test(path: String) -> String { "nft -c -f \(path)" }

    static func applyStep(folder: String) -> (item: String, lines: [String]) {
        ("Apply the nftables table with a timed rollback (it deletes the table in 2 minutes unless you cancel it):",
         ["   ```sh",
          "   \(test(path: "\(folder)/\(file)"))",
          "   (sleep 120 && nft delete table inet wfc) & rollback=$!",
          "   nft -f \(folder)/\(file)",
          "   # from a NEW ssh session, check you still get in; then keep the rules:",
          "   kill $rollback",
          "   ```",
          "   Make it survive a reboot: include the file from `/etc/nftables.conf`."])
    }
}
