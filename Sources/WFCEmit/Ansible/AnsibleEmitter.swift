import WFCLanguage
import WFCPlan

/// `ansible/`: the rollout of this build through ansible-core alone (no collections). The
/// inventory and the role's defaults come from the plan; the role's tasks are the same for
/// every build (`AnsibleRole`). Generated settings are role defaults, the lowest precedence,
/// so that the operator's own inventory (`-i ansible/inventory.yml -i mine.yml`) wins.
enum AnsibleEmitter {
    static func artifacts(_ plan: Plan, provenance: Provenance, mergedBase: Bool) -> [Artifact] {
        let header = "# \(provenance.header)\n# Do not edit here: change the topology and run `wfc build`.\n"
        return [
            Artifact(path: "ansible/inventory.yml", contents: header + inventory(plan).rendered()),
            Artifact(path: "ansible/site.yml", contents: header + AnsibleRole.site),
            Artifact(
                path: "ansible/roles/wfc/defaults/main.yml",
                contents: header + "# Every setting is a role default: your inventory's values win.\n"
                    + defaults(plan, provenance: provenance, mergedBase: mergedBase).rendered()),
            Artifact(path: "ansible/roles/wfc/files/wfc-firewall", contents: helper(provenance), mode: 0o755),
            Artifact(path: "ansible/roles/wfc/files/wfc-im-config-check", contents: IMConfigBase.lineCheck(provenance), mode: 0o755)
        ] + AnsibleRole.tasks.map { Artifact(path: "ansible/roles/wfc/tasks/\($0.name).yml", contents: header + $0.text) }
    }

    /// Groups `wfc_all` > `wfc_nodes`, `wfc_gateway`, `wfc_turn`, `wfc_media`, `wfc_app`; each host with the address the operator
    /// reaches it on (public, else private), its folder in the build and its kind. A balancer
    /// wfc does not configure is not a host of the rollout.
    static func inventory(_ plan: Plan) -> YAML {
        func host(_ h: HostPlan, extra: [(String, YAML)]) -> (String, YAML) {
            let reach = plan.hosts[plan.machine(of: plan.index(of: h))]
            let address = (reach.publicAddress ?? reach.privateAddress)?.value.text ?? h.name
            return (
                h.name,
                .map(
                    [
                        ("ansible_host", .ansible(address)), ("wfc_folder", .ansible(h.folder)),
                        ("wfc_kind", .string(h.kind.word)),
                        // A gateway on a node's host has that node's firewall.
                        ("wfc_firewall", .bool(h.machine == nil))
                    ] + extra)
            )
        }
        // Every host wfc configures, each in its kind's group; a node also names the HTTP port
        // its health is checked on.
        func entry(_ h: HostPlan) -> (String, YAML) {
            switch h.kind {
            case .node(let n): return host(h, extra: [("wfc_local_port", .int(plan.nodes[n.index].localPort.value))])
            case .gateway: return host(h, extra: [])
            case .turn(let t):
                // Where coturn listens: a wait on loopback never sees a coturn bound to its own address.
                let turn = plan.calls?.turn[t]
                return host(
                    h,
                    extra: [
                        ("wfc_turn_port", .int(turn?.port.value ?? Defaults.turnPort)),
                        ("wfc_turn_address", .string(turn?.boundAddress?.text ?? "127.0.0.1"))
                    ])
            case .media, .app, .accessPoint: return host(h, extra: [])
            }
        }
        let hosts = plan.hosts.filter(plan.configures)
        func group(_ family: HostKind.Family) -> (String, YAML) {
            let members = hosts.filter { $0.kind.family == family }.map(entry)
            return (family.inventoryGroup, members.isEmpty ? .map([]) : .map([("hosts", .map(members))]))
        }
        return .map([
            (
                "all",
                .map([
                    (
                        "children",
                        .map([
                            (
                                "wfc_all",
                                .map([
                                    (
                                        "children",
                                        .map(HostKind.Family.allCases.map(group))
                                    )
                                ])
                            )
                        ])
                    )
                ])
            )
        ])
    }

    /// `wfc_gateway_files`: each staged file and where it goes.
    static func files(_ installs: [(file: String, destination: String)]) -> YAML {
        .list(installs.map { YAML.map([("file", .ansible($0.file)), ("destination", .ansible($0.destination))]) })
    }

    /// Each proxy's files, test, reload and health URL by inventory name: the gateway's, and
    /// each access point's (the gateway's tasks on its own files; its health is the first
    /// node's HTTP through it).
    static func proxies(_ plan: Plan, provenance: Provenance) -> YAML {
        .map(
            plan.hosts.filter(plan.configures).compactMap { h -> (String, YAML)? in
                guard let unit = plan.proxyUnit(of: h) else { return nil }
                let installs: [(file: String, destination: String)]
                let health: String
                if case .accessPoint = h.kind {
                    installs = unit.accessPointInstalls
                    health =
                        plan.flows(into: h).first { if case .httpProxy = $0.purpose { true } else { false } }
                        .flatMap { f in f.dialed.map { Endpoint(kind: .http, host: $0, port: f.port.value, node: nil).url + "api/version" } } ?? ""
                } else {
                    installs = unit.installs(plan, gateway: h, provenance: provenance)
                    health = plan.entryEndpoints.first { $0.kind == .http }.map { $0.url + "api/version" } ?? ""
                }
                return (
                    h.name,
                    .map([
                        ("files", files(installs)), ("test", .string(unit.stagedTest(folder: "{{ wfc_stage }}"))), ("reload", .string(unit.reload)),
                        ("health_url", .ansible(health))
                    ])
                )
            })
    }

