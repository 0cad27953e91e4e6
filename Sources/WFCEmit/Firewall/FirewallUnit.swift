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
    /// `folder` is the host's folder, already quoted for the shell; `egress`: the host's
    /// outbound traffic is closed but for `firewall.egress`.
    static func applyStep(folder: String, egress: Bool) -> (item: String, lines: [String])
    /// Its files under a host's folder.
    static var files: [String] { get }
    /// The rollout's helper (`wfc-firewall`): what this backend does at each of its steps.
    static var helper: FirewallHelper { get }
}

/// Shell lines of the rollout's helper for one backend. Each list runs in order, joined by `;`,
/// with `$stage` (the staged files) and `$state` (wfc's folder on the host) set.
struct FirewallHelper {
    /// Check the staged files, applying nothing.
    var test: [String]
    /// Save the live rules in "$state".
    var save: [String]
    /// Apply the staged files.
    var apply: [String]
    /// Restore the saved rules.
    var restore: [String]
    /// Print wfc's live rules in the tool's own spelling, so that a rollout sees rules lost
    /// since it last applied them (a reboot, a flush, a restarted firewalld), not only a
    /// changed build.
    var live: [String]
    /// Keep what is live across a reboot, where the distribution loads it at boot (as the
    /// checklist's persistence step does); say on standard output when nothing would load it.
    var persist: [String]
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
