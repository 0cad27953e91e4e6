import WFCLanguage
import WFCPlan

extension Rule {
    public static let httpPortNot80 = Rule(
        code: "WFC305", name: "http-port-not-80", severity: .error,
        summary: "the `http_port` clients of the route step are told is not 80",
        explanation: """
            The native SDKs dial port 80 for the route request; the port is wired into the \
            clients' protocol stack ("不然无法使用"), so `ports.http`, the `http_port` of \
            every node, must stay 80. A different port the node binds is fine: \
            `ports.local`, a gateway on the node's host, or a router's port mapping send \
            80 there; so are single entry's per-node short-link ports, which the route \
            step hands out after the route request. Networks that forbid port 80 \
            (government and confidential ones) get a custom-port SDK from the vendor: with \
            `clients.sdk: custom-ports` the apps dial `ports.http` instead, and every app \
            must be built with that SDK.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            ports: {http: ↓8080}

            """
        ],
        passing: [
            minimal + "\nports: {http: 80}\n",
            minimal.replacingOccurrences(of: "mode: single", with: "mode: single\nclients: {sdk: custom-ports}") + "\nports: {http: 8000}\n"
        ])

    static let httpPortNot80Check = Check(httpPortNot80) { c in
        let p = c.plan, http = p.ports.http
        // With the TCP short link the SDKs dial `ports.short_link_tcp` instead (WFC311); the JS
        // clients are told their route port (`ROUTE_PORT`), so without native apps 80 is free.
        guard p.native, !http.isDefault, http.value != 80, p.sdk == .standard, !p.tcpShortLink else { return [] }
        return [
            httpPortNot80.diagnostic(
                "`ports.http` is \(http.value); native SDKs dial 80", at: http.span, label: "not 80",
                helps: [keepEighty(p, moved: http.value), customPortSDK(http.value)])
        ]
    }

    /// How this layout keeps 80 for the clients while something binds another port.
    private static func keepEighty(_ p: Plan, moved: Int) -> String {
        if p.mode.value == .singleEntry {
            return "keep `ports.http` 80: it is the gateway's route port, the one port the SDKs dial; "
                + "the nodes' own short-link ports behind it are free (`ports.http` under each node)"
        }
        if let g = p.gateway?.on {
            let node = p.nodes[g].name.value
            return p.mode.value == .single
                ? "keep `ports.http` 80 for the gateway on `\(node)`, and let the node bind \(moved) behind it: `ports.local: \(moved)`"
                : "keep `ports.http` 80 for the gateway on `\(node)`; the node behind it binds a port of its own (`ports.http` under `\(node)`)"
        }
        if p.nodes.contains(where: { $0.portMapping != nil }) {
            return "keep `ports.http` 80, the router's outside port, and let its `port_mapping` send it to \(moved) inside: `ports.local: \(moved)`"
        }
        if p.mode.value == .multiNode {
            return "keep `ports.http` 80: clients dial it at the gateway for the route and at each node for its short links; "
                + "where another program holds 80 on a node, a proxy there can send 80 to \(moved): `ports.local: \(moved)`"
        }
        return "keep `ports.http` 80 for the node to bind; if another program holds 80 on the host, let nginx share it "
            + "(`gateway.on`, the vendor's quick HTTPS) and bind the node to \(moved) with `ports.local: \(moved)`"
    }

    /// The vendor's answer for networks that forbid 80 (`md/faq/general.md`).
    private static func customPortSDK(_ port: Int) -> String {
        "if this network forbids port 80, the vendor builds government and confidential networks an SDK for port \(port) free of charge: "
            + "build every app with it and set `clients.sdk: custom-ports`"
    }
}
