import WFCLanguage

extension Rule {
    public static let httpsOnIP = Rule(
        code: "WFC407", name: "https-on-ip", severity: .warning,
        summary: "web clients on HTTPS pages with an IP `authorized_address`",
        explanation: """
            Browsers accept HTTPS and WSS on an IP address only with a certificate issued \
            for that IP by a public CA, which few CAs sell. Web clients on HTTPS pages almost \
            always need a domain as the authorized address (the licence is bound to it). \
            Keep the IP only if you have such a certificate.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: ↓203.0.113.10
            clients: {web: true, https: true}
            tls:
              certificate: /etc/nginx/certs/im.pem
              certificate_key: /etc/nginx/certs/im.key
            gateway:
              on: node1
            nodes:
              - name: node1
            """
        ],
        passing: [singleQuickHTTPSBase])

    static let httpsOnIPCheck = Check(httpsOnIP) { c in
        guard c.plan.https, c.plan.authorizedAddress.value.address != nil else { return [] }
        return [
            httpsOnIP.diagnostic(
                "web clients on HTTPS pages, but the authorized address `\(c.plan.authorizedAddress.value.text)` is an IP",
                at: c.plan.authorizedAddress.span, label: "browsers need a public-CA certificate for this very IP",
                helps: ["use a domain (the one the licence is bound to) as `authorized_address`, or keep the IP with a certificate issued for it"])
        ]
    }
}
