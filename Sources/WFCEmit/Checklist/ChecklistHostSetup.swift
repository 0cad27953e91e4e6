import WFCLanguage
import WFCPlan

/// The checklist steps that prepare a host before wfc's files go on it: the IM config
/// merge, the JKS keystore, and the tuning for long
/// connections (docs/domain.md, "Long connections at scale").
extension ChecklistEmitter {
    /// Where the Debian package keeps the IM config.
    static let imConfigPath = "/etc/im-server/config/wildfirechat.conf"

    /// The vendor's security guide (`md/blogs/IM服务安全防护指南.md`): the Server API key and
    /// the token key replaced, and every caller of the Server API given the new key.
    static let secretKeys =
        "\n   Replace the vendor's default keys, the same on every node: `http.admin.secret_key` (default `123456`: 32 or more random "
        + "characters, without `#`) and `token.key` (default `testim`). Every Server API caller then needs the new `http.admin.secret_key`: "
        + "the app server (`im.admin_secret`), the object storage service and the push service where they run, and whatever `firewall.server_api_from` "
        + "admits (the vendor's security guide). `wfc build --im-base` refuses a base that keeps either default (WFC703)."

    static func imConfigStep(_ host: HostPlan, mergedBase: Bool) -> String {
        if mergedBase {
            return "Copy `\(host.folder)/wildfirechat.conf` over the IM server's `config/wildfirechat.conf` (`\(imConfigPath)` in the Debian package): "
                + "it is your `--im-base` file with this node's network keys set in place and every other line as it was." + secretKeys
        }
        return "Append `\(host.folder)/wildfirechat.conf` to the IM server's `config/wildfirechat.conf` (`\(imConfigPath)` in the Debian package): "
            + "the server takes the last of duplicate keys, so the appended lines win. First check that no line of the file has a `#` after its value "
            + "(the server's parser rejects such a line and silently drops every key after it): `grep -nE '^[[:space:]]*[^#[:space:]].*#' \(imConfigPath)` must print nothing. Then:\n"
            + "   ```sh\n"
            + "   cp \(Shell.quote(imConfigPath)) \(Shell.quote(imConfigPath + ".before"))\n"
            + "   cat \(Shell.quote(host.folder + "/wildfirechat.conf")) >> \(Shell.quote(imConfigPath))\n"
            + "   ```\n"
            + "   To get the merged file instead, run `wfc build --im-base <your wildfirechat.conf>`: it sets each key on its own line, commented-out ones included."
            + secretKeys
    }

    /// Single + https: the node ends TLS itself from a JKS keystore.
    /// The node's JKS keystore, made from a PEM pair: for the authorized domain in single mode,
    /// for the node's own domain with `tls.wss: nodes`. The key gets `key_manager_password`
    /// (`-destkeypass`: without it keytool gives the key the transfer password and the server
    /// fails with UnrecoverableKeyException); the PKCS#12 file stays in a private folder.
    package static func keystoreStep(_ node: PlanNode, plan: Plan) -> String? {
        let own = plan.wssAtNodes ? node.keystore : nil
        guard let keystore = own ?? plan.tls?.keystore, let path = keystore.path else { return nil }
        let name = (own != nil ? node.domain?.value : nil)?.text ?? plan.authorizedAddress.value.text
        let (n, p) = (Shell.quote(name), Shell.quote(path))
        return "Put the JKS keystore for `\(name)` at `\(path)`, locked with the passwords that `key_store_password` and `key_manager_password` refer to "
            + "(the vendor's deb and rpm packages keep the server's config in `/etc/im-server/config`; a tarball install, in `config/` beside the server). "
            + "To make it from a PEM certificate chain and key:\n"
            + "   ```sh\n"
            + "   dir=$(mktemp -d)\n"
            + "   openssl pkcs12 -export -in fullchain.pem -inkey privkey.pem -name \(n) -out \"$dir/keystore.p12\"\n"
            + "   read -rsp 'key_manager_password: ' WFC_KEY_PASS && echo && export WFC_KEY_PASS\n"
            + "   keytool -importkeystore -srckeystore \"$dir/keystore.p12\" -srcstoretype PKCS12 -destkeystore \(p) -deststoretype JKS -alias \(n) -destkeypass:env WFC_KEY_PASS\n"
            + "   rm -rf \"$dir\"; unset WFC_KEY_PASS\n"
            + "   ```\n"
            + "   openssl asks for a transfer password that you give keytool once; keytool for the new keystore's password (`key_store_password`).\n"
            + "   Use an RSA key (`openssl req -newkey rsa:2048 …`, or ask your CA for RSA): on JDK 8 an ECDSA certificate stops HTTPS and WSS with "
            + "`Cannot support TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 with currently installed providers` (the vendor's FAQ, `md/faq/server.md`, "
            + "which suggests a JDK patch). Or run the server on a newer JDK"
            // The TLS long link is ended by the IM server itself: no layout without a keystore.
            + (plan.tlsLongLink ? "." : ", or ")
            + (plan.tlsLongLink
                ? ""
                : own != nil
                    ? "let the gateway end WSS on per-node proxy ports (`tls.wss: gateway`), which needs no keystore on the nodes."
                    : "end TLS at nginx on this host (`gateway: {on: \(node.name.value)}`, the vendor's quick HTTPS), which needs no keystore.")
    }

