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
    /// `relay`: how the advanced edition's media reaches janus.
    public var relay: CallsRelay = Defaults.callsRelay

    /// The TURN servers stand in front of janus on its LAN (`relay: single-port|tcp`, the
    /// vendor's 单端口化和强制TCP化): the only public ports are theirs, and janus stays private.
    public var relayed: Bool { edition == .advanced && relay != .none }

    /// `conference.client_list`: every media server's client id, then the spares.
    public var clientList: String { (mediaServers.map { $0.clientID.value } + spareClientIDs.map { $0.value }).joined(separator: ",") }
}

/// One media server (the vendor's janus build): a host of its own, or on the machine whose
/// address it shares.
public struct PlanMediaServer: Sendable {
    public var name: Located<String>
    /// Its index in `Plan.hosts`.
    public var host: Int
    public var publicAddress: Located<Host>?
    public var privateAddress: Located<Host>?
    /// `DOCKER_IP`, the address janus announces to its peers: the public one, or behind the
    /// TURN servers (`calls.relay`) the private one they relay to.
    public var dockerIP: Located<Host>
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
    /// The address coturn relays at (`external-ip`): the public one, or in front of janus
    /// (`calls.relay`) the private one, which janus reaches on the LAN and clients never dial.
    public var relayedAddress: Located<Host>
    /// `calls.relay: tcp`: the apps reach it over TCP (`?transport=tcp`).
    public var overTCP = false

    /// `min-port`-`max-port`, UDP.
    public var relayPorts: PortRange { relayWritten?.value ?? Defaults.turnRelayPorts }

    /// The address coturn binds (`listening-ip`, `relay-ip`): its own, the private one behind
    /// 1:1 NAT; nil for a DNS name, which coturn cannot bind (it then listens on every address).
    public var boundAddress: Host? {
        let own = (privateAddress ?? publicAddress).value
        return own.address == nil ? nil : own
    }

    /// Its first relay port as a flow carries it: where it is written, or the server's name.
    var relayPort: PortValue {
        PortValue(
            value: relayPorts.lower, span: relayWritten?.span ?? name.span, isDefault: relayWritten == nil, key: KeyPath(.calls, .turn, .relayPorts))
    }

    /// What the apps are told (`ICE_SERVERS`, iOS's `ICE_ADDRESS`): where clients reach it,
    /// over TCP when `calls.relay: tcp` forces it.
    public var uri: String { "turn:\(publicAddress.value.uriHost):\(port.value)" + (overTCP ? "?transport=tcp" : "") }
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
        var calls = PlanCalls(
            span: c.keySpan ?? c.span, edition: c.value.edition.value ?? Defaults.callsEdition, turn: [],
            spareClientIDs: (c.value.spareClientIDs.value ?? []).compactMap { $0.located }, relay: c.value.relay.value ?? Defaults.callsRelay)
        if let r = c.value.recording.value, let strategy = r.strategy.value, let path = r.hostPath.value { calls.recording = (strategy, path) }
        // The machines the calls' hosts may share: the nodes' and the gateway's.
        let candidates = machines()
        for field in c.value.turn.value ?? [] {
            guard let spec = field.value, let name = spec.name.located, let publicAddress = spec.publicAddress.located,
                let user = spec.user.located, let password = spec.password.located
            else { continue }
            let privateAddress = spec.privateAddress.located
            calls.turn.append(
                PlanTurn(
                    name: name, host: hosts.count, publicAddress: publicAddress, privateAddress: privateAddress,
                    port: spec.port.port(KeyPath(.calls, .turn, .port), default: Defaults.turnPort, at: name.span),
                    relayWritten: spec.relayPorts.located, user: user,
                    password: password, realm: spec.realm.value?.text ?? authorizedAddress.value.text,
                    relayedAddress: calls.relayed ? privateAddress ?? publicAddress : publicAddress, overTCP: calls.relayed && calls.relay == .tcp))
            hosts.append(
                HostPlan(
                    ownHost: name.value, kind: .turn(calls.turn.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: privateAddress, among: candidates))
        }
        for field in c.value.mediaServers.value ?? [] {
            // Without the address janus announces the entry is WFC005's, not a server.
            guard let spec = field.value, let name = spec.name.located else { continue }
            let publicAddress = spec.publicAddress.located, privateAddress = spec.privateAddress.located
            guard let dockerIP = calls.relayed ? privateAddress ?? publicAddress : publicAddress ?? privateAddress else { continue }
            calls.mediaServers.append(
                PlanMediaServer(
                    name: name, host: hosts.count, publicAddress: publicAddress, privateAddress: privateAddress, dockerIP: dockerIP,
                    clientID: spec.clientID.located ?? name, rtpWritten: spec.rtpPorts.located, interface: spec.interface.value))
            hosts.append(
                HostPlan(
                    ownHost: name.value, kind: .media(calls.mediaServers.count - 1), span: name.span, publicAddress: publicAddress,
                    privateAddress: privateAddress, among: candidates))
        }
        self.calls = calls
    }

    /// Where the media servers connect to the nodes (and, behind the TURN servers, to them)
    /// from: each one's private address, else its public one.
    func mediaSources() -> [AddressRange] { sources(ofHosts: (calls?.mediaServers ?? []).map { $0.host }) }

    /// Where the TURN servers relay to janus from (`calls.relay`): their `relay-ip`.
    func turnSources() -> [AddressRange] { sources(ofHosts: (calls?.turn ?? []).map { $0.host }) }

    /// Who reaches each media server: clients on its RTP range over UDP (the `wf-janus`
    /// README), or behind the TURN servers only they do, over the LAN (the vendor's
    /// 单端口化 blog); operators over SSH on a machine of its own. Janus's own API is never opened.
    func mediaFlows() -> [Flow] {
        guard let calls else { return [] }
        var out: [Flow] = []
        let relayed = calls.relayed, turns = relayed ? turnSources() : []
        for m in calls.mediaServers {
            out += operatorFlows(into: m.host)
            out.append(
                Flow(
                    source: relayed ? .turnServers(turns) : .clients(.all), host: m.host, port: m.rtpPort, through: m.rtpPorts.through,
                    proto: .udp, purpose: .rtp, dialed: relayed ? nil : m.dockerIP.value))
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
    /// range over UDP (the vendor's `turn_server.md`), or in front of janus only the media
    /// servers do, over the LAN; operators over SSH on a machine of its own.
    func turnFlows() -> [Flow] {
        guard let calls else { return [] }
        var out: [Flow] = []
        let relayed = calls.relayed, media = relayed ? mediaSources() : []
        for turn in calls.turn {
            let h = turn.host, dialed = turn.publicAddress.value
            out += operatorFlows(into: h)
            for proto in TransportProtocol.allCases {
                out.append(Flow(source: .clients(.all), host: h, port: turn.port, proto: proto, purpose: .turn, dialed: dialed))
            }
            out.append(
                Flow(
                    source: relayed ? .mediaServers(media) : .clients(.all), host: h, port: turn.relayPort, through: turn.relayPorts.through,
                    proto: .udp, purpose: .turnRelay, dialed: relayed ? nil : dialed))
        }
        return out
    }
}
