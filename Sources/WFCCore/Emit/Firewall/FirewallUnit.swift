/// A firewall backend as one unit: the files it writes for a host, and the steps that test
/// and apply them, which the files' headers, CHECKLIST.md and the rollout all read from here.
/// Adding a backend is one folder, one `FirewallBackend` case and one line in `units(for:)`.
protocol FirewallUnit {
    /// The host's rule files, under its folder.
    static func artifacts(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> [Artifact]
    /// CHECKLIST.md's step for a host: the item's text, then its lines (a code block, notes).
    /// `folder` is the host's folder, already quoted for the shell.
    static func applyStep(folder: String) -> (item: String, lines: [String])
}

enum FirewallUnits {
    /// The units a `firewall.backend` writes, in the order the checklist gives their steps.
    static func units(for backend: FirewallBackend) -> [any FirewallUnit.Type] {
        switch backend {
        case .iptables: [IptablesUnit.self]
        case .nftables: [NftablesUnit.self]
        case .both: [IptablesUnit.self, NftablesUnit.self]
        case .none: []
        }
    }
}
