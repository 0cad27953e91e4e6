import WFCLanguage
import WFCPlan

/// The checklist's steps for an access point (docs/domain.md, "Access points in other regions").
extension ChecklistEmitter {
    /// Before its program's setup: what it maps, and what must hold around it.
    static func accessPointSteps(_ ap: PlanAccessPoint, host: HostPlan, plan: Plan) -> [String] {
        let entries = ap.entries.map { e in
            "`\(e.node.name)` \(ap.publicAddress.value.text):\(e.http.value):\(e.tcp.value):\(e.websocket.value)"
        }
        let route =
            plan.authorizedAddress.value.address == nil
            ? "Clients of this region still dial `\(plan.authorizedAddress.value.text)` for the route: put it behind a CDN with dynamic acceleration, "
                + "so that every request goes back to the cluster (the vendor's 全球接入 blog)."
            : "Clients of this region still dial the route at `\(plan.authorizedAddress.value.text)`: the vendor's 全球接入 blog asks for a domain behind "
                + "a CDN with dynamic acceleration, which an IP address cannot have."
        return [
            "This access point maps each node's ports to its own, and each node advertises its entry in `server.backup_address` (already in the nodes' "
                + "IM configs): " + entries.joined(separator: "; ") + ". It must reach every node's private address over the enterprise network "
                + "(a leased line, or the cloud's private network between regions), with low latency and loss. " + route,
            "The apps need nothing for it: the SDK tries each backup entry and keeps the best (SDKs from before the feature need `setBackupAddressStrategy(0)`). "
                + "Ask the vendor whether your licence covers the access points: it does for a second network only when adjusted (双网授权)."
        ]
    }
}
