import WFCLanguage
import WFCPlan

/// The checklist's steps for calls (docs/domain.md, "Calls: the free edition"): each TURN
/// server's setup, the apps' ICE servers, and the checks that prove a relay works.
extension ChecklistEmitter {
    /// How a step names a TURN server's password without printing it.
    static func passwordReference(_ turn: PlanTurn) -> String {
        switch turn.password.value {
        case .env(let name): return "the value of `$\(name)`"
        case .file(let path): return "the contents of `\(path)`"
        case .plain: return "the password written in the topology"
        }
    }

    /// The steps before the firewall on a TURN server's host.
    static func turnSteps(_ turn: PlanTurn, host: HostPlan, plan: Plan) -> [String] {
        let conf = Shell.quote(host.folder + "/turnserver.conf")
        let relay = "\(turn.relayPorts.lower)-\(turn.relayPorts.upper)"
        let install =
            "Install coturn (`apt-get install coturn`; on the RHEL family `dnf install coturn` from EPEL) and put this build's configuration in place: "
            + "it holds the TURN password, so only coturn's user may read it.\n"
            + "   ```sh\n"
            + "   install -m 640 -o root -g turnserver \(conf) \(Shell.quote(TurnServerConf.path))\n"
            + "   ```\n"
            + "   Never point the apps at the vendor's demo TURN server (`turn.wildfirechat.net`): its password changes."
        guard plan.calls?.relayed == true else {
            return [
                install,
                "In the cloud's security group (or the firewall in front of this host), let in port \(turn.port.value) over TCP and UDP and the relay range "
                    + "\(relay) over UDP, from everywhere the apps run, and let the same out: each video call takes at least 4 UDP ports. "
                    + "The host firewall below opens exactly these."
            ]
        }
        return [
            install,
            "In the cloud's security group (or the firewall in front of this host), let in port \(turn.port.value) over TCP and UDP from everywhere the apps run: "
                + "in front of janus it is the only public port of the calls. Its relay range \(relay) (UDP) stays private: it announces "
                + "\(turn.relayedAddress.value.text) (`external-ip`), and only the media servers reach it, over the LAN they share with it. "
                + "The host firewall below opens exactly these."
        ]
    }

    /// The steps before the firewall on a media server's host (the `wf-janus` README).
    static func mediaSteps(_ m: PlanMediaServer, host: HostPlan, plan: Plan) -> [String] {
        let folder = host.folder
        var out = [
            "Load the vendor's janus image for your IM server's version (the `wf-janus` README lists them: `docker load -i wildfire_janus_amd64.tar`) "
                + "and put the vendor's `janus_config` folder at `\(JanusConfig.hostConfig)`. Set this media server's values in it: the RTP range "
                + "\(m.rtpPorts), ICE-Lite\(m.interface.map { ", the interface `\($0)`" } ?? ""), and the IM server it is a client of "
                + "(`im_host` \(plan.authorizedAddress.value.text), `im_port` \(plan.ports.http.value), `client_id` `\(m.clientID.value)`):\n"
                + "   ```sh\n"
                + "   sh \(Shell.quote(folder + "/configure-janus.sh")) \(JanusConfig.hostConfig)\n"
                + "   ```\n"
                + "   janus's own API (8088 over HTTP, 8188 over WebSocket) ships on and unauthenticated: wfc drives janus over MQTT, and the firewall keeps both closed.",
            plan.calls?.relayed == true
                ? "Give this host no public port for calls: behind the TURN servers (`calls.relay`) janus announces its private address "
                    + "\(m.dockerIP.value.text) (`DOCKER_IP`), and only the TURN servers reach its RTP range \(m.rtpPorts) over UDP, on the LAN they share. "
                    + "The host firewall below opens exactly that."
                : "In the cloud's security group (or the firewall in front of this host), let in the RTP range \(m.rtpPorts) over UDP from everywhere the apps run; "
                    + "the clients' own networks must let it out. The host firewall below opens exactly that."
        ]
        if let r = plan.calls?.recording {
            out.append(
                "Create the recordings folder, writable: `mkdir -p \(Shell.quote(r.hostPath))` (`docker-run.sh` mounts it at the container's \(Defaults.recordPath))."
            )
        }
        return out
    }

    /// The last step on a media server: janus started, after the IM servers, and the UDP check
    /// the probe cannot make: from a client's network, or behind the TURN servers from one of them.
    static func mediaStart(_ m: PlanMediaServer, host: HostPlan, plan: Plan) -> String {
        let port = m.rtpPorts.lower, address = Shell.quote(m.dockerIP.value.text)
        let turn = plan.calls.flatMap { $0.relayed ? $0.turn.first : nil }
        let from = turn.map { "the TURN server `\($0.name.value)`" } ?? "a client's network", sender = turn == nil ? "the client" : "there"
        return "Once every IM node runs with its `conference.*` keys, start janus: `sh \(Shell.quote(host.folder + "/docker-run.sh"))` "
            + "(`--net host`, `DOCKER_IP` \(m.dockerIP.value.text), `--restart=always`: janus exits when an IM node changes and Docker brings it back). "
            + "Then check UDP from \(from) as the vendor's `udp_connectivity.md` does, which `wfc probe` cannot without a peer: with janus stopped "
            + "(`docker stop wf_janus_server`), run `nc -ulvp \(port)` here, then from \(sender) `nc -u \(address) \(port)` "
            + "and type a line: it must appear here. Start janus again: `docker start wf_janus_server`."
    }

