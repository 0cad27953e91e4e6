import WFCLanguage
import WFCPlan

/// `calls/<media server>/`: what one of the vendor's janus media servers needs (docs/domain.md,
/// "Calls: the advanced edition"): `configure-janus.sh`, which sets its values in the vendor's
/// `janus_config` folder, and `docker-run.sh`, the vendor's `docker run` line with its `DOCKER_IP`.
enum JanusConfig {
    /// Where the vendor's image reads its configuration and writes recordings (`wf-janus` README).
    static let containerConfig = "/var/janus/janus/etc/janus"
    /// The folders on the host, when the operator keeps them where the checklist puts them.
    static let hostConfig = "/opt/wf-janus/janus_config"
    static let hostRecordings = "/opt/wf-janus/recordings"

    /// A libconfig string (janus's `.jcfg`): double quotes, `\` and `"` escaped.
    static func string(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A setting's value in the replacement of a `sed -E 's|…|…|'`: `\`, `&` and `|` escaped.
    static func sedReplacement(_ value: String) -> String {
        var out = ""
        for c in value {
            if c == "\\" || c == "&" || c == "|" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// The settings, by file: each `key = value` in libconfig's syntax.
    static func settings(_ m: PlanMediaServer, plan: Plan) -> [(file: String, key: String, value: String)] {
        var out: [(String, String, String)] = [
            ("janus.jcfg", "rtp_port_range", string("\(m.rtpPorts.lower)-\(m.rtpPorts.upper)")),
            ("janus.jcfg", "ice_lite", "true")
        ]
        if let nic = m.interface { out.append(("janus.jcfg", "ice_enforce_list", string(nic))) }
        out += [
            ("janus.transport.mqtt.jcfg", "im_host", string(plan.authorizedAddress.value.text)),
            ("janus.transport.mqtt.jcfg", "im_port", String(plan.ports.http.value)),
            ("janus.transport.mqtt.jcfg", "client_id", string(m.clientID.value))
        ]
        return out
    }

    static func artifacts(_ m: PlanMediaServer, plan: Plan, provenance: Provenance) -> [Artifact] {
        let folder = plan.hosts[m.host].folder
        var configure = [
            "#!/bin/sh",
            "# \(provenance.header)",
            "# Media server `\(m.name.value)` (\(provenance.line(m.name.span))): sets its values in the vendor's janus_config",
            "# folder (wildfirechat/wf-janus), commented out or not: sh \(folder)/configure-janus.sh FOLDER",
            "# Do not edit here: change the topology.",
            "set -eu",
            "dir=${1:-\(hostConfig)}",
            "# set FILE KEY VALUE: the key's live line becomes `KEY = VALUE`; without one, its first",
            "# commented-out line does (libconfig refuses a key set twice in one group).",
            "set_value() {",
            "  f=$dir/$1",
            "  if grep -Eq \"^[[:space:]]*$2[[:space:]]*=\" \"$f\"; then",
            "    sed -i -E \"s|^([[:space:]]*)$2[[:space:]]*=.*|\\\\1$2 = $3|\" \"$f\"",
            "  elif grep -Eq \"^[[:space:]]*#[[:space:]]*$2[[:space:]]*=\" \"$f\"; then",
            "    sed -i -E \"0,/^([[:space:]]*)#[[:space:]]*$2[[:space:]]*=.*/s||\\\\1$2 = $3|\" \"$f\"",
            "  else",
            "    echo \"configure-janus: $f has no line for $2: is it the vendor's janus_config?\" >&2",
            "    exit 1",
            "  fi",
            "}"
        ]
        for s in settings(m, plan: plan) {
            configure.append("set_value \(s.file) \(s.key) \(Shell.quote(sedReplacement(s.value)))")
        }
        let recordings = plan.calls?.recording?.hostPath ?? hostRecordings
        let run = [
            "#!/bin/sh",
            "# \(provenance.header)",
            "# Media server `\(m.name.value)`: the vendor's janus image, started after the IM servers (janus exits when",
            "# an IM node changes: Docker restarts it). sh \(folder)/docker-run.sh [JANUS_CONFIG_FOLDER]",
            "set -eu",
            "docker run -d --name wf_janus_server --restart=always --privileged=true --net host \\",
            "  -e DOCKER_IP=\(Shell.quote(m.dockerIP.value.text)) \\",
            "  -v \"${1:-\(hostConfig)}\":\(containerConfig) \\",
            "  -v \(Shell.quote(recordings)):\(Defaults.recordPath) \\",
            "  wildfire_janus"
        ]
        return [
            Artifact(path: "\(folder)/configure-janus.sh", contents: configure.joined(separator: "\n") + "\n", mode: 0o755),
            Artifact(path: "\(folder)/docker-run.sh", contents: run.joined(separator: "\n") + "\n", mode: 0o755)
        ]
    }
}
