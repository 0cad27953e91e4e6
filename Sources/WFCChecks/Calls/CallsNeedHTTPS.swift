import WFCLanguage
import WFCPlan

extension Rule {
    public static let callsNeedHTTPS = Rule(
        code: "WFC603", name: "calls-need-https", severity: .warning,
        summary: "calls with web clients and no `clients.https`",
        explanation: """
            Browsers give a page the camera and the microphone only in a secure context: a page \
            served over HTTPS (or from localhost). The web and PC clients served over HTTP \
            cannot make calls at all. The vendor's web client asks for the whole site on \
            HTTPS, the app server included, plus WSS to the IM server ("必须全站使用https(包括app \
            server和im server) + wss"). Native apps are not affected.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients:
              web: true
            nodes:
              - name: node1
            ↓calls:
              turn:
                - name: turn1
                  public_address: 203.0.113.30
                  user: wfc
                  password: {env: WFC_TURN_PASSWORD}
            """
        ],
        passing: [
            turnExample()
        ])

    static let callsNeedHTTPSCheck = Check(callsNeedHTTPS) { c in
        guard let calls = c.plan.calls, c.plan.web, !c.plan.https else { return [] }
        let web = c.topology.clients.value?.web.located
        return [
            callsNeedHTTPS.diagnostic(
                "calls with web clients served over HTTP: browsers refuse the camera and the microphone to such a page", at: calls.span,
                label: "the web clients cannot call",
                related: web.map { [Label($0.span, "web clients, without `clients.https`")] } ?? [],
                notes: ["native apps call as before; only the browser clients lose calls"],
                helps: ["serve the web clients over HTTPS: `clients.https: true` with the TLS settings the mode needs (and the app server on HTTPS too)"])
        ]
    }
}
