import WFCLanguage
import WFCPlan

/// A program that serves the gateway's listeners, as one unit: the files it reads, the
/// checklist's steps that install, test and start it, its open-files need for
/// `capacity.connections`, and how its own error page looks (the probe must not take that
/// for the IM server's answer). Adding a balancer is one folder, one `GatewayBackend` case
/// and one line in `unit(for:)`.
protocol GatewayUnit {
    /// How the checklist names the program.
    static var name: String { get }
    /// The files under the gateway's folder.
    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact]
    /// CHECKLIST.md: installing the program and putting its files in place, one item each.
    static func setupSteps(_ plan: Plan, gateway: HostPlan) -> [String]
    /// CHECKLIST.md's last step on the host: test the installed files, then start.
    static var startStep: String { get }
    /// The systemd unit whose open-files limit the tuning step raises; nil when wfc does not
    /// run the program (nor tune or firewall its host).
    static var service: String? { get }
    static func openFiles(_ sizing: Sizing) -> Int
    /// The rollout: where each of its files goes on the host, as (path under the gateway's
    /// folder, absolute destination); empty for a balancer wfc does not run.
    static func installs(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [(file: String, destination: String)]
    /// The rollout: the command that checks the files staged in `folder` as one tree.
    static func stagedTest(folder: String) -> String
    /// The rollout: the command that applies installed files and keeps open connections.
    static var reload: String { get }
    /// CHECKLIST.md: what SELinux needs before the program binds and proxies these ports
    /// (RHEL family); nil when it needs nothing.
    static func selinux(ports: [Int]) -> String?
    /// Text that only the program's own error pages contain.
    static var errorPageMarker: String? { get }

    /// An access point's files under its folder: its layer-4 listeners alone.
    static func accessPointArtifacts(_ plan: Plan, host: HostPlan, listeners: [GatewayListener], provenance: Provenance) -> [Artifact]
    /// The rollout: where each of an access point's files goes on its host.
    static var accessPointInstalls: [(file: String, destination: String)] { get }
    /// CHECKLIST.md: installing the program on an access point and putting its files in place.
    static func accessPointSetup(_ plan: Plan, host: HostPlan, listeners: [GatewayListener]) -> [String]
}

extension Plan {
    /// The unit of the program the gateway runs; nil without a gateway.
    var gatewayUnit: (any GatewayUnit.Type)? { gateway.map { GatewayUnits.unit(for: $0.backend) } }

    /// The program a host proxies with: the gateway's, or an access point's own; nil for
    /// hosts that proxy nothing.
    func proxyUnit(of host: HostPlan) -> (any GatewayUnit.Type)? {
        switch host.kind {
        case .gateway: return gatewayUnit
        case .accessPoint(let a): return GatewayUnits.unit(for: accessPoints[a].backend)
        case .node, .turn, .media, .app: return nil
        }
    }
}

public enum GatewayUnits {
    static func unit(for backend: GatewayBackend) -> any GatewayUnit.Type {
        switch backend {
        case .nginx: NginxUnit.self
        case .haproxy: HAProxyUnit.self
        case .external: ExternalUnit.self
        }
    }

    /// A duration as nginx and HAProxy both write it: `3600s`.
    static func duration(_ seconds: Int) -> String { "\(seconds)s" }

    /// What marks a page as a gateway's own, whichever program the gateway runs.
    public static var errorPageMarkers: [String] {
        GatewayBackend.allCases.compactMap { unit(for: $0).errorPageMarker }
    }
}
