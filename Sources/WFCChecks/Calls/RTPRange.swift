import WFCLanguage
import WFCPlan

extension Rule {
    public static let rtpRange = Rule(
        code: "WFC601", name: "rtp-range", severity: .error,
        summary: "a media server's `rtp_ports` under 5,000 ports",
        explanation: """
            Every client in a call sends and receives its media on ports of the media \
            server's RTP range (UDP): each stream of each participant takes ports there. The \
            vendor's media server asks for at least 5,000 ports (its default is 20000-40000, \
            and none above 65535): a smaller range runs out in a busy hour, and conferences \
            then fail to connect while others go on.
            """,
        failing: [
            mediaExample("rtp_ports: ↓20000-20999")
        ],
        passing: [
            mediaExample("rtp_ports: 20000-40000")
        ])

    public static let rtpRangeLow = Rule(
        code: "WFC608", name: "rtp-range-low", severity: .warning,
        summary: "a media server's `rtp_ports` starting at or below 10,000 (the vendor recommends above)",
        explanation: """
            The vendor's media server recommends an RTP range whose lowest port is above \
            10,000. The ports below are where other services listen (the IM server's own, \
            8083-8084, 5701, 18080, databases and consoles) and where the kernel hands out \
            ports for outgoing connections on some systems: a range reaching down there \
            collides with them, and the firewall opens them to the world over UDP.
            """,
        failing: [
            mediaExample("rtp_ports: ↓5000-15000")
        ],
        passing: [
            mediaExample()
        ])

    /// The vendor's floor (`wf-janus` README): at least 5,000 ports, lowest above 10,000.
    static let rtpFloor = 5_000
    static let rtpLowest = 10_000

    static let rtpRangeCheck = Check(rtpRange) { c in
        (c.plan.calls?.mediaServers ?? []).compactMap { m in
            guard let written = m.rtpWritten, written.value.count < rtpFloor else { return nil }
            let count = written.value.count
            return rtpRange.diagnostic(
                "the RTP range of `\(m.name.value)` has \(count) port\(count == 1 ? "" : "s"), under the 5,000 the vendor asks for",
                at: written.span, label: "\(count) UDP port\(count == 1 ? "" : "s") for every stream of every call",
                helps: ["use the vendor's default, 20000-40000, and open it over UDP"],
                fixes: [.replace(written.span, with: Defaults.rtpPorts.description, "use 20000-40000", .unsafe)])
        }
    }

    static let rtpRangeLowCheck = Check(rtpRangeLow) { c in
        (c.plan.calls?.mediaServers ?? []).compactMap { m in
            guard let written = m.rtpWritten, written.value.lower <= rtpLowest else { return nil }
            return rtpRangeLow.diagnostic(
                "the RTP range of `\(m.name.value)` starts at \(m.rtpPorts.lower), at or below the 10,000 the vendor recommends staying above",
                at: written.span, label: "reaches down to \(m.rtpPorts.lower)",
                notes: ["the firewall opens the whole range to everyone over UDP"],
                helps: ["start it above 10,000, as the vendor's default 20000-40000 does"])
        }
    }
}
