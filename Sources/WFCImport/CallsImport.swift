import WFCCore

/// A TURN server's `turnserver.conf`.
public typealias ImportedTurn = ImportedFile<TurnSettings>

extension ImportedFile where Facts == TurnSettings {
    func value(_ key: String) -> String? { facts.values[key]?.value }
    func source(_ key: String) -> String { facts.values[key].map { "\(path):\($0.line)" } ?? path }
}

/// A media server's `janus_config` folder: its `janus.jcfg` and `janus.transport.mqtt.jcfg`.
public struct ImportedMediaServer: Sendable {
    public var name: String
    public var folder: String
    public var janus: JanusSettings
    public var mqtt: JanusSettings

    public init(name: String, folder: String, janus: JanusSettings, mqtt: JanusSettings) {
        self.name = name
        self.folder = folder
        self.janus = janus
        self.mqtt = mqtt
    }

    public static let janusFile = "janus.jcfg", mqttFile = "janus.transport.mqtt.jcfg"
}

extension Importer {
    /// `calls`: the advanced edition where the nodes list media servers' client ids
    /// (`conference.client_list`), else the free edition where TURN servers are given. TURN
    /// passwords are never copied; what only a `docker run` says (janus's `DOCKER_IP`, the
    /// recordings' folder) is left to fill in.
    static func calls(
        nodes: [ImportedNode], turn: [ImportedTurn], media: [ImportedMediaServer], authorized: String?, hole: (String, String) -> String,
        quote q: (String) -> String
    ) -> (lines: [String], inferred: [String]) {
        let listed = nodes.first { $0.value("conference.client_list") != nil }
        let ids = listed?.value("conference.client_list")?.split(separator: ",").map(String.init) ?? []
        guard listed != nil || !turn.isEmpty || !media.isEmpty else { return ([], []) }
        var out = ["calls:"], inferred: [String] = []
        let advanced = listed != nil || !media.isEmpty
        if advanced {
            out.append("  edition: advanced   # \(listed.map { "\($0.source("conference.client_list")) conference.client_list" } ?? "media servers given")")
        }
        // In front of janus a TURN server announces the private address it relays to.
        let relaying = advanced && turn.contains { t in t.value("external-ip") != nil && t.value("external-ip") == t.value("listening-ip") }
        if relaying, let t = turn.first {
            out.append("  relay: single-port   # \(t.source("external-ip")) announces its own private address (or `tcp`: the files do not say)")
            inferred.append("calls.relay single-port: the TURN servers announce their private addresses, in front of janus")
        }
        if !turn.isEmpty { out.append("  turn:") }
        for (k, t) in turn.enumerated() {
            out.append("    - name: \(q(t.name))   # \(t.path)")
            let external = t.value("external-ip")?.split(separator: "/").map(String.init) ?? []
            if relaying || external.isEmpty {
                out.append("      public_address: \(hole("calls.turn[\(k)].public_address", "where clients reach \(t.name)"))")
            } else {
                out.append("      public_address: \(q(external[0]))   # \(t.source("external-ip")) external-ip")
            }
            if let own = t.value("listening-ip") ?? (external.count > 1 ? external[1] : nil) {
                out.append("      private_address: \(q(own))   # \(t.source(t.value("listening-ip") != nil ? "listening-ip" : "external-ip"))")
            }
            if let p = t.value("listening-port").flatMap({ Int($0) }), p != Defaults.turnPort {
                out.append("      port: \(p)   # \(t.source("listening-port"))")
            }
            if let low = t.value("min-port").flatMap({ Int($0) }), let high = t.value("max-port").flatMap({ Int($0) }),
                low != Defaults.turnRelayPorts.lower || high != Defaults.turnRelayPorts.upper
            {
                out.append("      relay_ports: \(q("\(low)-\(high)"))   # \(t.source("min-port"))")
            }
            if let user = t.value("user"), let name = user.split(separator: ":", maxSplits: 1).first {
                out.append("      user: \(q(String(name)))   # \(t.source("user"))")
                out.append("      password: {env: WFC_TURN_PASSWORD}   # \(t.source("user")) holds it: not copied")
                inferred.append("\(t.name)'s password is read from $WFC_TURN_PASSWORD at build time: set it to the value in \(t.source("user"))")
            }
            if let realm = t.value("realm"), realm != authorized { out.append("      realm: \(q(realm))   # \(t.source("realm"))") }
        }
        // The media servers given, by their client ids; the list's other ids are spares (or
        // media servers whose files were not given).
        var servers = media.map { m in (name: m.name, id: m.mqtt.values["general.client_id"], files: Optional(m)) }
        if media.isEmpty { servers = ids.enumerated().map { (name: "media\($0.offset + 1)", id: ConfigValue(value: $0.element, line: 0), files: nil) } }
        if advanced && !servers.isEmpty { out.append("  media_servers:") }
        for (k, s) in servers.enumerated() where advanced {
            let folder = s.files?.folder
            out.append("    - name: \(q(s.name))   # \(folder ?? listed?.source("conference.client_list") ?? "")")
            if !relaying {
                out.append("      public_address: \(hole("calls.media_servers[\(k)].public_address", "its public IP, janus's DOCKER_IP"))")
            }
            out.append(
                "      private_address: \(hole("calls.media_servers[\(k)].private_address", relaying ? "its DOCKER_IP, where the TURN servers relay to" : "its address on the nodes' network"))"
            )
            if let id = s.id {
                out.append(
                    "      client_id: \(q(id.value))   # \(folder.map { "\($0)/\(ImportedMediaServer.mqttFile):\(id.line)" } ?? "conference.client_list")")
            }
            if let m = s.files, let range = m.janus.values["media.rtp_port_range"], range.value != "\(Defaults.rtpPorts.lower)-\(Defaults.rtpPorts.upper)" {
                out.append("      rtp_ports: \(q(range.value))   # \(m.folder)/\(ImportedMediaServer.janusFile):\(range.line)")
            }
            if let m = s.files, let interface = m.janus.values["nat.ice_enforce_list"] {
                out.append("      interface: \(q(interface.value))   # \(m.folder)/\(ImportedMediaServer.janusFile):\(interface.line) ice_enforce_list")
            }
        }
        let spares = ids.filter { id in !servers.contains { $0.id?.value == id } }
        if !spares.isEmpty, let listed {
            out.append(
                "  spare_client_ids: [\(spares.map(q).joined(separator: ", "))]   # \(listed.source("conference.client_list")): no media server given has them")
        }
        if let node = nodes.first(where: { $0.value("conference.record_strategy") != nil }), let strategy = node.value("conference.record_strategy") {
            // A number as deployed; anything else quoted, for lint to report.
            let value = Int(strategy).map(String.init) ?? q(strategy)
            out += [
                "  recording:", "    strategy: \(value)   # \(node.source("conference.record_strategy"))",
                "    host_path: \(hole("calls.recording.host_path", "the folder on each media server mounted at the recordings path"))"
            ]
        }
        return (out, inferred)
    }
}
