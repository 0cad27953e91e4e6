import WFCLanguage
import WFCPlan

extension Rule {
    public static let turnRelayRange = Rule(
        code: "WFC609", name: "turn-relay-range", severity: .error,
        summary: "a TURN server's `relay_ports` under 10,000 ports",
        explanation: """
            A TURN server relays each call on ports of its relay range (UDP): a video call \
            takes at least 4, one for each stream of each peer, and a port stays taken for \
            the allocation's lifetime. The vendor's launch checklist asks for a range of at \
            least 10,000 ports; the vendor's example is coturn's own, 49152-65535. A smaller \
            range runs out under load, and calls then fail to connect while others go on.
            """,
        failing: [
            turnExample("relay_ports: ↓40000-40100")
        ],
        passing: [
            turnExample("relay_ports: 40000-49999")
        ])

    /// The vendor's launch checklist (`md/blogs/上线检查事项.md`).
    static let turnRelayFloor = 10_000

    static let turnRelayRangeCheck = Check(turnRelayRange) { c in
        (c.plan.calls?.turn ?? []).compactMap { t in
            guard let written = t.relayWritten, written.value.count < turnRelayFloor else { return nil }
            let count = written.value.count
            return turnRelayRange.diagnostic(
                "the relay range of `\(t.name.value)` has \(count) port\(count == 1 ? "" : "s"), under the 10,000 the vendor asks for",
                at: written.span, label: count < 4 ? "not enough for one video call" : "about \(count / 4) video calls at once",
                notes: ["each video call takes at least 4 relay ports (UDP)"],
                helps: ["use coturn's own range, 49152-65535, and open it over UDP"],
                fixes: [.replace(written.span, with: Defaults.turnRelayPorts.description, "relay on 49152-65535", .unsafe)])
        }
    }
}
