import WFCLanguage
import WFCPlan

/// The checklist's step for a node whose IM server runs in Docker (`nodes[].docker`): its
/// `docker run` line, and with published ports the `DOCKER-USER` hook (docs/domain.md,
/// "Docker's published ports": Docker forwards published ports past INPUT).
extension ChecklistEmitter {
    /// The IM server's config folder inside the vendor's Dockerfile's image.
    static let containerConfig = "/opt/im-server/config"

    static func dockerStep(_ node: PlanNode, host: HostPlan, plan: Plan) -> String? {
        guard let docker = node.docker else { return nil }
        let mount = "-v /etc/im-server/config:\(containerConfig)"
        let image = "<your im-server image>"
        switch docker {
        case .host:
            return "Start (or restart) the IM server's container on the host's network, so that the firewall above is the whole story "
                + "(the vendor ships a Dockerfile, not an image: build it first):\n"
                + "   ```sh\n"
                + "   docker run -d --name im-server --restart unless-stopped --net host \(mount) \(Shell.quote(image))\n"
                + "   ```"
        case .published:
            // Clients' ports one to one (the server advertises them as it binds them); the
            // Server API and the cluster port on the private address alone.
            let publish = plan.imServerPorts(of: host).map { p -> String in
                let outside = p.internal ? node.internalAddress.map { $0.authority(p.port) } ?? "\(p.port)" : "\(p.port)"
                return "-p \(Shell.quote("\(outside):\(p.port)"))"
            }
            return "Start (or restart) the IM server's container with its ports published one to one, the Server API and the cluster port on the private "
                + "address only (the vendor ships a Dockerfile, not an image: build it first). The IM config's `server.ip` is explicit: a container "
                + "left at `0.0.0.0` advertises its bridge address. Docker forwards published ports past INPUT, so the firewall files carry a "
                + "chain for `DOCKER-USER` as well (`wfc-docker`, or the `docker` chain of nftables, which needs no hook); once Docker runs, hook it:\n"
                + "   ```sh\n"
                + "   docker run -d --name im-server --restart unless-stopped \(publish.joined(separator: " ")) \(mount) \(Shell.quote(image))\n"
                + "   \(IptablesEmitter.dockerHook("iptables"))\n"
                + "   \(IptablesEmitter.dockerHook("ip6tables"))\n"
                + "   ```\n"
                + "   Then from outside, a port the firewall does not open (`\(plan.ports.admin.value)`) must not answer even though Docker publishes it."
        }
    }
}
