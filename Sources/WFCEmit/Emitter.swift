import WFCPlan

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
            // A gateway on a node's host shares that node's firewall (one machine, one ruleset).
            if host.machine == nil, plan.configures(host) {
                let rules = Ruleset(host, plan: plan, provenance: provenance)
                for unit in FirewallUnits.units(for: plan.backend) {
                    out += unit.artifacts(host, rules: rules, provenance: provenance)
                }
            }
            if host.kind == .gateway, let unit = plan.gatewayUnit {
                out += unit.artifacts(plan, gateway: host, provenance: provenance)
            }
            if case .accessPoint(let a) = host.kind, let unit = plan.proxyUnit(of: host) {
                out += unit.accessPointArtifacts(plan, host: host, listeners: plan.listeners(ofAccessPoint: a), provenance: provenance)
            }
        }
        for turn in plan.calls?.turn ?? [] {
            out.append(TurnServerConf.artifact(turn, plan: plan, provenance: provenance, secrets: secrets))
        }
        for m in plan.calls?.mediaServers ?? [] {
            out += JanusConfig.artifacts(m, plan: plan, provenance: provenance)
        }
        out += MonitoringEmitter.artifacts(plan, provenance: provenance)
        out += AnsibleEmitter.artifacts(plan, provenance: provenance, mergedBase: imBase != nil)
        out.append(Artifact(path: "CHECKLIST.md", contents: ChecklistEmitter.render(plan, provenance: provenance, mergedBase: imBase != nil)))
        out.append(Artifact(path: "plan.json", contents: PlanJSONEmitter.render(plan, provenance: provenance)))
        return out.sorted { $0.path < $1.path }
    }
}
