import WFCLanguage
import WFCPlan

extension Rule {
    public static let tlsLongLink = Rule(
        code: "WFC409", name: "tls-long-link", severity: .error,
        summary:
            "`clients.long_link: tls` without `ports.ssl`, without what lets each node end TLS for the name clients dial, or in a layout wfc does not write it for",
        explanation: """
            The TLS long link (the vendor's TLS and KCP blog) is for the whole deployment: the \
            native apps call `useTls`, hold their long connection over TLS on `ssl_port` and \
            make HTTPS short links; plain TCP cannot run beside it. The IM server ends that TLS \
            itself with its JKS keystore (moquette's `ssl_port` reads `jks_path`, \
            `key_store_password` and `key_manager_password`), so the certificate must name what \
            clients dial: the authorized domain in single mode, each node's own `domain` in a \
            cluster, and behind a single-entry gateway the authorized domain, which every node's \
            keystore holds while the gateway passes each node's own `ssl` and `https` ports \
            through at layer 4 (WFC304 when two nodes share one). `ssl_port` has no default. \
            Beside a gateway on the node's own host both would end TLS on one port: wfc does \
            not write that. It replaces the TCP short link's transport with HTTPS.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            tls: {jks_path: /etc/im-server/config/im.jks, key_store_password: {env: KS}, key_manager_password: {env: KM}}
            clients: {long_link: ↓tls}
            nodes:
              - name: node1
            """,
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            clients: {long_link: tls}
            ports: {ssl: 8883}
            tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key}
            gateway: {public_address: 203.0.113.10}
            firewall: {server_api_from: []}
            media: {storage: object}
            nodes:
              - {name: ↓node1, public_address: 203.0.113.11}
            """
        ],
        passing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            clients: {long_link: tls}
            ports: {ssl: 8883}
            tls: {jks_path: /etc/im-server/config/im.jks, key_store_password: {env: KS}, key_manager_password: {env: KM}}
            nodes:
              - name: node1
            """
        ])

    static let tlsLongLinkCheck = Check(tlsLongLink) { c in
        let p = c.plan, t = c.topology
        guard let written = t.clients.value?.longLink.located, written.value == .tls, p.native else { return [] }
        var out: [Diagnostic] = []
        if p.ports.ssl == nil {
            out.append(
                tlsLongLink.diagnostic(
                    "the TLS long link needs `ports.ssl`", at: written.span, label: "no `ssl_port`",
                    notes: ["`ssl_port` has no default: the vendor's blog names the key, not a number"],
                    helps: ["add `ports: {ssl: 8883}` (MQTT's TLS port, moquette's default) or the port your apps are given"]))
        }
        if let on = t.gateway.value?.on.located {
            out.append(
                tlsLongLink.diagnostic(
                    "the TLS long link with the gateway on `\(on.value)`: both would end TLS on that host", at: on.span, label: "the gateway's host",
                    notes: ["the node ends HTTPS itself on `ports.https` with the TLS long link, where the gateway ends it for the route"],
                    helps: ["run the gateway on a host of its own (`public_address`)"]))
        }
        if let l = t.clients.value?.shortLink.located, l.value == .tcp {
            out.append(
                tlsLongLink.diagnostic(
                    "the TLS long link makes short links over HTTPS, not the TCP short link", at: l.span, label: "`short_link: tcp`",
                    helps: ["remove `short_link: tcp`"]))
        }
        // A cluster's clients dial each node's `server.ip`: its own name, with its own keystore.
        guard p.mode.value == .multiNode else { return out }
        let specs = t.nodeTLSByName
        for n in p.nodes {
            let tls = specs[n.name.value] ?? nil
            var missing: [String] = []
            if n.domain == nil { missing.append("`domain`") }
            if tls?.jksPath.located == nil || !nonEmpty(tls?.keyStorePassword) || !nonEmpty(tls?.keyManagerPassword) {
                missing.append("`tls` with `jks_path`, `key_store_password` and `key_manager_password`")
            }
            guard !missing.isEmpty else { continue }
            out.append(
                tlsLongLink.diagnostic(
                    "node `\(n.name.value)` ends the TLS long link itself but has no \(missing.joined(separator: " and "))", at: n.name.span,
                    label: "clients dial its `server.ip` over TLS",
                    notes: ["the certificate must name what clients dial: an IP address in `server.ip` is not a name a CA certifies"],
                    helps: [
                        "give it `domain: <its own name>` and `tls: {jks_path: /path/to/node.jks, key_store_password: {env: NAME}, key_manager_password: {env: NAME}}`"
                    ]))
        }
        return out
    }
}
