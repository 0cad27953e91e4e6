import WFCLanguage
import WFCPlan

/// HAProxy as the gateway (`gateway.backend: haproxy`): one haproxy.cfg.
enum HAProxyUnit: GatewayUnit {
    static let name = "HAProxy"
    static let service: String? = "haproxy"
    /// Its error pages come only with 4xx and 5xx statuses the probe already reads as the gateway's.
    static let errorPageMarker: String? = nil

    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact] {
        [Artifact(path: "\(gateway.folder)/haproxy.cfg", contents: HAProxyEmitter.render(plan, gateway: gateway, provenance: provenance))]
    }

    static func accessPointArtifacts(_ plan: Plan, host: HostPlan, listeners: [GatewayListener], provenance: Provenance) -> [Artifact] {
        [
            Artifact(
                path: "\(host.folder)/haproxy.cfg",
                contents: HAProxyEmitter.render(
                    plan, listeners: listeners, title: "Access point `\(host.name)`'s HAProxy configuration", provenance: provenance))
        ]
    }

    /// One file, wherever HAProxy runs.
    static let accessPointInstalls = [(file: "haproxy.cfg", destination: "/etc/haproxy/haproxy.cfg")]

    static func accessPointSetup(_ plan: Plan, host: HostPlan, listeners: [GatewayListener]) -> [String] {
        [
            "Install HAProxy: `apt-get install haproxy` on Debian and Ubuntu (2.6 or later); `dnf install haproxy` on RHEL, Rocky or Alma.",
            "Copy `\(host.folder)/haproxy.cfg` to `/etc/haproxy/haproxy.cfg`."
        ]
    }

    static func openFiles(_ sizing: Sizing) -> Int { max(1_048_576, HAProxyEmitter.ulimitN(sizing)) }

    /// RHEL's haproxy policy confines it to labelled ports unless this boolean is on.
    static func selinux(ports: [Int]) -> String? { "let HAProxy bind and connect to any port: `setsebool -P haproxy_connect_any 1`." }

    static func installs(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [(file: String, destination: String)] {
        accessPointInstalls
    }

    static func stagedTest(folder: String) -> String { test(path: "\(folder)/haproxy.cfg") }
    static let reload = "systemctl reload-or-restart haproxy"

    /// HAProxy reads the certificate chain and its key from one PEM file, kept beside the
    /// chain: `/etc/ssl/im.pem` → `/etc/ssl/im.haproxy.pem`.
    static func bundle(_ plan: Plan) -> String {
        let chain = plan.tls?.certificate?.chain ?? "/etc/haproxy/wfc.pem"
        let slash = chain.lastIndex(of: "/").map { chain.index(after: $0) } ?? chain.startIndex
        let file = chain[slash...]
        let stem = file.lastIndex(of: ".").map { file[..<$0] } ?? file
        return String(chain[..<slash]) + (stem.isEmpty ? file : stem) + ".haproxy.pem"
    }

    static func test(path: String) -> String { "haproxy -c -f \(path)" }

    static func setupSteps(_ plan: Plan, gateway: HostPlan) -> [String] {
        var out = [
            "Install HAProxy: `apt-get install haproxy` on Debian and Ubuntu (2.6 or later); `dnf install haproxy` on RHEL, Rocky or Alma.",
            "Copy `gateway/haproxy.cfg` to `/etc/haproxy/haproxy.cfg`."
        ]
        if let chain = plan.tls?.certificate?.chain, let key = plan.tls?.certificate?.key {
            let bundle = Shell.quote(bundle(plan))
            out.append(
                "Put the certificate chain for `\(plan.authorizedAddress.value.text)` and its key in the one PEM file HAProxy reads, readable by root only:\n"
                    + "   ```sh\n"
                    + "   (umask 077 && cat \(Shell.quote(chain)) \(Shell.quote(key)) > \(bundle))\n"
                    + "   ```\n"
                    + "   Build it again whenever the certificate is renewed, then reload HAProxy.")
        }
        return out
    }

    static let startStep =
        "Check and start the configuration: `\(test(path: "/etc/haproxy/haproxy.cfg")) && systemctl restart haproxy` "
        + "(a restart, so that the open-files limit applies; later changes need only `systemctl reload haproxy`, whose old process keeps "
        + "the long connections it holds)."
}
