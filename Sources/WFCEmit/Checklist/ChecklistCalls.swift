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
    static func turnSteps(_ turn: PlanTurn, host: HostPlan) -> [String] {
        let conf = Shell.quote(host.folder + "/turnserver.conf")
        let relay = "\(turn.relayPorts.lower)-\(turn.relayPorts.upper)"
        return [
            "Install coturn (`apt-get install coturn`; on the RHEL family `dnf install coturn` from EPEL) and put this build's configuration in place: "
                + "it holds the TURN password, so only coturn's user may read it.\n"
                + "   ```sh\n"
                + "   install -m 640 -o root -g turnserver \(conf) \(Shell.quote(TurnServerConf.path))\n"
                + "   ```\n"
                + "   Never point the apps at the vendor's demo TURN server (`turn.wildfirechat.net`): its password changes.",
            "In the cloud's security group (or the firewall in front of this host), let in port \(turn.port.value) over TCP and UDP and the relay range "
                + "\(relay) over UDP, from everywhere the apps run, and let the same out: each video call takes at least 4 UDP ports. "
                + "The host firewall below opens exactly these."
        ]
    }

    /// Section 3's lines for calls: the ICE servers each app is built with.
    static func callClients(_ plan: Plan) -> [String] {
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
            return [
                "- [ ] TURN `\(t.name.value)` answers STUN over UDP with your public address: `turnutils_stunclient -p \(t.port.value) \(host)` prints it "
                    + "(coturn's package has the tool); `wfc probe` sends the same request.",
                "- [ ] TURN `\(t.name.value)` accepts TCP: `nc -vz -w 5 \(host) \(t.port.value)` connects.",
                "- [ ] A relay works: the vendor's trickle-ICE page (https://docs.wildfirechat.cn/webrtc/trickle-ice/) with `\(t.uri)`, "
                    + "user `\(t.user.value)` and the password gathers a `relay` candidate carrying \(t.publicAddress.value.text)."
            ]
        }
    }
}
