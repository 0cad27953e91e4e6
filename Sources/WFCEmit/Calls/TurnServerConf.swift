import WFCLanguage
import WFCPlan

/// `calls/<turn>/turnserver.conf`: one coturn server, complete (docs/domain.md, "Calls: the
/// free edition"). Every value goes through `setting`, coturn's one syntax for a value.
enum TurnServerConf {
    /// Where the Debian package's unit reads it (`turnserver -c /etc/turnserver.conf`).
    static let path = "/etc/turnserver.conf"

    /// `key="value"`: coturn strips one pair of quotes and keeps what is between them, so a
    /// value's own `#`, `=`, `;` and spaces stay its own. What coturn cannot read at all (a
    /// line break, a password starting `0x`) never gets here: the resolver (WFC406) and the
    /// language refuse it first.
    static func setting(_ key: String, _ value: String) -> String {
        "\(key)=\"\(value)\""
    }

    static func artifact(_ turn: PlanTurn, plan: Plan, provenance: Provenance, secrets: SecretValues) -> Artifact {
        let own = turn.boundAddress?.address
        // In front of janus (`calls.relay`) this is its private address: janus relays there.
        let outside = turn.relayedAddress.value.address
        var lines = [
            "# \(provenance.header)",
            "# TURN server `\(turn.name.value)` (\(provenance.line(turn.name.span))): install as \(path), then restart coturn.",
            "# Do not edit here: change the topology.",
            "listening-port=\(turn.port.value)"
        ]
        // A DNS name cannot be bound or announced: coturn then listens on every address and
        // announces what the clients' packets arrive at.
        if let own {
            lines.append(setting("listening-ip", own.description))
            lines.append(setting("relay-ip", own.description))
        }
        if let outside {
            // Behind 1:1 NAT coturn announces the public address for the private one it binds.
            let external = own.map { $0 == outside ? outside.description : "\(outside)/\($0)" } ?? outside.description
            lines.append(setting("external-ip", external))
        }
        lines += [
            "min-port=\(turn.relayPorts.lower)",
            "max-port=\(turn.relayPorts.upper)",
            // Long-term credentials, as the vendor's `-a`; the fingerprint WebRTC clients send.
            "lt-cred-mech",
            "fingerprint",
            setting("realm", turn.realm),
            setting("user", "\(turn.user.value):\(secrets.value(of: turn.password.value) ?? "")"),
            // Only what the firewall opens listens: no TLS/DTLS port (5349), no telnet CLI (5766).
            "no-tls",
            "no-dtls",
            "no-cli",
            "no-multicast-peers"
        ]
        return Artifact(path: "\(plan.hosts[turn.host].folder)/turnserver.conf", contents: lines.joined(separator: "\n") + "\n", mode: 0o600)
    }
}
