/// Every rule wfc knows, in code order. `wfc rules`, `wfc explain` and the example tests
/// read this list.
public enum Registry {
    /// The semantic checks, run on the plan of a topology that decoded cleanly.
    public static let checks: [Check] =
        Rule.modeChecks + Rule.addressChecks + Rule.portChecks + Rule.tlsChecks + Rule.firewallChecks

    public static let rules: [Rule] = Rule.structure + checks.map(\.rule)

    public static func rule(code: String) -> Rule? {
        let wanted = code.uppercased()
        return rules.first { $0.code == wanted || $0.name == code.lowercased() }
    }
}
