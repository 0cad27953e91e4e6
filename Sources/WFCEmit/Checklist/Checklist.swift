import WFCLanguage
import WFCPlan

/// CHECKLIST.md: what to copy where, how to apply each firewall without locking yourself
/// out, then the checks of docs/domain.md made concrete for this topology, and a diagram.
package enum ChecklistEmitter {
    /// `mergedBase`: the IM configs are whole files merged into `--im-base`.
    package static func render(_ plan: Plan, provenance: Provenance, mergedBase: Bool = false) -> String {
        var md: [String] = []
        let authorized = plan.authorizedAddress.value.text
        md.append("# Deployment checklist: \(authorized) (\(plan.mode.value.rawValue))")
        md.append("")
        md.append("\(provenance.header) Follow it from top to bottom: every command uses this topology's addresses and ports.")
        md.append("")
        md.append("## Diagram")
        md.append("")
        md += diagram(plan)
        md.append("")
        md.append("## 1. The authorized address")
        md.append("")
        let entry = plan.entryAddress
        if plan.authorizedAddress.value.address == nil, let entry {
            md.append("- [ ] `\(authorized)` resolves to the entry point \(entry.text): `getent hosts \(Shell.quote(authorized))` prints \(entry.text).")
        } else if plan.authorizedAddress.value.address == nil {
            md.append("- [ ] `\(authorized)` resolves to the address clients reach the server at: `getent hosts \(Shell.quote(authorized))`.")
        } else {
            md.append("- [ ] Clients use the IP address \(authorized) directly; nothing to resolve.")
        }
        if plan.authorizedAddress.value.address == nil {
            md.append(
                "- [ ] If the server is in mainland China, `\(authorized)` has its ICP filing (备案): without it the hosting network answers "
                    + "every request for the name with 403 before the IM server sees it (the vendor's FAQ, `md/faq/general.md`).")
        }
        for d in plan.nodeDomains {
            md.append(
                "- [ ] `\(d.domain.text)`, node `\(d.node)`'s own name (its `server.ip`), resolves to its address \(d.address.text): "
                    + "`getent hosts \(Shell.quote(d.domain.text))` prints \(d.address.text); its keystore holds a certificate for that name.")
        }
        md.append("")
        md.append("## 2. Each host")
        md.append("")
        md += rollout(plan)
        var step = 0
        let members = plan.clusterSources().map { $0.address.description }
        for host in plan.hosts {
            step += 1
            md.append("")
            let address = [host.publicAddress, host.privateAddress].compactMap { $0?.value.text }.joined(separator: ", ")
            let on = host.machine.map { " on the host of `\(plan.hosts[$0].name)`" } ?? ""
            md.append("### 2.\(step) `\(host.name)`" + (on.isEmpty ? (address.isEmpty ? "" : " (\(address))") : on))
            md.append("")
            md += hostSteps(host, plan: plan, members: members, mergedBase: mergedBase)
        }
        let appServer = appServerSteps(plan)
        if !appServer.isEmpty {
            md += ["", "### 2.\(step + 1) The app server", ""] + appServer
        }
        md.append("")
        md.append("## 3. The clients")
        md.append("")
        md += clients(plan)
        md.append("")
        md.append("## 4. Checks")
        md.append("")
        md.append(
            "Run these from a client's network (outside the servers' firewalls)"
                + (plan.nodes.contains { !$0.backups.isEmpty } ? "; those of a backup address from the other network." : "."))
        md.append("")
        md += checks(plan)
        md.append("")
        md.append("## 5. Continuous checks")
        md.append("")
        md += monitoring(plan)
        return md.joined(separator: "\n") + "\n"
    }

    /// `members`: the cluster's member addresses, the same for every node.
    private static func hostSteps(_ host: HostPlan, plan: Plan, members: [String], mergedBase: Bool) -> [String] {
        var out: [String] = []
        var n = 0
        func item(_ text: String) { n += 1; out.append("\(n). \(text)") }
        if case .node(let ref) = host.kind {
            let node = plan.nodes[ref.index]
            if let mapping = node.portMapping?.value, !mapping.isEmpty {
                let outside = node.publicAddress?.value ?? plan.authorizedAddress.value
                out += routerStep(
                    node, outside: outside, pairs: mapping.map { ($0.outside, $0.inside) }, number: n + 1,
                    intro: "On the router in front of this host, map these ports (DNAT, TCP) from the outside address `\(outside.text)` "
                        + "to this host, and nothing else: the IM server advertises `port`\(plan.web ? ", `websocket_port`" : "") and the WSS port "
                        + "as it binds them, so each keeps its number.")
                n += 1
            }
            for backup in node.backups where backup.accessPoint == nil {
                let pairs = plan.flows(into: host).filter { $0.isFromClients && $0.dialed == backup.address.value }.map { ($0.dialedPort, $0.port.value) }
                out += routerStep(
                    node, outside: backup.address.value, pairs: pairs, number: n + 1,
                    intro: "Clients of the other network reach this node at its backup address `\(backup.address.value.text)` "
                        + "(`\(backup.value)` in `server.backup_address`). On the proxy or router of that network, map these ports (TCP) to this host; "
                        + "these outside ports may differ from the inside ones, since they are advertised as given. "
                        + "The licence must cover the second network: tell the vendor (双网授权).")
                n += 1
            }
            item(imConfigStep(host, mergedBase: mergedBase))
            if plan.calls?.edition == .advanced {
                item(
                    "The IM config sets the advanced edition's `conference.*` keys: the media servers' ids (`conference.client_list`), this node's "
                        + "own private IP for janus's signalling (`conference.signal_server_address`)"
                        + (plan.calls?.recording == nil ? "" : " and the recording")
                        + ". Restart every node before starting the media servers, and again whenever those keys change.")
            }
            // The server takes one files address for the other networks: the first backup's.
            if let backup = node.backups.first {
                switch plan.media.storage {
                case .builtin:
                    item(
                        "Files in the other network: the IM config's `media.backup_server_url http://\(backup.address.value.uriHost)` and "
                            + "`media.backup_server_port \(backup.http)` send that network's clients to this node's HTTP port at its backup address "
                            + "(the vendor's dual-network blog).")
                case .object:
                    item(
                        "Files in the other network: clients there must reach the object store at an address of their network. Add to the IM config "
                            + "`media.backup_server_url` (the store's URL in that network, e.g. `http://192.168.3.103`) and `media.backup_server_port`, "
                            + "and map that port to the store on the other network's proxy (the vendor's dual-network blog); wfc does not know the store.")
                }
            }
            if let keystore = keystoreStep(node, plan: plan) { item(keystore) }
            if plan.nodes.count > 1, plan.media.storage == .builtin {
                let routed =
                    plan.media.remoteServerURL(of: node.name.value).map {
                        " wfc gives each node's files a path of their own (`\($0)`), so a file is always fetched from the node that holds it;"
                            + " but it is lost with that node's disk."
                    }
                    ?? " Its files' addresses are its own (`server.ip` and `http_port`), so a file is fetched from the node that holds it; but it is lost with that node's disk."
                item(
                    "The IM server's built-in file storage keeps a file on the node that received it, and the other nodes cannot serve it (the vendor's FAQ)."
                        + routed + " For a cluster the vendor recommends object storage (MinIO, or a cloud object store): configure it in the IM config "
                        + "and set `media.storage: object`.")
            }
            // The professional hazelcast.xml is not public: say what its join settings must hold.
            if members.count > 1 {
                let own = host.internalAddress?.text ?? host.name
                item(
                    "In the cluster configuration (`config/hazelcast.xml`), list every member for a TCP-IP join on port \(plan.ports.cluster.value) "
                        + "and bind the interface `\(own)`" + (host.privateAddress != nil ? " (the private network)" : "")
                        + ": merge this into the vendor's file's `<network>`. The firewall admits port \(plan.ports.cluster.value) from these members only.\n"
                        + "   ```xml\n" + hazelcast(members: members, own: own, port: plan.ports.cluster.value).map { "   " + $0 }.joined(separator: "\n")
                        + "\n   ```\n"
                        + "   \"Hazelcast instance is not active\" in the log: the vendor's FAQ (`md/faq/server.md`) says the cache ran out of memory: "
                        + "give the JVM the heap the host can spare (`-Xmx`, equal to `-Xms`, in the server's start script; the tuning step's "
                        + "\(plan.sizing.heapGB)G for \(plan.sizing.perNode) users online per node), or shrink every cache "
                        + "size in `hazelcast.xml` (the vendor's `md/server/server_memory.md` sizes `messages_map`'s `max-size` at 100 messages "
                        + "per active user: \(plan.sizing.messageCacheEntries) for this node's share), or give the host more memory; "
                        + "or a node was killed with `kill -9` (restart every node). "
                        + "wfc adds a closed port \(plan.ports.cluster.value) between members as one more cause.")
            }
        } else if case .turn(let t) = host.kind, let turn = plan.calls?.turn[t] {
            turnSteps(turn, host: host, plan: plan).forEach(item)
            if let machine = host.machine {
                item(
                    "This host's firewall is `\(plan.hosts[machine].name)`'s (step 2.\(machine + 1)): one machine, one ruleset, which opens this TURN server's ports too."
                )
            }
        } else if host.kind == .app {
            item(
                "The vendor's app server runs here on port \(plan.appServer?.port ?? Defaults.appServerPort) (`wildfirechat/app-server`); its settings "
                    + "are the step \"The app server\" below.")
            if let machine = host.machine {
                item(
                    "This host's firewall is `\(plan.hosts[machine].name)`'s (step 2.\(machine + 1)): one machine, one ruleset, which opens the app server's port too."
                )
            }
        } else if case .media(let i) = host.kind, let m = plan.calls?.mediaServers[i] {
            mediaSteps(m, host: host, plan: plan).forEach(item)
            if let machine = host.machine {
                item(
                    "This host's firewall is `\(plan.hosts[machine].name)`'s (step 2.\(machine + 1)): one machine, one ruleset, which opens this media server's ports too."
                )
            }
        } else if case .accessPoint(let a) = host.kind, let unit = plan.proxyUnit(of: host) {
            accessPointSteps(plan.accessPoints[a], host: host, plan: plan).forEach(item)
            unit.accessPointSetup(plan, host: host, listeners: plan.listeners(ofAccessPoint: a)).forEach(item)
            guard unit.service != nil else { return out }
        } else if let unit = plan.gatewayUnit {
            unit.setupSteps(plan, gateway: host).forEach(item)
            // A balancer wfc does not run: no tuning, no firewall, nothing to start here.
            guard unit.service != nil else { return out }
        }
        let unit = plan.proxyUnit(of: host) ?? plan.gatewayUnit
        if !host.kind.family.carriesLongConnections {
            if host.machine != nil {
                item(callsStart(host, plan: plan))
                return out
            }
        } else if let machine = host.machine {
            item(
                "This host's firewall and tuning are `\(plan.hosts[machine].name)`'s (step 2.\(machine + 1)): one machine, one ruleset. "
                    + "Restart `\(plan.hosts[machine].name)`'s IM server first: it moves to `local_port` \(plan.nodes[machine].localPort.value) and frees port \(plan.ports.http.value) for \(unit?.name ?? "the gateway")."
            )
            item(unit?.startStep ?? "")
            return out
        }
        if host.kind.family.carriesLongConnections { item(tuningStep(host, plan: plan)) }
        // Every value in a command an operator pastes passes Shell.quote (as root, a topology
        // value must never be read as shell syntax).
        let folder = Shell.quote(host.folder)
        if plan.backend != .none {
            item(otherFirewallsStep(host, plan: plan))
            if plan.locksOutSSH(host) {
                item(
                    "**Stop: this host's declared rules let no SSH in on port \(plan.sshPort.value) (WFC504).** Applying them locks you out; "
                        + "the rollback below would bring the old rules back after 2 minutes. Open the SSH port to your operations network in `firewall.allow` and build again."
                )
            }
        }
        if plan.backend != .none, let egress = egressStep(host, plan: plan) { item(egress) }
        if plan.backend == .both {
            item("Use one firewall backend on this host, iptables or nftables, and apply only its step below: a packet must pass every loaded table.")
        }
        for firewall in FirewallUnits.units(for: plan.backend) {
            let step = firewall.applyStep(folder: folder, egress: host.egress != nil)
            item(step.item)
            out += step.lines
        }
        if case .node(let ref) = host.kind {
            // After the firewall: the `DOCKER-USER` hook needs wfc's chain loaded.
            if let docker = dockerStep(plan.nodes[ref.index], host: host, plan: plan) {
                item(docker)
            } else {
                item("Restart the IM server: it reads its config only at start.")
            }
        } else if !host.kind.family.carriesLongConnections {
            item(callsStart(host, plan: plan))
        } else {
            item(unit?.startStep ?? "")
        }
        return out
    }

    static let turnRestart = "Restart coturn (`systemctl restart coturn`): it reads its configuration only at start."

    /// The last step on a TURN or media server's host, or the app server's own.
    static func callsStart(_ host: HostPlan, plan: Plan) -> String {
        if case .media(let i) = host.kind, let m = plan.calls?.mediaServers[i] { return mediaStart(m, host: host, plan: plan) }
        if host.kind == .app { return "Restart the app server after changing its `application.properties` and `im.properties`: it reads them only at start." }
        return turnRestart
    }

    /// The Ansible rollout in `ansible/`, beside the manual steps: what it does and what it leaves.
    private static func rollout(_ plan: Plan) -> [String] {
        [
            "Roll out with Ansible (ansible-core 2.14 or later, nothing from Galaxy), from a machine that reaches every host over SSH:",
            "",
            "```sh",
            "ansible-playbook -i ansible/inventory.yml -i your-inventory.yml ansible/site.yml",
            "```",
            "",
            "It stages and checks every host's files first (nothing live changes if one fails), then does the copy, firewall, "
                + "restart and reload steps below on the nodes one at a time, then the gateway"
                + (plan.calls?.turn.isEmpty == false ? ", then the TURN servers" : "") + ": each firewall with a rollback the host runs by itself "
                + "unless a new SSH connection gets in, a health check after each host, and the host's previous files back when a step or the check fails. "
                + "A second run of the same build changes nothing. Your inventory, read after the generated one, sets `ansible_user`, `become`, bastions and, "
                + "where your services are named otherwise, `wfc_im_restart` (`systemctl restart im-server`) and `wfc_gateway_reload`. "
                + "Installing packages, certificates, keystores, the cluster configuration and the tuning stay the steps below. "
                + "Build right before deploying: the build folder holds the secrets, which reach `wfc build` from the environment "
                + "(with Ansible Vault: `WFC_KEY_STORE_PASSWORD=\"$(ansible-vault view ks.vault)\" wfc build …`).",
            "",
            "Or by hand, host by host:"
        ]
    }

    /// The network part of hazelcast.xml for one member: the TCP-IP join and its interface.
    static func hazelcast(members: [String], own: String, port: Int) -> [String] {
        [
            "<network>", "  <port auto-increment=\"false\">\(port)</port>", "  <join>", "    <multicast enabled=\"false\"/>",
            "    <tcp-ip enabled=\"true\">"
        ]
            + members.map { "      <member>\(XML.escape($0))</member>" }
            + [
                "    </tcp-ip>", "  </join>", "  <interfaces enabled=\"true\">", "    <interface>\(XML.escape(own))</interface>", "  </interfaces>",
                "</network>"
            ]
    }

    /// A router's or proxy's DNAT rules for a host: each client port, outside → inside.
    private static func routerStep(_ node: PlanNode, outside: Host, pairs: [(Int, Int)], number: Int, intro: String) -> [String] {
        let inside = node.internalAddress?.text ?? "this host's address"
        var out = ["\(number). \(intro)", "", "   | protocol | outside | inside |", "   |---|---|---|"]
        var seen = Set<Int>()
        for (o, i) in pairs.sorted(by: { $0.0 < $1.0 }) where seen.insert(o).inserted {
            out.append("   | TCP | `\(outside.authority(o))` | `\(inside):\(i)` |")
        }
        out.append("")
        return out
    }

    /// How to keep the checks of section 4 running in an existing Prometheus.
    private static func monitoring(_ plan: Plan) -> [String] {
        let jobs = MonitoringEmitter.jobs(plan)
        let count = jobs.reduce(0) { $0 + $1.targets.count }
        return [
            "`monitoring/` holds the checks above as \(count) blackbox-exporter targets in \(jobs.count) jobs (all but the DNS check, the "
                + "comparison of every node's `/api/version` and the TURN servers' STUN and relay checks, which stay with `wfc probe`). On a monitoring host outside the servers' firewalls, where a client would be:",
            "1. Install the exporter (`apt-get install prometheus-blackbox-exporter`), put `monitoring/blackbox.yml` at `/etc/prometheus/blackbox.yml` "
                + "(or merge its `modules`), check it with `prometheus-blackbox-exporter --config.check --config.file=/etc/prometheus/blackbox.yml` and restart the exporter.",
            "2. Copy `monitoring/alerts.yml` beside your `prometheus.yml`, and add the `scrape_configs` of `monitoring/prometheus.yml` to yours with `alerts.yml` under `rule_files`; "
                + "its jobs send every target to the exporter at `\(MonitoringEmitter.exporter)`: change that replacement where the exporter runs elsewhere.",
            "3. Check and reload: `promtool check config /etc/prometheus/prometheus.yml && systemctl reload prometheus`. "
                + "The alerts: an endpoint down for 2 minutes (`WfcApiDown`, `WfcAppServerDown`, \(plan.tcpShortLink ? "`WfcShortLinkDown`, " : "")`WfcLongConnectionDown`, `WfcWebSocketDown`, `WfcTurnDown`), an internal port reachable (`WfcInternalPortReachable`, at once), "
                + "a certificate expiring within 14 days (`WfcCertificateExpiring`)."
        ]
    }

    /// What the apps and the web client are configured with.
    private static func clients(_ plan: Plan) -> [String] {
        let authorized = plan.authorizedAddress.value.text
        var out = [
            "- [ ] In the Android, iOS and desktop apps\(plan.web ? " and the web client" : ""), set the IM host to `\(authorized)`: "
                + "no scheme, no port, and never a node's own address (the route step hands out the node)."
        ]
        if plan.tcpShortLink {
            // md/blogs/基于TCP的短链接.md: both ends must switch, the apps before they connect.
            out.append(
                "- [ ] In every native app, call the SDK's `useTcpShortLink` before it connects: its route and short links then go over TCP to port "
                    + "\(plan.ports.shortLinkTCP.value), and HTTP (port \(plan.ports.http.value)) stays for the web client, robots and channels.")
        }
        if plan.tlsLongLink, let ssl = plan.ports.ssl {
            // md/blogs/野火IM支持TLS与KCP连接方式.md: one mode for the whole deployment.
            out.append(
                "- [ ] In every native app, call the SDK's `useTls` before it connects: its long connection then goes over TLS to port \(ssl.value) "
                    + "and its short links over HTTPS to port \(plan.ports.https.value). Every app of this deployment must: the plain long connection "
                    + "(port \(plan.ports.tcp.value)) is closed, and the two modes cannot be mixed.")
        }
        if plan.sdk == .customPorts {
            // md/faq/general.md: networks that forbid 80 get an SDK built for their port.
            out.append(
                "- [ ] Build every native app (Android, iOS, PC, uni-app) with the vendor's custom-port SDK for port \(plan.ports.http.value): "
                    + "the standard SDK dials 80 for the route and never connects here. Ask the vendor for it (free for government and confidential networks).")
        }
        if plan.web {
            // The vendor's web walkthroughs (md/faq/web/all_in_one_*.md): the web client's
            // config.js names the route's port and whether to use WSS.
            let (wss, port) = plan.https ? ("true", plan.ports.https.value) : ("false", plan.ports.http.value)
            out.append(
                "- [ ] In the web client (vue-chat's `config.js`): `static USE_WSS = \(wss);` and `static ROUTE_PORT = \(port);` "
                    + "(the \(plan.https ? "HTTPS" : "HTTP") port of `\(authorized)`), and replace `proto.min.js` with the one the vendor bound to `\(authorized)`."
                    + (plan.https ? " Its `APP_SERVER` must be an `https://` address too: a page on HTTPS cannot call HTTP." : ""))
        }
        // An access point's entries need nothing in the apps (its own section says so).
        let backups = plan.nodes.flatMap { $0.backups.filter { $0.accessPoint == nil } }
        if plan.nodes.count == 1, backups.count == 1, let b = backups.first {
            out.append(
                "- [ ] For the other network, call `setBackupAddress(\"\(b.address.value.text)\", \(b.http))` where the app starts, "
                    + "then `setBackupAddressStrategy(0)` (both networks at once; 1 the primary only, 2 the backup only)"
                    + (plan.web ? "; the web client supports only 1 and 2: choose by the page's own address." : "."))
        } else if plan.nodes.count == 1, !backups.isEmpty {
            out.append(
                "- [ ] For the other networks, each app takes one backup address: call `setBackupAddress` with the entry of the network it runs in ("
                    + backups.map { "`\($0.address.value.text)`, \($0.http)" }.joined(separator: "; ")
                    + "), then `setBackupAddressStrategy(0)`.")
        } else if !backups.isEmpty {
            out.append(
                "- [ ] For the other network, the apps take one backup address (`setBackupAddress(HOST, PORT)`, then `setBackupAddressStrategy`): "
                    + "the other network's entry, not a node's backup address.")
        }
        return out + callClients(plan)
    }

    private static func checks(_ plan: Plan) -> [String] {
        var out: [String] = []
        for e in plan.entryEndpoints {
            out.append(
                "- [ ] `\(e.url)api/version` answers JSON: `curl -fsS \(Shell.quote(e.url + "api/version"))`"
                    + (e.kind == .https ? " (curl also checks the certificate is valid for `\(plan.authorizedAddress.value.text)`)" : ""))
        }
        for e in plan.nodeAPIEndpoints {
            let via = plan.accessPoints.first { $0.publicAddress.value == e.host }.map { "through access point `\($0.name.value)`" } ?? "directly"
            out.append("- [ ] node `\(e.node ?? "")` answers the same JSON \(via): `curl -fsS \(Shell.quote(e.url + "api/version"))`")
        }
        if let e = plan.entryEndpoints.first {
            let gateway = plan.gatewayUnit ?? NginxUnit.self
            // Hardened servers close the version API; a 404 from them is not a dead node.
            out.append(
                "- [ ] If the IM servers run with `http.close_api_version true`, `/api/version` answers a plain 404 (not \(gateway.name)'s error page, "
                    + "which \(gateway.errorPageMarker == nil ? "" : "names \(gateway.name) and ")comes with 502, 503 or 504): check them through the route endpoint instead, "
                    + "`curl -si -X OPTIONS \(Shell.quote(e.url + "route"))` answers 200 with `Access-Control-Allow-Headers: *`, "
                    + "the IM server's own answer to a preflight (\(gateway.name)'s error pages and other servers give another), "
                    + "and the same on every node's own address above. `wfc probe` does this by itself.")
        }
        // Nodes only the gateway reaches over HTTP: check them from the gateway itself.
        for f in plan.flows where f.isFromGateway && f.purpose == .http {
            guard let node = f.node(in: plan), let a = plan.nodes[node.index].privateAddress?.value else { continue }
            out.append(
                "- [ ] from the gateway, node `\(node.name)` answers the same JSON: `curl -fsS \(Shell.quote(Endpoint(kind: .http, host: a, port: f.port.value, node: nil).url + "api/version"))`"
            )
        }
        for e in plan.shortLinkEndpoints {
            out.append(
                "- [ ] TCP short link \(e.node.map { "of `\($0)`" } ?? "route (balanced over the nodes)"): `nc -vz -w 5 \(Shell.quote(e.host.text)) \(e.port)` connects"
            )
        }
        for e in plan.connectionEndpoints {
            switch e.kind {
            case .tcp:
                out.append("- [ ] long connection of `\(e.node ?? "")`: `nc -vz -w 5 \(Shell.quote(e.host.text)) \(e.port)` connects")
            case .ws, .wss:
                out.append(
                    "- [ ] \(e.kind == .ws ? "WebSocket" : "secure WebSocket") of `\(e.node ?? "")` answers `101 Switching Protocols`: "
                        + "`curl -si --http1.1 -o /dev/null -w '%{http_code}\\n' -H 'Connection: Upgrade' -H 'Upgrade: websocket' "
                        + "-H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: d2ZjLXByb2JlLWtleS0wMQ==' --max-time 5 "
                        + "\(Shell.quote(e.url.replacingPrefix("ws", with: "http")))` prints 101")
            case .tls:
                // `-verify_return_error`: an untrusted chain or another name fails the handshake.
                let host = Shell.quote(e.host.text)
                out.append(
                    "- [ ] TLS long connection of `\(e.node ?? "")`: the certificate is valid for `\(e.host.text)` and trusted: "
                        + "`openssl s_client -connect \(Shell.quote(e.authority)) -servername \(host) -verify_hostname \(host) -verify_return_error </dev/null` "
                        + "ends with `Verify return code: 0 (ok)`")
            case .http, .https:
                break
            }
        }
        for e in plan.closedEndpoints {
            out.append("- [ ] port \(e.port) of `\(e.node ?? "")` is closed from outside: `nc -vz -w 5 \(Shell.quote(e.host.text)) \(e.port)` fails")
        }
        return out + callChecks(plan)
    }

    /// Who talks to whom, drawn from the flows: clients into the gateway and straight into
    /// nodes, and the gateway into each node (its port → the node's).
    private static func diagram(_ plan: Plan) -> [String] {
        var out = ["```mermaid", "flowchart LR"]
        func id(_ name: String) -> String { "h_" + name.replacingOccurrences(of: "-", with: "_") }
        func label(_ f: Flow) -> String {
            "\(f.purpose.protocolName) \(f.dialedPort)" + (f.dialedPort == f.port.value ? "" : "→\(f.port.value)")
        }
        out.append("    clients([\"clients\"])")
        let gatewayFlows = plan.gatewayHost.map { plan.flows(into: $0).filter { $0.isFromClients } } ?? []
        let proxied = gatewayFlows.filter { $0.upstreamNode != nil }
        if let g = plan.gateway {
            out.append("    gateway[\"gateway \(g.publicAddress.value.text)\"]")
            let entry = gatewayFlows.filter { $0.upstreamNode == nil }.map(label)
            let nodePorts = Set(proxied.map { $0.port.value }).count
            out.append(
                "    clients -->|\"\((entry + (nodePorts == 0 ? [] : ["\(nodePorts) node port\(nodePorts == 1 ? "" : "s")"])).joined(separator: ", "))\"| gateway"
            )
        }
        for n in plan.nodes {
            // A node clients dial is labelled with what they dial (its domain or public
            // address); one only the gateway reaches, with the address the gateway dials.
            let dialed = plan.flows(into: plan.hosts[n.index]).first { $0.isFromClients && $0.dialed != nil }?.dialed
            let address = (dialed.flatMap { $0 == plan.authorizedAddress.value ? nil : $0 } ?? n.internalAddress)?.text ?? ""
            out.append("    \(id(n.name.value))[\"\(n.name.value) \(address)\"]")
        }
        let byNode = Dictionary(grouping: proxied, by: { $0.upstreamNode?.index ?? 0 })
        let balanced = gatewayFlows.first(where: \.isBalanced)
        for n in plan.nodes {
            let name = id(n.name.value)
            if plan.gateway != nil {
                let ports =
                    (balanced.map { ["HTTP \($0.upstream?.port ?? 0)"] } ?? [])
                    + (byNode[n.index] ?? []).map { f in
                        let to = f.upstream?.port ?? 0
                        // A WSS proxy port ends TLS: the node gets WS.
                        return f.purpose.endsTLS
                            ? "\(f.port.value) \(f.purpose.protocolName)→\(ClientProtocol.ws.rawValue) \(to)"
                            : "\(f.port.value)→\(f.purpose.protocolName) \(to)"
                    }
                out.append("    gateway -->|\"\(ports.joined(separator: ", "))\"| \(name)")
            }
            let direct = plan.flows(into: plan.hosts[n.index]).filter { $0.isFromClients }.map(label)
            if !direct.isEmpty {
                out.append("    clients -->|\"\(direct.joined(separator: ", "))\"| \(name)")
            }
        }
        // In front of janus (`calls.relay`) the relay range and janus's RTP range face each other on the LAN.
        let relayed = plan.calls?.relayed ?? false
        for t in plan.calls?.turn ?? [] {
            let name = id(t.name.value)
            out.append("    \(name)[\"\(t.name.value) \(t.publicAddress.value.text)\"]")
            out.append("    clients -->|\"TURN \(t.port.value) TCP+UDP\(relayed ? "" : ", relay UDP \(t.relayPorts)")\"| \(name)")
        }
        for m in plan.calls?.mediaServers ?? [] {
            let name = id(m.name.value)
            out.append("    \(name)[\"\(m.name.value) \(m.dockerIP.value.text)\"]")
            if relayed {
                for t in plan.calls?.turn ?? [] {
                    out.append("    \(id(t.name.value)) <-->|\"relay UDP \(t.relayPorts), RTP UDP \(m.rtpPorts)\"| \(name)")
                }
            } else {
                out.append("    clients -->|\"RTP UDP \(m.rtpPorts)\"| \(name)")
            }
            for n in plan.nodes { out.append("    \(name) -->|\"HTTP \(n.localPort.value), MQTT \(n.tcp.value)\"| \(id(n.name.value))") }
        }
        out.append("```")
        return out
    }
}
