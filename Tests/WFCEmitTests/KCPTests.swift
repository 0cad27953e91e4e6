import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// KCP (the vendor's TLS and KCP blog) has no published port keys, so wfc writes none; its UDP
/// ports are expressible as a service beside the TCP ones of the same numbers (docs/domain.md).
@Suite("KCP through services")
struct KCPTests {
    @Test("UDP on the long connection's and HTTP's numbers lints clean and opens beside TCP")
    func udpBesideTCP() throws {
        let (_, files) = try emitted(
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            firewall: {server_api_from: []}
            services:
              - name: kcp
                on: node1
                ports: [1883, 80]
                protocol: udp
            """)
        let rules = try #require(files["nodes/node1/iptables.rules"])
        for (proto, port) in [("tcp", 1883), ("udp", 1883), ("tcp", 80), ("udp", 80)] {
            #expect(rules.contains("-p \(proto) -m \(proto) --dport \(port) "), "\(proto) \(port)")
        }
        #expect(files["nodes/node1/wildfirechat.conf"]?.contains("kcp") == false)
    }
}