    /// What else filters or labels this host's ports (docs/domain.md, "RHEL family", "fail2ban"):
    /// wfc's ruleset is meant to be the host's whole inbound policy.
    static func otherFirewallsStep(_ host: HostPlan, plan: Plan) -> String {
        var out =
            "Other filters on this host: on RHEL, Rocky or Alma, firewalld (on by default) filters too; wfc's rules are the whole inbound policy, "
            + "so turn it off (`systemctl disable --now firewalld`) rather than open the same ports twice. On Debian or Ubuntu, if `ufw status` says active, "
            + "`ufw disable`. If fail2ban runs here, restart it after applying (`systemctl restart fail2ban`): wfc's chain goes first in INPUT and accepts SSH "
            + "before fail2ban's jump, so bans stop working until fail2ban puts its jump first again."
        let unit: (any GatewayUnit.Type)?
        let ports: [Int]
        switch host.kind {
        case .gateway: (unit, ports) = (plan.gatewayUnit, gatewayPorts(plan))
        case .node(let n): (unit, ports) = (plan.gateway?.on == n.index ? plan.gatewayUnit : nil, gatewayPorts(plan))
        case .accessPoint: (unit, ports) = (plan.proxyUnit(of: host), host.listeners.map { $0.port.value })
        case .turn, .media, .app: (unit, ports) = (nil, [])
        }
        if let unit, let selinux = unit.selinux(ports: ports) {
            out += " With SELinux enforcing (RHEL family): " + selinux
        }
        return out
    }

    /// `firewall.egress`: what the host may still dial, and what the operator must have
    /// listed before the rules go live.
    static func egressStep(_ host: HostPlan, plan: Plan) -> String? {
        guard let egress = host.egress else { return nil }
        let needs = Set(egress.compactMap { $0.purpose?.summary }).sorted()
        return "Outbound: this host's own connections (and, with Docker, its containers') are refused except answers to inbound connections, "
            + (needs.isEmpty ? "" : list(needs) + " (what the plan has it dial), ")
            + "and the \(plan.topology.firewall.value?.egress.value?.count ?? 0) entries of `firewall.egress`. "
            + "Before applying, check that these hold every destination the IM server dials: DNS (53 over UDP and TCP, to the resolvers in `/etc/resolv.conf`), "
            + "NTP (123/udp), the database, the push service, the object store. Afterwards a refused destination fails at once (`Connection refused`) "
            + "and shows in the IM server's log."
    }

    /// The ports the gateway binds, in order.
    static func gatewayPorts(_ plan: Plan) -> [Int] {
        plan.gatewayHost.map { Array(Set($0.listeners.map { $0.port.value })).sorted() } ?? []
    }

    /// The kernel reads at most a page less one byte of `ip_local_reserved_ports` and keeps a
    /// prefix of anything longer (`sysctl -p` says nothing): a bound well under that.
    static let reservedPortsLimit = 4000

    /// `net.ipv4.ip_local_reserved_ports` for these listener ports: ranges as ranges, only the
    /// ports the source-port range could hand out, and when that is still too long for the
    /// kernel, the closest neighbouring ranges joined (reserving a few ports no listener uses
    /// costs some source ports; a port left out costs a listener).
    static func reservedPorts(_ ports: [Int]) -> String {
        let range = Sizing.localPortRange
        var runs: [(low: Int, high: Int)] = []
        for port in Set(ports).sorted() where range.low <= port && port <= range.high {
            if let last = runs.last, last.high + 1 == port { runs[runs.count - 1].high = port } else { runs.append((port, port)) }
        }
        func text(_ runs: [(low: Int, high: Int)]) -> String {
            runs.map { $0.low == $0.high ? "\($0.low)" : "\($0.low)-\($0.high)" }.joined(separator: ",")
        }
        // Gaps up to 1, 2, 4… ports are closed in turn: a pass each, at most 16.
        var gap = 1
        while text(runs).utf8.count > reservedPortsLimit {
            runs = runs.reduce(into: []) { joined, run in
                if let last = joined.last, run.low - last.high <= gap { joined[joined.count - 1].high = run.high } else { joined.append(run) }
            }
            gap *= 2
        }
        return text(runs)
    }

