import WFCPlan

/// nginx as the gateway (the default): nginx.conf with an http part and, for layer-4 long
/// connections, a stream part.
enum NginxUnit: GatewayUnit {
    static let name = "nginx"
    static let service: String? = "nginx"
    /// Its error pages end with a `<center>nginx</center>` line.
    static let errorPageMarker: String? = "<center>nginx"

    static func artifacts(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [Artifact] {
        NginxEmitter.artifacts(plan, gateway: gateway, provenance: provenance)
    }

    static func openFiles(_ sizing: Sizing) -> Int { sizing.gatewayOpenFiles }

    /// The `http_port_t` type covers 80, 443, 8008, 8009, 8443 and a few others out of the box.
    static func selinux(ports: [Int]) -> String? {
        let labelled: Set<Int> = [80, 81, 443, 488, 8008, 8009, 8443, 9000]
        let others = ports.filter { !labelled.contains($0) }
        return
            (others.isEmpty
            ? "" : "label the other ports it listens on, " + others.map { "`semanage port -a -t http_port_t -p tcp \($0)`" }.joined(separator: ", ") + "; ")
            + "and let it connect to the nodes: `setsebool -P httpd_can_network_connect 1`."
    }

    /// Every file under /etc/nginx, where nginx.conf's relative includes find the others.
    static func installs(_ plan: Plan, gateway: HostPlan, provenance: Provenance) -> [(file: String, destination: String)] {
        NginxEmitter.files(plan.gatewayListeners).map { ($0, "/etc/nginx/" + $0) }
    }

    static func accessPointArtifacts(_ plan: Plan, host: HostPlan, listeners: [GatewayListener], provenance: Provenance) -> [Artifact] {
        NginxEmitter.accessPointArtifacts(host: host, listeners: listeners, sizing: plan.sizing, provenance: provenance)
    }

    static var accessPointInstalls: [(file: String, destination: String)] {
        [NginxEmitter.mainFile, NginxEmitter.streamFile].map { ($0, "/etc/nginx/" + $0) }
    }

    static func accessPointSetup(_ plan: Plan, host: HostPlan, listeners: [GatewayListener]) -> [String] {
        [
            "Install nginx with its stream module: `apt-get install nginx libnginx-mod-stream` on Debian and Ubuntu; "
                + "`dnf install nginx nginx-mod-stream` on RHEL, Rocky or Alma, where two lines of `\(host.folder)/nginx.conf` change: "
                + "`user nginx;` for `user www-data;` and `load_module /usr/lib64/nginx/modules/ngx_stream_module.so;` for the Debian path.",
            "Copy `\(host.folder)/nginx.conf` to `/etc/nginx/nginx.conf` and `\(host.folder)/stream.d/` to `/etc/nginx/stream.d/`. "
                + "To keep an existing nginx.conf instead, include `stream.d/wfc-stream.conf` inside a top-level `stream { }`."
        ]
    }

    /// nginx resolves nginx.conf's relative includes from that file's folder: the staged
    /// tree is tested whole, not one new file against the old rest.
    static func stagedTest(folder: String) -> String { "nginx -t -q -c \(folder)/nginx.conf" }
    static let reload = "systemctl reload-or-restart nginx"

    static func setupSteps(_ plan: Plan, gateway: HostPlan) -> [String] {
        let streams = hasStreams(plan, gateway: gateway)
        var out = [
            "Install nginx" + (streams ? " with its stream module" : "") + ": `apt-get install nginx" + (streams ? " libnginx-mod-stream" : "")
                + "` on Debian and Ubuntu; `dnf install nginx" + (streams ? " nginx-mod-stream" : "") + "` on RHEL, Rocky or Alma, where two lines of "
                + "`gateway/nginx.conf` change: `user nginx;` for `user www-data;`"
                + (streams ? " and `load_module /usr/lib64/nginx/modules/ngx_stream_module.so;` for the Debian path." : "."),
            "Copy `gateway/nginx.conf` to `/etc/nginx/nginx.conf`, `gateway/conf.d/` to `/etc/nginx/conf.d/`"
                + (streams ? " and `gateway/stream.d/` to `/etc/nginx/stream.d/`." : ".")
                + " To keep an existing nginx.conf instead, include `conf.d/wfc-http.conf` inside its `http { }`"
                + (streams ? " and `stream.d/wfc-stream.conf` inside a top-level `stream { }`." : ".")
        ]
        if let chain = plan.tls?.certificate?.chain {
            out.append(
                "Put the certificate chain for `\(plan.authorizedAddress.value.text)` at `\(chain)` and its key at `\(plan.tls?.certificate?.key ?? "")`.")
        }
        return out
    }

    static let startStep =
        "Check and start the configuration: `nginx -t && systemctl restart nginx` (a restart, so that the open-files limit applies; "
        + "later changes need only `systemctl reload nginx`, which keeps the long connections)."

    /// The gateway proxies long connections at layer 4 exactly when it has stream listeners.
    static func hasStreams(_ plan: Plan, gateway: HostPlan) -> Bool {
        plan.gatewayListeners.contains(where: \.isLayer4)
    }
}
