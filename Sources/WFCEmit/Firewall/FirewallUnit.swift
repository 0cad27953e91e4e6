import WFCLanguage
import WFCPlan

/// A firewall backend as one unit: the files it writes for a host, and the steps that test
/// and apply them, which the files' headers, CHECKLIST.md and the rollout all read from here.
/// Adding a backend is one folder, one `FirewallBackend` case and one line in `units(for:)`.
protocol FirewallUnit {
    /// How the rollout names it (`wfc_firewall_tool`, the helper's first argument).
    static var name: String { get }
    /// The host's rule files, under its folder.
    static func artifacts(_ host: HostPlan, rules: Ruleset, provenance: Provenance) -> [Artifact]
    /// CHECKLIST.md's step for a host: the item's text, then its lines (a code block, notes).
    /// `folder` is the host's folder, already quoted for the shell.
    static func applyStep(folder: String) -> (item: String, lines: [String])
    /// Its files under a host's folder.
    static var files: [String] { get }
    /// The rollout's helper (`wfc-firewall`): shell lines that check the files in "$stage",
    /// save the live rules in "$state", apply the staged files, and restore the saved rules.
    static var helper: (test: [String], save: [String], apply: [String], restore: [String]) { get }
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
