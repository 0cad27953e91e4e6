import WFCLanguage

/// `calls`, resolved: the TURN servers that relay the free edition's calls.
public struct PlanCalls: Sendable {
    /// The `calls` key.
    public var span: Span
    public var edition: CallsEdition
    public var turn: [PlanTurn]
}

/// One TURN server (coturn): a host of its own, or on the machine whose address it shares.
public struct PlanTurn: Sendable {
    public var name: Located<String>
    /// Its index in `Plan.hosts`.
    public var host: Int
    public var publicAddress: Located<Host>
    public var privateAddress: Located<Host>?
    /// `listening-port`, over TCP and UDP.
    public var port: PortValue
    /// `min-port`-`max-port`, UDP.
    public var relayPorts: PortRange
    /// Where `relay_ports` is written, or the server's name when it is the default.
    public var relaySpan: Span
    public var user: Located<String>
    public var password: Located<Secret>
    public var realm: String

    /// What the apps are told (`ICE_SERVERS`, iOS's `ICE_ADDRESS`), and coturn's
    /// `external-ip`: where clients reach it.
    public var uri: String { "turn:\(publicAddress.value.uriHost):\(port.value)" }
}

extension Plan {
    /// `calls` and its TURN servers, each appended to `hosts`. An entry without a name,
    /// an address, a user or a password is left out: the decoder has reported it.
    mutating func resolveCalls(_ t: Topology) {
        guard let c = t.calls.located else { return }
        var turns: [PlanTurn] = []
        let candidates: [(Int, any HostAddresses)] = hosts.indices.filter { hosts[$0].machine == nil }.map { ($0, hosts[$0]) }
        for field in c.value.turn.value ?? [] {
            guard let spec = field.value, let name = spec.name.located, let publicAddress = spec.publicAddress.located,
                let user = spec.user.located, let password = spec.password.located
            else { continue }
            let host = hosts.count
            let relay = spec.relayPorts.located
            turns.append(
                PlanTurn(
                    name: name, host: host, publicAddress: publicAddress, privateAddress: spec.privateAddress.located,
                    port: spec.port.port(KeyPath(.calls, .turn, .port), default: Defaults.turnPort, at: name.span),
                    relayPorts: relay?.value ?? Defaults.turnRelayPorts, relaySpan: relay?.span ?? name.span, user: user,
                    password: password, realm: spec.realm.value?.text ?? authorizedAddress.value.text))
            hosts.append(
                HostPlan(
                    name: name.value, kind: .turn(turns.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: spec.privateAddress.located, listeners: [], declared: nil, openings: [],
                    machine: Plan.machine(sharing: [publicAddress, spec.privateAddress.located], among: candidates)))
        }
        calls = PlanCalls(span: c.keySpan ?? c.span, edition: c.value.edition.value ?? Defaults.callsEdition, turn: turns)
    }

    /// Who reaches each TURN server: clients on its port over TCP and UDP, and on its relay
    /// range over UDP (the vendor's `turn_server.md`); operators over SSH on a machine of its own.
    func turnFlows() -> [Flow] {
        var out: [Flow] = []
        for turn in calls?.turn ?? [] {
            let h = turn.host, dialed = turn.publicAddress.value
            if machine(of: h) == h { out.append(Flow(source: .operators, host: h, port: sshPort.at(turn.name.span), purpose: .ssh)) }
            for proto in TransportProtocol.allCases {
                out.append(Flow(source: .clients(.all), host: h, port: turn.port, proto: proto, purpose: .turn, dialed: dialed))
            }
            let relay = PortValue(
                value: turn.relayPorts.lower, span: turn.relaySpan, isDefault: turn.relaySpan == turn.name.span, key: KeyPath(.calls, .turn, .relayPorts))
            out.append(
                Flow(
                    source: .clients(.all), host: h, port: relay, through: turn.relayPorts.isSingle ? nil : turn.relayPorts.upper, proto: .udp,
                    purpose: .turnRelay, dialed: dialed))
        }
        return out
    }
}
