import WFCLanguage

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

    /// Found by `wfc build` alone (`Rule.Stage.build`).
    public static let buildRules: [Rule] = [Rule.secretUnreadable]

    /// A structural rule may also have a check on the plan (WFC006 for derived node ids);
    /// it is listed once.
    public static let rules: [Rule] =
        (structure + checks.map(\.rule).filter { r in !structure.contains { $0.code == r.code } }
        + buildRules).sorted { $0.code < $1.code }

    /// Findings another rule's finding explains: a `to` that names no host (WFC503) leaves its
    /// host's openings unknown, so what WFC501, WFC504, WFC505 and WFC506 would say there is its
    /// consequence; `https` without `web` (WFC403) is why a keystore is inert (WFC306).
    static let consequences: [(cause: Rule, hides: [Rule])] = [
        (.unknownFirewallTarget, [.missingOpening, .sshLockout, .unusedOpening, .clusterPortClosed]),
        (.httpsNeedsWeb, [.inertSetting])
    ]

    /// One cause, one diagnostic: the consequences of a finding are left out (and so is any
    /// fix of theirs, which `--fix` would otherwise apply with the fix of the cause); the
    /// cause says which checks wait for it.
    static func withoutConsequences(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var out = diagnostics
        for (cause, hides) in consequences where diagnostics.contains(where: { $0.comes(from: cause) }) {
            let hidden = Set(out.lazy.filter { d in hides.contains { d.comes(from: $0) } }.map(\.code))
            guard !hidden.isEmpty else { continue }
            out.removeAll { hidden.contains($0.code) }
            let codes = hidden.sorted().map(\.rawValue)
            for i in out.indices where out[i].comes(from: cause) {
                out[i].notes.append(
                    "\(list(codes)) wait\(codes.count == 1 ? "s" : "") until this is fixed: \(codes.count == 1 ? "its" : "their") findings would follow from it"
                )
            }
        }
        return out
    }

    public static func rule(_ id: RuleID) -> Rule? { rules.first { $0.code == id } }

    /// The rule a user named, by code (any case) or by name: `wfc explain wfc302`.
    public static func rule(code: String) -> Rule? {
        let wanted = code.uppercased()
        return rules.first { $0.code.rawValue == wanted || $0.name == code.lowercased() }
    }
}
