/// Every rule wfc knows, in code order. `wfc rules`, `wfc explain` and the example tests
/// read this list.
public enum Registry {
    /// The semantic checks, run on the plan of a topology that decoded cleanly.
    public static let checks: [Check] =
        [Rule.derivedNodeIDs, Rule.serviceReferences] + Rule.modeChecks + Rule.addressChecks + Rule.portChecks + Rule.tlsChecks + Rule.firewallChecks

    /// A structural rule may also have a check on the plan (WFC006 for derived node ids);
    /// it is listed once.
    /// Found by `wfc build` alone (`Rule.Stage.build`).
    public static let buildRules: [Rule] = [Rule.secretUnreadable]

    public static let rules: [Rule] =
        (Rule.structure + checks.map(\.rule).filter { r in !Rule.structure.contains { $0.code == r.code } }
        + buildRules).sorted { $0.code < $1.code }

    public static func rule(code: String) -> Rule? {
        let wanted = code.uppercased()
        return rules.first { $0.code == wanted || $0.name == code.lowercased() }
    }
}
