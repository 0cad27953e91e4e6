import WFCLanguage

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
            step hands out after the route request.
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
        passing: [minimal + "\nports: {http: 80}\n"])

    static let httpPortNot80Check = Check(httpPortNot80) { c in
        let http = c.plan.ports.http
        guard !http.isDefault, http.value != 80 else { return [] }
        return [
            httpPortNot80.diagnostic(
                "`ports.http` is \(http.value); native SDKs dial 80", at: http.span, label: "not 80",
                helps: ["keep `http` 80 and set `ports.local: \(http.value)` if the node must bind \(http.value) (a proxy or router then sends 80 there)"])
        ]
    }
}
