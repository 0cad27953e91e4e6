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
    /// `rtp_ports` as written; nil for the default.
    public var rtpWritten: Located<PortRange>?
    /// `nat.ice_enforce_list`.
    public var interface: String?

    /// `media.rtp_port_range`, UDP.
    public var rtpPorts: PortRange { rtpWritten?.value ?? Defaults.rtpPorts }

    /// Its first port as a flow carries it: where it is written, or the server's name.
    var rtpPort: PortValue {
        PortValue(
            value: rtpPorts.lower, span: rtpWritten?.span ?? name.span, isDefault: rtpWritten == nil, key: KeyPath(.calls, .mediaServers, .rtpPorts))
    }
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
    /// `relay_ports` as written; nil for the default.
    public var relayWritten: Located<PortRange>?
    public var user: Located<String>
    public var password: Located<Secret>
    public var realm: String

    /// `min-port`-`max-port`, UDP.
    public var relayPorts: PortRange { relayWritten?.value ?? Defaults.turnRelayPorts }

    /// Its first relay port as a flow carries it: where it is written, or the server's name.
    var relayPort: PortValue {
        PortValue(
            value: relayPorts.lower, span: relayWritten?.span ?? name.span, isDefault: relayWritten == nil, key: KeyPath(.calls, .turn, .relayPorts))
    }

    /// What the apps are told (`ICE_SERVERS`, iOS's `ICE_ADDRESS`), and coturn's
    /// `external-ip`: where clients reach it.
    public var uri: String { "turn:\(publicAddress.value.uriHost):\(port.value)" }
}

extension Plan {
    /// janus's API over HTTP and WebSocket, on in the configs the vendor ships and
    /// unauthenticated (`api_secret`, `token_auth` commented out).
    public static let janusAPIPorts = [8088, 8188]

    /// The hosts so far that are machines of their own, with their addresses: what a host
    /// added later shares a machine with when it has one of their addresses.
    func machines() -> [(Int, any HostAddresses)] {
        hosts.indices.filter { hosts[$0].machine == nil }.map { ($0, hosts[$0]) }
    }

    /// SSH into a host that is a machine of its own; none into one on another host's machine,
    /// whose SSH is that host's.
    func operatorFlows(into h: Int) -> [Flow] {
        machine(of: h) == h ? [Flow(source: .operators, host: h, port: sshPort.at(hosts[h].span), purpose: .ssh)] : []
    }

    /// `calls` and its TURN servers, each appended to `hosts`. An entry without a name,
    /// an address, a user or a password is left out: the decoder has reported it.
    mutating func resolveCalls(_ t: Topology) {
        guard let c = t.calls.located else { return }
        var turns: [PlanTurn] = []
        // The machines the calls' hosts may share: the nodes' and the gateway's.
        let candidates = machines()
        for field in c.value.turn.value ?? [] {
            guard let spec = field.value, let name = spec.name.located, let publicAddress = spec.publicAddress.located,
                let user = spec.user.located, let password = spec.password.located
            else { continue }
            turns.append(
                PlanTurn(
                    name: name, host: hosts.count, publicAddress: publicAddress, privateAddress: spec.privateAddress.located,
                    port: spec.port.port(KeyPath(.calls, .turn, .port), default: Defaults.turnPort, at: name.span),
                    relayWritten: spec.relayPorts.located, user: user,
                    password: password, realm: spec.realm.value?.text ?? authorizedAddress.value.text))
            hosts.append(
                HostPlan(
                    ownHost: name.value, kind: .turn(turns.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: spec.privateAddress.located, among: candidates))
        }
        var media: [PlanMediaServer] = []
        for field in c.value.mediaServers.value ?? [] {
            guard let spec = field.value, let name = spec.name.located, let publicAddress = spec.publicAddress.located else { continue }
            media.append(
                PlanMediaServer(
                    name: name, host: hosts.count, publicAddress: publicAddress, privateAddress: spec.privateAddress.located,
                    clientID: spec.clientID.located ?? name, rtpWritten: spec.rtpPorts.located, interface: spec.interface.value))
            hosts.append(
                HostPlan(
                    ownHost: name.value, kind: .media(media.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: spec.privateAddress.located, among: candidates))
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
            out += operatorFlows(into: m.host)
            out.append(
                Flow(
                    source: .clients(.all), host: m.host, port: m.rtpPort, through: m.rtpPorts.through, proto: .udp, purpose: .rtp,
                    dialed: m.publicAddress.value))
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
            out += operatorFlows(into: h)
            for proto in TransportProtocol.allCases {
                out.append(Flow(source: .clients(.all), host: h, port: turn.port, proto: proto, purpose: .turn, dialed: dialed))
            }
            out.append(
                Flow(
                    source: .clients(.all), host: h, port: turn.relayPort, through: turn.relayPorts.through, proto: .udp, purpose: .turnRelay,
                    dialed: dialed))
        }
        return out
    }
}
