/// Plan → every artifact of `wfc build`, sorted by path. Pure: the same plan and secrets
/// give the same bytes.
public enum Emitter {
    /// `imBase`: the operator's whole wildfirechat.conf, which each node's config is merged into.
    public static func artifacts(_ plan: Plan, provenance: Provenance, secrets: SecretValues, imBase: IMConfigBase? = nil) -> [Artifact] {
        var out: [Artifact] = []
        for node in plan.nodes {
            out.append(IMConfigEmitter.artifact(node, plan: plan, provenance: provenance, secrets: secrets, base: imBase))
        }
        for host in plan.hosts {
            let folder = host.folder
            let rules = Ruleset(host, plan: plan, provenance: provenance)
            // A gateway on a node's host shares that node's firewall (one machine, one ruleset).
            if host.machine == nil, plan.backend == .iptables || plan.backend == .both {
                out.append(Artifact(path: "\(folder)/iptables.rules",
                                    contents: IptablesEmitter.render(host, rules: rules, ipv6: false, provenance: provenance)))
                // Both families always: a host without an IPv6 address in the topology may
                // still have one (SLAAC, a dual-stack cloud), and 18080 must not be open there.
                out.append(Artifact(path: "\(folder)/ip6tables.rules",
                                    contents: IptablesEmitter.render(host, rules: rules, ipv6: true, provenance: provenance)))
            }
            if host.machine == nil, plan.backend == .nftables || plan.backend == .both {
                out.append(Artifact(path: "\(folder)/nftables.nft",
                                    contents: NftablesEmitter.render(host, rules: rules, provenance: provenance)))
            }
            if host.kind == .gateway {
                out += NginxEmitter.artifacts(plan, gateway: host, provenance: provenance)
            }
        }
        out += MonitoringEmitter.artifacts(plan, provenance: provenance)
        out.append(Artifact(path: "CHECKLIST.md", contents: ChecklistEmitter.render(plan, provenance: provenance, mergedBase: imBase != nil)))
        out.append(Artifact(path: "plan.json", contents: PlanJSONEmitter.render(plan, provenance: provenance)))
        return out.sorted { $0.path < $1.path }
    }
}
