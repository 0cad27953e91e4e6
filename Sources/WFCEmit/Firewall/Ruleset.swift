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

    var ipv4: [Entry]
    var ipv6: [Entry]
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
        if case .node(let n) = host.kind, plan.nodes[n.index].docker == .published {
            published = plan.imServerPorts(of: host).map(\.port)
        }
    }

    /// Sorted; of two entries for the same port, protocol and source the first comment stays.
    private static func normalized(_ entries: [Entry]) -> [Entry] {
        var seen: Set<String> = []
        return entries.sorted().filter { e in
            seen.insert("\(e.port)-\(e.through)/\(e.proto.rawValue)/\(e.source?.description ?? "")").inserted
        }
    }
}
