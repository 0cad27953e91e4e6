import WFCLanguage
import WFCPlan

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
        Rule.shortLinkTCPCheck,
        Rule.accessPointPortsCheck,
        Rule.tlsLongLinkCheck,
        Rule.shortLinkPortNot80Check,
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
        Rule.egressBlocksPlanCheck,
        Rule.balancerSourcesRequiredCheck,
        Rule.serverAPIUnreachableCheck,
        Rule.unknownFirewallTargetCheck,
        Rule.sshLockoutCheck,
        Rule.unusedOpeningCheck,
        Rule.mediaServersRequired,
        Rule.callAddressesRequired,
        Rule.appServerPlacement,
        Rule.rtpRangeCheck,
        Rule.duplicateClientIDCheck,
        Rule.callsNeedHTTPSCheck,
        Rule.turnRequiredCheck,
        Rule.mediaAddressCheck,
        Rule.signalAddressCheck,
        Rule.uploadLimitCheck,
        Rule.rtpRangeLowCheck,
        Rule.turnRelayRangeCheck,
        Rule.builtinStorageClusterCheck
    ]

    /// The rules of the file's shape, found by the YAML composer and the decoder.
    static let structure: [Rule] = [
        Rule.yamlSyntax, Rule.duplicateKey, Rule.unknownKey, Rule.typeMismatch, Rule.missingKey, Rule.invalidValue, Rule.unsupportedYAML,
        Rule.importPlaceholder
    ]

    /// Found by `wfc build` alone: reading secrets (`Rule.Stage.build`), reading the IM config
    /// base (`Rule.Stage.imConfig`).
    public static let buildRules: [Rule] = [
        Rule.secretUnreadable, Rule.defaultSecret, Rule.adminCheckOff, Rule.droppedConfigLines,
        Rule.gatewayUpstreamMismatch, Rule.unmodelledNetworkKey
    ]

    /// A structural rule may also have a check on the plan (WFC006 for derived node ids);
    /// it is listed once.
    public static let rules: [Rule] =
        (structure + checks.map { $0.rule }.filter { r in !structure.contains { $0.code == r.code } }
        + buildRules).sorted { $0.code < $1.code }

    /// Findings another rule's finding explains, and where: a `to` that names no host (WFC503)
    /// leaves the openings of the host it meant unknown, and which host that is nobody can tell,
    /// so what WFC501, WFC504, WFC505 and WFC506 would say anywhere is its consequence; `https`
    /// without `web` (WFC403) is why the HTTPS settings are inert (WFC306): the keystores and the
    /// ports, and not, say, a `port_mapping` outside single mode. `within` gives the spans a
    /// consequence must lie in to be hidden (nil: anywhere).
    static let consequences: [(cause: Rule, hides: [Rule], within: (@Sendable (Topology) -> [Span])?)] = [
        (.unknownFirewallTarget, [.missingOpening, .sshLockout, .unusedOpening, .clusterPortClosed, .egressBlocksPlan], nil),
        (
            .httpsNeedsWeb, [.inertSetting],
            { t in
                [t.tls.located?.span, t.ports.located?.span].compactMap { $0 }
                    + t.nodeTLS.map { $0.span }
            }
        )
    ]

    /// Which rule owns a clash of two listeners on one port when WFC301 could report it too:
    /// two nodes' WS/WSS proxy ports on one number are WFC302's (it names every node and a free
    /// pair), two single-entry nodes' own ports on the gateway WFC304's (it names the node left
    /// without a port of its own), two ports of one access point WFC310's (it names the entry).
    /// Most clashes are owned on one host only; `acrossHosts` owns them between two hosts of
    /// one machine (a gateway on a node's host) too. An owner is asked with the purposes and
    /// the kind of the host the second listener is on. Declared here, once, for every rule
    /// that asks.
    static let portClashOwners: [(owner: Rule, acrossHosts: Bool, owns: @Sendable (Purpose, Purpose, HostKind.Family) -> Bool)] = [
        (.duplicateProxyPort, false, { a, b, _ in a.isWebSocketProxyPort && b.isWebSocketProxyPort }),
        (
            .sharedAddressPortCollision, false,
            { a, b, host in host == .gateway && a.isNodePortOnGateway && b.isNodePortOnGateway && a.upstreamNode != b.upstreamNode }
        ),
        (.accessPointPorts, false, { _, _, host in host == .accessPoint }),
        // HTTP left on the TCP short link's port (WFC309 says where HTTP must go).
        (.shortLinkTCP, false, { a, b, _ in Set([a, b]) == [.http, .shortLink] }),
        // The gateway's TCP short-link route and the short link of the node it runs on: the
        // node lacks a port of its own (WFC109 says so).
        (.gatewayHostUnknown, true, { a, b, _ in a == .shortLink && b == .shortLink })
    ]

    /// The rule that owns a clash of listeners with these purposes, on one host or between two
    /// hosts of one machine, the second on a host of this kind; nil for WFC301's own.
    static func owner(ofClash a: Purpose, _ b: Purpose, on host: HostKind.Family, onOneHost: Bool) -> Rule? {
        portClashOwners.first { (onOneHost || $0.acrossHosts) && $0.owns(a, b, host) }?.owner
    }

    /// One cause, one diagnostic: the consequences of a finding are left out (and so is any
    /// fix of theirs, which `--fix` would otherwise apply with the fix of the cause); the
    /// cause says which checks wait for it.
    static func withoutConsequences(_ diagnostics: [Diagnostic], in topology: Topology) -> [Diagnostic] {
        var out = diagnostics
        for (cause, hides, within) in consequences where diagnostics.contains(where: { $0.comes(from: cause) }) {
            let scopes = within?(topology)
            func isHidden(_ d: Diagnostic) -> Bool {
                hides.contains { d.comes(from: $0) }
                    && (scopes?.contains { $0.start.offset <= d.span.start.offset && d.span.end.offset <= $0.end.offset } ?? true)
            }
            let hidden = Set(out.lazy.filter(isHidden).map { $0.code })
            guard !hidden.isEmpty else { continue }
            out.removeAll(where: isHidden)
            let codes = hidden.sorted().map { $0.rawValue }
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