    static func defaults(_ plan: Plan, provenance: Provenance, mergedBase: Bool) -> YAML {
        let firewall = FirewallUnits.units(for: plan.backend).first?.name ?? "none"
        return .map([
            ("wfc_build", .string("{{ playbook_dir }}/..")),
            ("wfc_state", .string("/var/lib/wfc")),
            ("wfc_stage", .string("{{ wfc_state }}/stage/{{ wfc_kind }}")),
            // With `firewall.backend: both` the build has both; a host runs one (the checklist says why).
            ("wfc_firewall_tool", .string(firewall)),
            ("wfc_rollback_seconds", .int(120)),
            ("wfc_confirm_timeout", .int(30)),
            ("wfc_health_retries", .int(15)),
            ("wfc_im_config", .ansible(ChecklistEmitter.imConfigPath)),
            // With `--im-base` the build's file is the whole config; otherwise a managed block.
            ("wfc_im_whole", .bool(mergedBase)),
            ("wfc_im_restart", .string("systemctl restart im-server")),
            ("wfc_turn_config", .ansible(TurnServerConf.path)),
            ("wfc_turn_restart", .string("systemctl restart coturn")),
            // The gateway's and each access point's, looked up by the host's own name: role
            // defaults all, so that the operator's inventory still wins.
            ("wfc_proxies", proxies(plan, provenance: provenance)),
            ("wfc_gateway_files", .string("{{ (wfc_proxies[inventory_hostname] | default({})).files | default([]) }}")),
            ("wfc_gateway_test", .string("{{ (wfc_proxies[inventory_hostname] | default({})).test | default('true') }}")),
            ("wfc_gateway_reload", .string("{{ (wfc_proxies[inventory_hostname] | default({})).reload | default('true') }}")),
            ("wfc_health_url", .string("{{ (wfc_proxies[inventory_hostname] | default({})).health_url | default('') }}")),
            // The topology `wfc build` read, named from the build folder, so that the probe reads
            // it from wherever the playbook runs; none when it came from standard input.
            ("wfc_topology_from_build", .ansible(provenance.fromOutput ?? "")),
            ("wfc_topology", .string(provenance.fromOutput == nil ? "" : "{{ wfc_build }}/{{ wfc_topology_from_build }}")),
            ("wfc_probe_args", .list([]))
        ])
    }

    /// `wfc-firewall TOOL COMMAND STAGE [SECONDS]`: a host's firewall from staged files, with
    /// a rollback that runs detached from the SSH session (so it survives the session's end,
    /// which is when it is needed) unless `confirm` comes first, over a new SSH connection.
    static func helper(_ provenance: Provenance) -> String {
        var out = [
            "#!/bin/sh",
            "# \(provenance.header)",
            "# wfc-firewall TOOL COMMAND STAGE [SECONDS]: this host's firewall from the files staged in STAGE.",
            "#   test      check the staged files, applying nothing",
            "#   differs   exit 1 when they differ from the files last confirmed, or the live rules from the ones",
            "#             live then (rules lost to a reboot, a flush or another tool), 0 when neither",
            "#   apply     save the live rules, arm a rollback in SECONDS that runs on its own (not a job of",
            "#             this SSH session), then apply the staged files",
            "#   confirm   disarm the rollback, record the staged files and the live rules as applied, and keep",
            "#             the rules for the boot",
            "#   rollback  restore the saved rules now, and keep them for the boot",
            "set -eu",
            "tool=$1 command=$2 stage=$3",
            "state=$(cd \"$(dirname \"$0\")\" && pwd)",
            "case $tool in"
        ]
        for unit in FirewallUnits.units(for: .both) {
            let h = unit.helper
            out.append("  \(unit.name))")
            out.append("    files='\(unit.files.joined(separator: " "))'")
            for (name, lines) in [
                ("check", h.test), ("save", h.save), ("load", h.apply), ("restore", h.restore), ("live", h.live), ("persist", h.persist)
            ] {
                out.append("    \(name)() { " + lines.joined(separator: "; ") + "; }")
            }
            out.append("    ;;")
        }
        out += [
            "  *) echo \"wfc-firewall: unknown tool $tool\" >&2; exit 2 ;;",
            "esac",
            "case $command in",
            "  test) check ;;",
            "  differs)",
            "    for f in $files; do cmp -s \"$stage/$f\" \"$state/applied/$f\" || exit 1; done",
            "    live | cmp -s - \"$state/applied/live.$tool\" || exit 1 ;;",
            "  apply)",
            "    save",
            "    token=$(date +%s%N)",
            "    echo \"$token\" > \"$state/armed\"",
            "    # Only the rollback armed by this apply runs; confirm (or a later apply) disarms it.",
            "    setsid -f sh -c 'sleep \"$1\"; [ \"$(cat \"$2/armed\" 2>/dev/null)\" = \"$3\" ] && exec \"$2/wfc-firewall\" \"$4\" rollback \"$5\"' \\",
            "      wfc-rollback \"${4:?seconds}\" \"$state\" \"$token\" \"$tool\" \"$stage\" </dev/null >/dev/null 2>&1",
            "    load ;;",
            "  confirm)",
            "    rm -f \"$state/armed\"",
            "    mkdir -p \"$state/applied\"",
            "    for f in $files; do cp \"$stage/$f\" \"$state/applied/$f\"; done",
            "    live > \"$state/applied/live.$tool\"",
            "    persist ;;",
            "  rollback)",
            "    rm -f \"$state/armed\"",
            "    restore",
            "    persist ;;",
            "  *) echo \"wfc-firewall: unknown command $command\" >&2; exit 2 ;;",
            "esac"
        ]
        return out.joined(separator: "\n") + "\n"
    }
}
