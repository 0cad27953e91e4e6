import WFCLanguage
import WFCPlan

extension Rule {
    public static let certificateRequired = Rule(
        code: "WFC402", name: "certificate-required", severity: .error,
        summary: "a gateway with HTTPS without `certificate` and `certificate_key`",
        explanation: """
            Wherever there is a gateway (multi-node, single-entry, or `gateway.on` the \
            single node) it terminates TLS for HTTPS (443) and every WSS port, so it \
            needs the PEM certificate chain and its private key: `tls.certificate` and \
            `tls.certificate_key`.
            """,
        failing: [
            multiNodeHTTPSBase.replacingOccurrences(of: "  certificate_key: /etc/nginx/certs/im.key\n", with: ""),
            singleQuickHTTPSBase.replacingOccurrences(of: "  certificate: /etc/nginx/certs/im.pem\n", with: "")
        ],
        passing: [multiNodeHTTPSBase, singleQuickHTTPSBase])

    static let certificateRequiredCheck = Check(certificateRequired) { c in
        guard c.plan.tls?.certificate != nil else { return [] }
        let tls = c.topology.tls.value
        var missing: [String] = []
        if tls?.certificate.located == nil { missing.append("certificate") }
        if tls?.certificateKey.located == nil { missing.append("certificate_key") }
        guard !missing.isEmpty else { return [] }
        return [
            certificateRequired.diagnostic(
                "the gateway terminates TLS and needs \(list(missing.map(backticked))) in `tls`",
                at: tlsAnchor(c), label: "HTTPS web clients",
                helps: ["add the absolute paths of the PEM certificate chain and key on the gateway"])
        ]
    }
}
