import WFCLanguage

/// `calls`, resolved: the TURN servers that relay the free edition's calls.
public struct PlanCalls: Sendable {
    /// The `calls` key.
    public var span: Span
    public var edition: CallsEdition
    public var turn: [PlanTurn]
    public var mediaServers: [PlanMediaServer] = []
    /// `spare_client_ids`, as written.
    public var spareClientIDs: [Located<String>] = []
    /// `recording`: `conference.record_strategy` and the host folder mounted at the vendor's path.
    public var recording: (strategy: Int, hostPath: String)? = nil

    /// `conference.client_list`: every media server's client id, then the spares.
    public var clientList: String { (mediaServers.map(\.clientID.value) + spareClientIDs.map(\.value)).joined(separator: ",") }
}

/// One media server (the vendor's janus build): a host of its own, or on the machine whose
/// address it shares.
public struct PlanMediaServer: Sendable {
    public var name: Located<String>
    /// Its index in `Plan.hosts`.
    public var host: Int
    public var publicAddress: Located<Host>
    public var privateAddress: Located<Host>?
    /// `client_id`: its own, or its name.
    public var clientID: Located<String>
    public var rtpPorts: PortRange
    /// Where `rtp_ports` is written, or the server's name when it is the default.
    public var rtpSpan: Span
    /// `nat.ice_enforce_list`.
    public var interface: String?
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
    /// janus's API over HTTP and WebSocket, on in the configs the vendor ships and
    /// unauthenticated (`api_secret`, `token_auth` commented out).
    public static let janusAPIPorts = [8088, 8188]

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
        var media: [PlanMediaServer] = []
        for field in c.value.mediaServers.value ?? [] {
            guard let spec = field.value, let name = spec.name.located, let publicAddress = spec.publicAddress.located else { continue }
            let rtp = spec.rtpPorts.located
            media.append(
                PlanMediaServer(
                    name: name, host: hosts.count, publicAddress: publicAddress, privateAddress: spec.privateAddress.located,
                    clientID: spec.clientID.located ?? name, rtpPorts: rtp?.value ?? Defaults.rtpPorts, rtpSpan: rtp?.span ?? name.span,
                    interface: spec.interface.value))
            hosts.append(
                HostPlan(
                    name: name.value, kind: .media(media.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: spec.privateAddress.located, listeners: [], declared: nil, openings: [],
                    machine: Plan.machine(sharing: [publicAddress, spec.privateAddress.located], among: candidates)))
        }
        var recording: (Int, String)?
        if let r = c.value.recording.value, let strategy = r.strategy.value, let path = r.hostPath.value { recording = (strategy, path) }
        calls = PlanCalls(
            span: c.keySpan ?? c.span, edition: c.value.edition.value ?? Defaults.callsEdition, turn: turns, mediaServers: media,
            spareClientIDs: (c.value.spareClientIDs.value ?? []).compactMap(\.located), recording: recording)
    }

    /// Where the media servers connect to the nodes from: each one's private address, else
    /// its public one.
    func mediaSources() -> [AddressRange] {
        (calls?.mediaServers ?? []).compactMap { ($0.privateAddress ?? $0.publicAddress).value.address.map(AddressRange.init) }
    }

    /// Who reaches each media server: clients on its RTP range over UDP (the `wf-janus`
    /// README); operators over SSH on a machine of its own. Janus's own API is never opened.
    func mediaFlows() -> [Flow] {
        var out: [Flow] = []
        for m in calls?.mediaServers ?? [] {
            let h = m.host
            if machine(of: h) == h { out.append(Flow(source: .operators, host: h, port: sshPort.at(m.name.span), purpose: .ssh)) }
            let rtp = PortValue(value: m.rtpPorts.lower, span: m.rtpSpan, isDefault: m.rtpSpan == m.name.span, key: KeyPath(.calls, .mediaServers, .rtpPorts))
            out.append(
                Flow(
                    source: .clients(.all), host: h, port: rtp, through: m.rtpPorts.isSingle ? nil : m.rtpPorts.upper, proto: .udp,
                    purpose: .rtp, dialed: m.publicAddress.value))
        }
        return out
    }

    /// The IM config lines of the advanced edition, on every node (the `wf-janus` README): the
    /// media servers' ids, this node's own private IP for janus's signalling, the recording.
    func conferenceConfig(for node: PlanNode) -> [IMEntry] {
        guard let calls, calls.edition == .advanced else { return [] }
        var out = [IMEntry(key: "conference.client_list", value: .text(calls.clientList))]
        if let ip = node.privateAddress?.value.address {
            out.append(IMEntry(key: "conference.signal_server_address", value: .text(ip.description)))
        }
        if let r = calls.recording {
            out.append(IMEntry(key: "conference.record_strategy", value: .text(String(r.strategy))))
            out.append(IMEntry(key: "conference.record_path", value: .text(Defaults.recordPath)))
        }
        return out
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