    /// Open files, listen backlog, source ports and conntrack, sized from `capacity.connections`.
    package static func tuningStep(_ host: HostPlan, plan: Plan) -> String {
        let sizing = plan.sizing
        // The gateway and the access points proxy every connection they carry.
        let unit = plan.proxyUnit(of: host)
        let gateway = unit != nil
        let service = gateway ? unit?.service ?? "" : "im-server"
        let carried = gateway ? sizing.connections : sizing.perNode
        var out = [
            "Tune the host for about \(carried) long connections (`capacity.connections` \(sizing.connections)"
                + (gateway ? "" : " over \(plan.nodes.count) node\(plan.nodes.count == 1 ? "" : "s")") + "), as the vendor's tuning guide asks:"
        ]
        // The wide source-port range covers the host's own listeners (5017, 10081, 1883…): an
        // outbound connection could take one, and a restarted gateway or IM server then fails
        // to bind it. Every listener port of the machine is reserved.
        let index = plan.index(of: host)
        let listening = plan.hosts(onMachine: index).flatMap { $0.listeners.map { $0.port.value } }
        let reserved = reservedPorts(listening + [plan.sshPort.value])
        out.append("   ```sh")
        let openFiles = gateway ? unit?.openFiles(sizing) ?? 0 : sizing.nodeOpenFiles
        let settings = [
            "net.core.somaxconn = \(Sizing.somaxconn)", "net.ipv4.tcp_max_syn_backlog = 16384", "net.core.netdev_max_backlog = 16384",
            "net.ipv4.ip_local_port_range = \(Sizing.localPortRange.low) \(Sizing.localPortRange.high)",
            "net.ipv4.ip_local_reserved_ports = \(reserved)", "net.ipv4.tcp_max_tw_buckets = 1000000", "net.ipv4.tcp_fin_timeout = 15",
            "fs.nr_open = \(max(2_000_000, openFiles))",
            "net.netfilter.nf_conntrack_max = \(gateway ? sizing.gatewayConntrack : sizing.nodeConntrack)"
        ]
        out.append("   printf '%s\\n' " + settings.map { "'\($0)'" }.joined(separator: " ") + " > /etc/sysctl.d/60-wfc.conf")
        out.append("   sysctl --system")
        out.append("   mkdir -p /etc/systemd/system/\(service).service.d")
        out.append(
            "   printf '[Service]\\nLimitNOFILE=\(openFiles)\\n' > /etc/systemd/system/\(service).service.d/wfc-limits.conf"
        )
        out.append("   systemctl daemon-reload")
        out.append("   ```")
        var notes = [
            "These are the vendor's tuning guide's numbers; `nf_conntrack_max` is wfc's addition, for the stateful firewall. "
                + "The guide's `fs.file-max = 2000000` is left out: 64-bit kernels already allow far more, and the line would lower it."
        ]
        if !gateway {
            notes.append(
                "`im-server` is the Debian package's unit; use your unit's name otherwise. As the guide also asks, set `netty.epoll true` in the "
                    + "server's config (Linux's epoll transport). For about \(sizing.perNode) users online the vendor's sizing (`md/server/README.md`: "
                    + "16 cores and 32 GB per 100,000) gives this node \(sizing.nodeCores) cores and \(sizing.nodeMemoryGB) GB; set the heap in the "
                    + "start script `wildfirechat.sh` as the launch checklist asks, `-Xms` equal to `-Xmx`: "
                    + "`JAVA_OPTS=\"$JAVA_OPTS -Xmx\(sizing.heapGB)G -Xms\(sizing.heapGB)G\"` (`md/server/server_memory.md`: "
                    + "\(sizing.heapPer100k) GB per 100,000 active users for this edition; wfc counts each connection as one).")
        }
        if gateway, sizing.perNode > Sizing.defaultSourcePorts {
            notes.append(
                "The wide port range is required here: each node port takes about \(sizing.perNode) connections from this one address, "
                    + "more than Linux's default \(Sizing.defaultSourcePorts) source ports.")
        }
        if !notes.isEmpty { out.append("   " + notes.joined(separator: " ")) }
        return out.joined(separator: "\n")
    }
}
