import WFCLanguage
import WFCPlan

extension Rule {
    public static let serverAPIUnreachable = Rule(
        code: "WFC507", name: "server-api-unreachable", severity: .warning,
        summary: "a cluster with no Server API callers",
        explanation: """
            The app server and other back ends call the Server API on `ports.admin` (18080) \
            of the nodes. wfc never opens it to the public, so without \
            `firewall.server_api_from` (or a declared opening of the admin port from a \
            private source) the app server can reach it only if it runs on a node itself. \
            Name its addresses in `server_api_from`; write `server_api_from: []` to say \
            that it does run on a node.
            """,
        failing: [
            """
            version: 1
            mode: single-entry
            authorized_address: im.example.com
            media: {storage: builtin}
            gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
            nodes:
              - {name: node1, private_address: 10.0.0.11, ports: {http: 10081}}
              - {name: node2, private_address: 10.0.0.12, ports: {tcp: 1884, http: 10082}}
            ↓firewall:
              allow:
                - to: gateway
                  ports: [22, 80, 1883, 1884, 10081, 10082]
                - to: nodes
                  ports: [22]
                  from: [10.0.9.0/24]
                - to: node1
                  ports: [80, 1883]
                  from: [10.0.0.10]
                - to: node2
                  ports: [80, 1884]
                  from: [10.0.0.10]
                - to: nodes
                  ports: [5701]
                  from: [10.0.0.11, 10.0.0.12]

            """
        ],
        passing: [declaredCluster + "\n    - to: nodes\n      ports: [5701]\n      from: [10.0.0.11, 10.0.0.12]\n"])

    static let serverAPIUnreachableCheck = Check(serverAPIUnreachable) { c in
        let p = c.plan
        guard p.mode.value != .single, p.serverAPIFrom == nil else { return [] }
        let admin = p.ports.admin.value
        let declared = p.hosts.contains { h in
            (h.declared ?? []).contains { o in
                o.proto == .tcp && o.port <= admin && admin <= o.through
                    && (o.sources?.contains { AddressClass(range: $0)?.isInternal ?? false } ?? false)
            }
        }
        guard !declared else { return [] }
        let at = c.topology.firewall.located?.keySpan ?? p.mode.span
        return [
            serverAPIUnreachable.diagnostic(
                "no Server API callers: the nodes' `ports.admin` \(admin) is open to no one", at: at,
                label: "the app server cannot reach the Server API",
                notes: ["loopback always works, so an app server on a node itself needs nothing"],
                helps: [
                    "add `server_api_from: [<the app server's address or network>]` under `firewall`, "
                        + "or `server_api_from: []` if the app server runs on a node"
                ])
        ]
    }
}
