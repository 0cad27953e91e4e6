import WFCLanguage
import WFCPlan

extension Rule {
    public static let missingOpening = Rule(
        code: "WFC501", name: "missing-opening", severity: .error,
        summary: "a declared firewall lacks a port this host needs",
        explanation: """
            A declared `firewall.allow` is the whole truth: whatever it does not open is \
            closed. Every port a client (or, behind a gateway, the gateway) dials must be \
            in it: for example HTTPS web clients in single mode need 443 and 8084 besides \
            80 and 1883. One diagnostic per host names every missing port, and the fix adds \
            them to that host's rule.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            firewall:
              allow:
                - to: all
                  ports: ↓[22, 80]
            """
        ],
        passing: [declaredSingle])

    static let missingOpeningCheck = Check(missingOpening) { c in missingOpenings(c) }

    private static func missingOpenings(_ c: CheckContext) -> [Diagnostic] {
        guard let allow = c.topology.firewall.value?.allow.located else { return [] }
        let rules = allow.value.map { $0.value }
        // Hosts that lack the same openings for the same reason (every node of `to: nodes`,
        // say) share one diagnostic that names them all.
        var groups: [Span?: Int] = [:]
        var found: [(hosts: [String], key: String, diagnostic: Diagnostic)] = []
        for (hostIndex, host) in c.plan.hosts.enumerated() {
            // "From the gateway" is from its address on the network it shares with this host
            // (or an external balancer's source ranges).
            let gateway = host.gatewaySources
            // Single ports by protocol and number; ranges (few) in lists of their own: a port
            // is a protocol and a number (TURN's 3478 over TCP and over UDP are two openings).
            var declared: [BoundPort: [Opening]] = [:]
            var ranges: [TransportProtocol: [Opening]] = [:]
            // With a declared firewall, `server_api_from` is a promise too: the admin port open
            // on every node to those callers.
            let required = c.plan.flows(into: host).filter { $0.isRequired || $0.purpose == .admin }
            /// The sources a declared opening must admit for a flow; nil: any opening will do.
            func needed(_ r: Flow) -> [AddressRange]? { r.purpose == .admin ? r.sources : r.isFromGateway ? gateway : nil }
            for o in host.declared ?? [] {
                if o.port == o.through {
                    declared[BoundPort(proto: o.proto, number: o.port), default: []].append(o)
                } else {
                    ranges[o.proto, default: []].append(o)
                }
            }
            var missing: [Flow] = []
            var seen = Set<BoundPort>()
            for r in required where seen.insert(BoundPort(proto: r.proto, number: r.port.value)).inserted {
                // A range (a TURN relay's) is open when one declared range holds all of it.
                let port = r.port.value, last = r.through ?? port
                let candidates =
                    (port == last ? declared[BoundPort(proto: r.proto, number: port)] ?? [] : [])
                    + (ranges[r.proto] ?? []).filter { $0.port <= port && last <= $0.through }
                let satisfied = candidates.contains { o in
                    guard let sources = o.sources, let need = needed(r) else { return true }
                    return Self.admits(sources, need)
                }
                if !satisfied { missing.append(r) }
            }
            guard !missing.isEmpty else { continue }
            missing.sort { ($0.port.value, $0.proto.rawValue) < ($1.port.value, $1.proto.rawValue) }
            // As a `ports` list writes them; UDP named as such in the messages.
            let ports = missing.map { r in r.through.map { "\(r.port.value)-\($0)" } ?? String(r.port.value) }
            let shown = zip(missing, ports).map { r, p in r.proto == .tcp ? p : "\(p)/\(r.proto.rawValue)" }
            func from(_ r: Flow) -> String {
                r.purpose == .admin ? " from " + (r.sources ?? []).map { $0.description }.joined(separator: ", ") : r.isFromGateway ? " from the gateway" : ""
            }
            let named = zip(missing, shown).map { r, p in "\(p) (\(r.purpose.summary)\(from(r)))" }
            // A fix extends one rule of the right protocol that admits the right sources for
            // every missing port.
            let needs = Set(missing.map { needed($0)?.map { $0.description } })
            let need = missing.first.flatMap(needed)
            let needText = need.map { $0.map { $0.description }.joined(separator: ", ") } ?? ""
            let protocols = Set(missing.map { $0.proto })
            let target =
                needs.count == 1 && protocols.count == 1
                ? fixTarget(for: hostIndex, plan: c.plan, rules: rules, proto: missing[0].proto, sources: need) : nil
            let fix = target.flatMap { addPorts(ports, to: $0, in: c.source) }
            // Without one, point at a rule that opens a missing port to the wrong sources.
            let narrow = missing.lazy.compactMap { declared[BoundPort(proto: $0.proto, number: $0.port.value)]?.first }.first
                .flatMap { $0.rule }.flatMap { rules[$0]?.from.located }
            let tooNarrow = target == nil && needs.count == 1 && need != nil ? narrow : nil
            let whom = missing.first?.purpose == .admin ? "the Server API callers" : "the gateway"
            let at = target?.span ?? tooNarrow?.span ?? allow.keySpan ?? allow.span
            let key = named.joined(separator: ", ")
            // Only one group per place: each `ports` list carries at most one fix.
            if let g = groups[at], found[g].key == key {
                found[g].hosts.append(host.name)
                continue
            }
            groups[at] = found.count
            found.append(
                (
                    [host.name], key,
                    missingOpening.diagnostic(
                        list(shown), at: at,
                        notes: tooNarrow != nil
                            ? ["this `from` does not admit \(whom) (\(needText))"] : [],
                        helps: [
                            fix != nil
                                ? "add \(list(ports)) to this list"
                                : missing.allSatisfy({ $0.purpose == .admin }) && need != nil
                                    ? "add `- {to: nodes, ports: [\(ports.joined(separator: ", "))], from: [\(needText)]}`"
                                    : protocols == [.udp]
                                        ? "add a rule with `protocol: udp` opening \(list(ports)) there"
                                        : "add a rule opening \(list(shown)) there"
                        ],
                        fixes: fix.map { [$0] } ?? [])
                ))
        }
        return found.map { hosts, key, diagnostic in
            var d = diagnostic
            let names = list(hosts.map(backticked))
            d.message =
                hosts.count == 1
                ? "the firewall of \(names) does not open \(d.message)"
                : "the firewalls of \(names) do not open \(d.message)"
            d.label = "\(hosts.count == 1 ? names : "each") needs \(key)"
            return d
        }
    }

    /// The `ports` list a fix extends for a host: a rule of `proto` admitting `sources` (the gateway,
    /// the Server API callers; nil: public ports, from anyone) that names the host itself,
    /// else `gateway`/`nodes`, else `all`.
    private static func fixTarget(
        for hostIndex: Int, plan: Plan, rules: [AllowRule?], proto: TransportProtocol, sources gateway: [AddressRange]?
    ) -> Located<[Field<PortRange>]>? {
        var best: (Int, Located<[Field<PortRange>]>)?
        for rule in rules.compactMap({ $0 }) {
            guard (rule.protocol.value ?? Defaults.transport) == proto, let ports = rule.ports.located else { continue }
            switch rule.from.value {
            case .ranges(let ranges)?:
                guard let gateway, admits(ranges.compactMap { $0.value }, gateway) else { continue }
            case .any?, nil:
                guard gateway == nil else { continue }
            }
            for target in (rule.to.value ?? []).compactMap({ $0.value }).map(FirewallTarget.init) where plan.ruleHostIndexes(target).contains(hostIndex) {
                let rank = target.breadth
                if best == nil || rank < best?.0 ?? 3 { best = (rank, ports) }
            }
        }
        return best?.1
    }

    /// Whether declared sources admit every range the gateway's connections come from.
    private static func admits(_ sources: [AddressRange], _ gateway: [AddressRange]) -> Bool {
        gateway.allSatisfy { g in sources.contains { $0.covers(g) } }
    }
}