    /// Section 3's lines for calls: the ICE servers each app is built with.
    static func callClients(_ plan: Plan) -> [String] {
        if let calls = plan.calls, calls.relayed {
            return calls.turn.map { t in
                "- [ ] Calls reach the media servers only through `\(t.name.value)`\(calls.relay == .tcp ? ", over TCP" : ""): build the apps with the vendor's "
                    + "advanced-edition call SDK, give them this TURN server as for the free edition (Android `ICE_SERVERS` `{\"\(t.uri)\", \"\(t.user.value)\", PASSWORD}`, "
                    + "iOS `ICE_ADDRESS = @\"\(t.uri)\"`, `ICE_USERNAME`, `ICE_PASSWORD`, web and PC `config.js` `ICE_SERVERS`), and have them call the "
                    + "call SDK's `forceRelay` (the vendor's 单端口化 blog). PASSWORD is \(passwordReference(t))."
            }
        }
        if plan.calls?.edition == .advanced {
            return [
                "- [ ] Calls go through the media servers: build the apps with the vendor's advanced-edition call SDK, and remove any TURN server from "
                    + "their `ICE_SERVERS` (the advanced edition needs no STUN or TURN; the `wf-janus` README)."
            ]
        }
        guard let calls = plan.calls, !calls.turn.isEmpty else { return [] }
        return calls.turn.map { t in
            "- [ ] Calls relay through `\(t.name.value)`: in the Android app's `Config.java` add `{\"\(t.uri)\", \"\(t.user.value)\", PASSWORD}` to `ICE_SERVERS`; "
                + "in the iOS app `ICE_ADDRESS = @\"\(t.uri)\"`, `ICE_USERNAME = @\"\(t.user.value)\"`, `ICE_PASSWORD` (more with `addIceServer`); "
                + "in the web and PC clients' `config.js` `ICE_SERVERS` `{urls: '\(t.uri)', username: '\(t.user.value)', credential: PASSWORD}`. "
                + "PASSWORD is \(passwordReference(t)). Without a TURN server calls work on one Wi-Fi and fail across mobile networks."
        }
    }

    /// Section 4's checks for calls, from a client's network.
    static func callChecks(_ plan: Plan) -> [String] {
        (plan.calls?.turn ?? []).flatMap { t -> [String] in
            let host = Shell.quote(t.publicAddress.value.text)
            return relayChecks(t, plan: plan) + [
                "- [ ] TURN `\(t.name.value)` answers STUN over UDP with your public address: `turnutils_stunclient -p \(t.port.value) \(host)` prints it "
                    + "(coturn's package has the tool); `wfc probe` sends the same request.",
                "- [ ] TURN `\(t.name.value)` accepts TCP: `nc -vz -w 5 \(host) \(t.port.value)` connects.",
                "- [ ] A relay works: the vendor's trickle-ICE page (https://docs.wildfirechat.cn/webrtc/trickle-ice/) with `\(t.uri)`, "
                    + "user `\(t.user.value)` and the password gathers a `relay` candidate carrying \(t.relayedAddress.value.text)"
                    + (plan.calls?.relayed == true ? " (in front of janus, its private address: janus relays there)." : ".")
            ]
        }
    }

    /// In front of janus (`calls.relay`): the whole path a call takes, client to TURN server to
    /// each media server and back, with coturn's own test tools in janus's place.
    static func relayChecks(_ t: PlanTurn, plan: Plan) -> [String] {
        guard let calls = plan.calls, calls.relayed else { return [] }
        return calls.mediaServers.map { m in
            let address = Shell.quote(m.dockerIP.value.text), port = m.rtpPorts.lower
            return "- [ ] `\(t.name.value)` relays to `\(m.name.value)`: with janus stopped there (`docker stop wf_janus_server`), run "
                + "`turnutils_peer -L \(address) -p \(port)` on \(m.name.value); from a client's network "
                + "`turnutils_uclient -c -n 5\(t.overTCP ? " -t" : "") -p \(t.port.value) -u \(Shell.quote(t.user.value)) -w PASSWORD -e \(address) -r \(port) "
                + "\(Shell.quote(t.publicAddress.value.text))` reports 0 lost packets (coturn's package has both tools; PASSWORD is \(passwordReference(t))). "
                + "Start janus again: `docker start wf_janus_server`."
        }
    }
}
