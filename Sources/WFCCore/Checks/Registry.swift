/// Every rule wfc knows, in code order. `wfc rules`, `wfc explain` and the example tests
/// read this list.
public enum Registry {
    /// The semantic checks, run on the plan of a topology that decoded cleanly.
    public static let checks: [Check] = [
        Rule.derivedNodeIDs,
        Rule.serviceReferences,
        Rule.singleNodeCountCheck,
        Rule.gatewayRequiredCheck,
        Rule.gatewayHostUnknownCheck,
        Rule.gatewayUnusedCheck,
        Rule.publicAddressRequiredCheck,
        Rule.publicAddressForbiddenCheck,
        Rule.privateAddressRequiredCheck,
        Rule.duplicateNodeCheck,
        Rule.communityLimitsCheck,
        Rule.serverIPMismatchCheck,
        Rule.unreachableAddressCheck,
        Rule.authorizedAddressMismatchCheck,
        Rule.portConflictCheck,
        Rule.duplicateProxyPortCheck,
        Rule.sourcePortsExhaustedCheck,
        Rule.proxyPortsRequiredCheck,
        Rule.sharedAddressPortCollisionCheck,
        Rule.httpPortNot80Check,
        Rule.inertSettingCheck,
        Rule.portMappingMismatchCheck,
        Rule.jksRequiredCheck,
        Rule.nodeKeystoreRequiredCheck,
        Rule.certificateRequiredCheck,
        Rule.httpsOnIPCheck,
        Rule.httpsNeedsWebCheck,
        Rule.plaintextSecretCheck,
        Rule.relativePathCheck,
        Rule.missingOpeningCheck,
        Rule.internalPortExposedCheck,
        Rule.clusterPortClosedCheck,
        Rule.balancerSourcesRequiredCheck,
        Rule.serverAPIUnreachableCheck,
        Rule.unknownFirewallTargetCheck,
        Rule.sshLockoutCheck,
        Rule.unusedOpeningCheck
    ]

    /// The rules of the file's shape, found by the YAML composer and the decoder.
    static let structure: [Rule] = [
        Rule.yamlSyntax, Rule.duplicateKey, Rule.unknownKey, Rule.typeMismatch, Rule.missingKey, Rule.invalidValue, Rule.unsupportedYAML
    ]

    /// A structural rule may also have a check on the plan (WFC006 for derived node ids);
    /// it is listed once.
    /// Found by `wfc build` alone (`Rule.Stage.build`).
    public static let buildRules: [Rule] = [Rule.secretUnreadable]

    public static let rules: [Rule] =
        (structure + checks.map(\.rule).filter { r in !structure.contains { $0.code == r.code } }
        + buildRules).sorted { $0.code < $1.code }

    public static func rule(code: String) -> Rule? {
        let wanted = code.uppercased()
        return rules.first { $0.code == wanted || $0.name == code.lowercased() }
    }
}
