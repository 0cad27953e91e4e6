/// The checklist steps that prepare a host before wfc's files go on it: the IM config
/// merge, the JKS keystore, nginx on either distribution family, and the tuning for long
/// connections (DOMAIN.md, "Long connections at scale").
extension ChecklistEmitter {
    /// Where the Debian package keeps the IM config.
    static let imConfigPath = "/etc/im-server/config/wildfirechat.conf"

    static func imConfigStep(_ host: HostPlan, mergedBase: Bool) -> String {
        if mergedBase {
            return "Copy `\(host.folder)/wildfirechat.conf` over the IM server's `config/wildfirechat.conf` (`\(imConfigPath)` in the Debian package): "
                + "it is your `--im-base` file with this node's network keys set in place and every other line as it was."
        }
        return "Append `\(host.folder)/wildfirechat.conf` to the IM server's `config/wildfirechat.conf` (`\(imConfigPath)` in the Debian package): "
            + "the server takes the last of duplicate keys, so the appended lines win. First check that no line of the file has a `#` after its value "
            + "(the server stops reading there): `grep -nE '^[[:space:]]*[^#[:space:]].*#' \(imConfigPath)` must print nothing. Then:\n"
            + "   ```sh\n"
            + "   cp \(imConfigPath) \(imConfigPath).before\n"
            + "   cat \(host.folder)/wildfirechat.conf >> \(imConfigPath)\n"
            + "   ```\n"
            + "   To get the merged file instead, run `wfc build --im-base <your wildfirechat.conf>`: it sets each key on its own line, commented-out ones included."
    }

    /// Single + https: the node ends TLS itself from a JKS keystore.
    static func keystoreStep(_ plan: Plan) -> String? {
        guard let keystore = plan.tls?.keystore, let path = keystore.path else { return nil }
        let name = plan.authorizedAddress.value.text
        return "Put the JKS keystore for `\(name)` at `\(path)`, locked with the passwords that `key_store_password` and `key_manager_password` refer to. "
            + "To make it from a PEM certificate chain and key:\n"
            + "   ```sh\n"
            + "   openssl pkcs12 -export -in fullchain.pem -inkey privkey.pem -name \(name) -out /tmp/\(name).p12\n"
            + "   keytool -importkeystore -srckeystore /tmp/\(name).p12 -srcstoretype PKCS12 -destkeystore \(path) -deststoretype JKS -alias \(name)\n"
            + "   rm /tmp/\(name).p12\n"
            + "   ```\n"
            + "   keytool asks for the new keystore's password (`key_store_password`) and the key's (`key_manager_password`); openssl for a transfer password you give keytool once."
    }

    static func nginxInstallStep(streams: Bool) -> String {
        "Install nginx" + (streams ? " with its stream module" : "") + ": `apt-get install nginx" + (streams ? " libnginx-mod-stream" : "")
            + "` on Debian and Ubuntu; `dnf install nginx" + (streams ? " nginx-mod-stream" : "") + "` on RHEL, Rocky or Alma, where two lines of "
            + "`gateway/nginx.conf` change: `user nginx;` for `user www-data;`"
            + (streams ? " and `load_module /usr/lib64/nginx/modules/ngx_stream_module.so;` for the Debian path." : ".")
    }

    /// Open files, listen backlog, source ports and conntrack, sized from `capacity.connections`.
    static func tuningStep(_ host: HostPlan, plan: Plan) -> String {
        let sizing = plan.sizing
        let gateway = host.kind == .gateway
        let service = gateway ? "nginx" : "im-server"
        let carried = gateway ? sizing.connections : sizing.perNode
        var out = ["Tune the host for about \(carried) long connections (`capacity.connections` \(sizing.connections)"
                   + (gateway ? "" : " over \(plan.nodes.count) node\(plan.nodes.count == 1 ? "" : "s")") + "), as the vendor's tuning guide asks:"]
        out.append("   ```sh")
        out.append("   printf '%s\\n' 'net.core.somaxconn = \(Sizing.somaxconn)' "
                   + "'net.ipv4.ip_local_port_range = \(Sizing.localPortRange.low) \(Sizing.localPortRange.high)' "
                   + "'net.netfilter.nf_conntrack_max = \(gateway ? sizing.gatewayConntrack : sizing.nodeConntrack)' > /etc/sysctl.d/60-wfc.conf")
        out.append("   sysctl --system")
        out.append("   mkdir -p /etc/systemd/system/\(service).service.d")
        out.append("   printf '[Service]\\nLimitNOFILE=\(gateway ? sizing.gatewayOpenFiles : sizing.nodeOpenFiles)\\n' > /etc/systemd/system/\(service).service.d/wfc-limits.conf")
        out.append("   systemctl daemon-reload")
        out.append("   ```")
        var notes: [String] = []
        if !gateway { notes.append("`im-server` is the Debian package's unit; use your unit's name otherwise.") }
        if gateway, sizing.perNode > Sizing.defaultSourcePorts {
            notes.append("The wide port range is required here: each node port takes about \(sizing.perNode) connections from this one address, "
                         + "more than Linux's default \(Sizing.defaultSourcePorts) source ports.")
        }
        if !notes.isEmpty { out.append("   " + notes.joined(separator: " ")) }
        return out.joined(separator: "\n")
    }
}
