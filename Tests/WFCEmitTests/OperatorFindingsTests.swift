import Foundation
import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan

/// Issue 38's checklist findings: what the vendor's FAQ answers, said where an operator needs it.
@Suite("Operator findings: the checklist's gaps")
struct OperatorFindingsTests {
    static func checklist(_ sample: String) throws -> String {
        let plan = try #require(try lintSample(sample).plan)
        return ChecklistEmitter.render(plan, provenance: Provenance(input: "t.yaml"))
    }

    @Test("item 7: the keystore step says which key type works on JDK 8, and the way without a keystore")
    func keystoreKeyType() throws {
        let single = try Self.checklist("single-https")
        #expect(single.contains("Use an RSA key"))
        #expect(single.contains("Cannot support TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 with currently installed providers"))
        #expect(single.contains("end TLS at nginx on this host (`gateway: {on: im1}`, the vendor's quick HTTPS)"))
        // Nodes that serve WSS themselves: the gateway can end it instead.
        let nodes = try Self.checklist("multi-node-node-wss")
        #expect(nodes.contains("let the gateway end WSS on per-node proxy ports (`tls.wss: gateway`)"))
    }

    @Test("item 8: \"Hazelcast instance is not active\" gets the vendor's remedies, attributed, and wfc's own cause apart")
    func hazelcast() throws {
        let text = try Self.checklist("multi-node")
        #expect(text.contains("the vendor's FAQ (`md/faq/server.md`) says the cache ran out of memory"))
        #expect(text.contains("shrink every cache size in `hazelcast.xml`"))
        #expect(text.contains("wfc adds a closed port 5701 between members as one more cause"))
        // Sized from `capacity` with the vendor's figures: 100,000 users online on a node is
        // 16 cores and 32 GB (md/server/README.md) and, professional, a 12 GB heap
        // (md/server/server_memory.md), with 100 cached messages per user.
        let big = lint(
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            media: {storage: builtin}
            capacity: {connections: 300000}
            gateway: {public_address: 203.0.113.10}
            nodes:
              - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
              - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
              - {name: node3, public_address: 203.0.113.13, private_address: 10.0.0.13}
            firewall: {server_api_from: []}
            """)
        let sized = ChecklistEmitter.render(try #require(big.plan), provenance: Provenance(input: "t.yaml"))
        #expect(sized.contains("gives this node 16 cores and 32 GB"))
        #expect(sized.contains("`JAVA_OPTS=\"$JAVA_OPTS -Xmx12G -Xms12G\"`"))
        #expect(sized.contains("the tuning step's 12G for 100000 users online per node"))
        #expect(sized.contains("100 messages per active user: 10000000 for this node's share"))
        // The default capacity: the vendor's smallest host.
        #expect(text.contains("gives this node 2 cores and 4 GB") && text.contains("-Xmx2G -Xms2G"))
    }

    @Test("item 9: an authorized domain's step names ICP filing and the 403 without it; an IP's does not")
    func icpFiling() throws {
        #expect(try Self.checklist("multi-node").contains("has its ICP filing (备案)"))
        let ip = lint("version: 1\nmode: single\nauthorized_address: 203.0.113.10\nnodes:\n  - name: im1\n")
        let plan = try #require(ip.plan)
        #expect(!ChecklistEmitter.render(plan, provenance: Provenance(input: "t.yaml")).contains("ICP"))
    }

    @Test("item 2: a service's route carries its own body limit (nginx's 1m unless `max_upload` says more), in nginx and in HAProxy")
    func serviceUploadLimit() throws {
        let plan = try #require(try lintSample("single-https-nginx").plan)
        let files = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
        let nginx = try #require(files.first { $0.path.hasSuffix("wfc-http.conf") })
        let app = try #require(nginx.contents.range(of: "server_name app.example.com;"))
        #expect(nginx.contents[app.upperBound...].contains("client_max_body_size 100m;"))
        var haproxy = plan
        haproxy.gateway?.backend = .haproxy
        let cfg = HAProxyEmitter.render(haproxy, gateway: try #require(haproxy.gatewayHost), provenance: Provenance(input: "t.yaml"))
        let deny = "http-request deny deny_status 413 if "
        #expect(cfg.contains(deny + "{ req.hdr_val(content-length) gt 209715200 } ! { req.hdr(host),field(1,:) -i app.example.com }"))
        #expect(cfg.contains(deny + "{ req.hdr(host),field(1,:) -i app.example.com } { req.hdr_val(content-length) gt 104857600 }"))
        // Left out: nginx's own default, written.
        let plain = lint(
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            gateway: {on: im1}
            clients: {web: true, https: true}
            tls: {certificate: /etc/ssl/im.pem, certificate_key: /etc/ssl/im.key}
            nodes:
              - {name: im1, public_address: 203.0.113.20}
            services:
              - {name: console, on: im1, ports: [8900], domain: console.example.com}
            """)
        let p = try #require(plain.plan)
        #expect(p.services.first?.maxUpload == "1m")
        #expect(p.gatewayListeners.first { $0.role == .route }?.services.first?.maxUploadBytes == 1 << 20)
    }
}

extension OperatorFindingsTests {
    @Test("the security guide: each node's IM config step says to replace both default keys and to give every Server API caller the new one")
    func secretKeys() throws {
        let text = try Self.checklist("multi-node")
        #expect(text.contains("`http.admin.secret_key` (default `123456`: 32 or more random characters, without `#`) and `token.key` (default `testim`)"))
        #expect(
            text.contains(
                "the app server (`im.admin_secret`), the object storage service and the push service where they run, and whatever `firewall.server_api_from` admits"
            ))
    }
}
