import WFCLanguage
import WFCPlan

/// A host's firewall openings in the order and shape both backends write them: sorted by
/// port, protocol and source, duplicates removed, and split by address family.
struct Ruleset {
    struct Entry: Hashable, Comparable {
        var port: Int
        /// The last port of a range; `port` for a single one.
        var through: Int
        var proto: TransportProtocol
        /// nil: from anywhere.
        var source: AddressRange?
        var comment: String

        static func < (a: Entry, b: Entry) -> Bool {
            (a.port, a.through, a.proto.rawValue, a.source?.description ?? "") < (b.port, b.through, b.proto.rawValue, b.source?.description ?? "")
        }
    }

    /// One outbound permission to one destination range.
    struct Outbound: Hashable, Comparable {
        var destination: AddressRange
        /// nil: every port.
        var ports: PortRange?
        var proto: TransportProtocol
        var comment: String

        static func < (a: Outbound, b: Outbound) -> Bool {
            (a.proto.rawValue, a.ports?.lower ?? 0, a.ports?.upper ?? 0, a.destination.description)
                < (b.proto.rawValue, b.ports?.lower ?? 0, b.ports?.upper ?? 0, b.destination.description)
        }
    }

    var ipv4: [Entry]
    var ipv6: [Entry]
    /// Where the host may connect to, when `firewall.egress` closes the rest; nil: open.
    var egress4: [Outbound]? = nil
    var egress6: [Outbound]? = nil
    /// A node whose IM server runs in Docker with its ports published: those ports, which
    /// Docker forwards past INPUT, so that the `DOCKER-USER` filter (`wfc-docker`) drops
    /// what the openings do not admit. Empty otherwise.
    var published: [Int] = []

    /// The openings of the published ports, in `family`'s entries.
    func publishedOpenings(_ entries: [Entry]) -> [Entry] {
        entries.filter { e in e.proto == .tcp && published.contains { e.port <= $0 && $0 <= e.through } }
    }

    init(_ host: HostPlan, plan: Plan, provenance: Provenance) {
        var v4: [Entry] = [], v6: [Entry] = []
        for o in host.openings {
            let comment: String
            if let rule = o.rule, let span = o.span {
                comment = "firewall.allow[\(rule)] \(provenance.line(span))"
            } else {
                comment = o.purpose?.summary ?? "opening"
            }
            if let sources = o.sources {
                for s in sources {
                    let e = Entry(port: o.port, through: o.through, proto: o.proto, source: s, comment: comment)
                    if s.address.isIPv6 { v6.append(e) } else { v4.append(e) }
                }
            } else {
                v4.append(Entry(port: o.port, through: o.through, proto: o.proto, source: nil, comment: comment))
                v6.append(Entry(port: o.port, through: o.through, proto: o.proto, source: nil, comment: comment))
            }
        }
        ipv4 = Ruleset.normalized(v4)
        ipv6 = Ruleset.normalized(v6)
        if let egress = host.egress {
            var out4: [Outbound] = [], out6: [Outbound] = []
            for e in egress {
                let comment: String
                if let rule = e.rule, let span = e.span {
                    comment = "firewall.egress[\(rule)] \(provenance.line(span))"
                } else {
                    comment = e.purpose?.summary ?? "outbound"
                }
                for d in e.destinations {
                    let o = Outbound(destination: d, ports: e.ports, proto: e.proto, comment: comment)
                    if d.address.isIPv6 { out6.append(o) } else { out4.append(o) }
                }
            }
            egress4 = Ruleset.normalized(out4)
            egress6 = Ruleset.normalized(out6)
        }
        if case .node(let n) = host.kind, plan.nodes[n.index].docker == .published {
            published = plan.imServerPorts(of: host).map { $0.port }
        }
    }

    /// `firewall.egress` closes the host's outbound traffic (both families or neither).
    var closesOutbound: Bool { egress4 != nil }

    /// The outbound permissions of one family; nil when outbound is open.
    func egress(ipv6: Bool) -> [Outbound]? { ipv6 ? egress6 : egress4 }

    /// With egress, the ports the host answers on, each once: its openings, from anywhere.
    /// Answers pass as `ESTABLISHED`, except on a connection that was open before conntrack
    /// tracked it (the rules' first load; an SSH session, a client's long connection): its
    /// first packet seen is the host's own, counted as `NEW`, and would be refused without these.
    func answered(_ entries: [Entry]) -> [Entry] {
        Ruleset.unique(entries.map { e in Entry(port: e.port, through: e.through, proto: e.proto, source: nil, comment: "") }) {
            "\($0.port)-\($0.through)/\($0.proto.rawValue)"
        }
    }

    /// Sorted; of two entries for the same port, protocol and source the first comment stays.
    private static func normalized(_ entries: [Entry]) -> [Entry] {
        unique(entries.sorted()) { "\($0.port)-\($0.through)/\($0.proto.rawValue)/\($0.source?.description ?? "")" }
    }

    /// Sorted; of two permissions for the same destination, ports and protocol the first
    /// comment stays.
    private static func normalized(_ entries: [Outbound]) -> [Outbound] {
        unique(entries.sorted()) { "\($0.ports?.description ?? "*")/\($0.proto.rawValue)/\($0.destination.description)" }
    }

    /// The first of each key, in order.
    private static func unique<T>(_ items: [T], by key: (T) -> String) -> [T] {
        var seen: Set<String> = []
        return items.filter { seen.insert(key($0)).inserted }
    }
}
