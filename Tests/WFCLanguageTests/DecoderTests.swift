import StageTestSupport
import Testing

@testable import WFCChecks
@testable import WFCEmit
@testable import WFCLanguage

/// Every WFC00x on a fixture, at its exact line and column (1-based).
@Suite("Decoder diagnostics")
struct DecoderTests {
    static let header = "version: 1\nmode: single\nauthorized_address: im.example.com\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "WFC001 unclosed flow mapping", yaml: header + "ports: {http: 80, tcp: 1883\nnodes:\n  - name: node1\n",
            expected: ["WFC001@5:6"]),
        Case(
            name: "WFC001 bad indentation", yaml: header + "nodes:\n  - name: node1\n   node_id: 2\n",
            expected: ["WFC001@6:4"]),
        Case(
            name: "WFC002 every duplicate, at the repeated key", yaml: header + "mode: single\nnodes:\n  - {name: a, name: b}\nmode: single\n",
            expected: ["WFC002@4:1", "WFC002@6:15", "WFC002@7:1"]),
        Case(
            name: "WFC003 with did-you-mean and no WFC005", yaml: "version: 1\nmode: single\nauthorised_address: im.example.com\nnodes:\n  - name: node1\n",
            expected: ["WFC003@3:1"]),
        Case(
            name: "WFC003 in a nested mapping", yaml: header + "clients: {native: true, webb: true}\nnodes:\n  - name: n1\n    nodeid: 3\n",
            expected: ["WFC003@4:25", "WFC003@7:5"]),
        Case(
            name: "WFC004 yes, quoted port, float, wrong shapes",
            yaml: header + """
                clients:
                  web: yes
                ports:
                  tcp: "1883"
                  http: 80.5
                gateway: [203.0.113.10]
                nodes:
                  - name: node1
                    ports: 8083

                """, expected: ["WFC004@5:8", "WFC004@7:8", "WFC004@8:9", "WFC004@9:10", "WFC004@12:12"]),
        Case(
            name: "WFC004 null where a mapping is needed", yaml: header + "tls:\nnodes:\n  - name: node1\n",
            expected: ["WFC004@4:5"]),
        Case(
            name: "WFC005 top-level and nested", yaml: "version: 1\nauthorized_address: im.example.com\nnodes:\n  - public_address: 203.0.113.5\n",
            expected: ["WFC005@1:1", "WFC005@4:5"]),
        Case(
            name: "WFC005 gateway without public_address or on",
            yaml: "version: 1\nmode: multi-node\nauthorized_address: im.example.com\n"
                + "firewall: {server_api_from: []}\ngateway: {private_address: 10.0.0.1}\nnodes:\n  - name: n1\n    public_address: 203.0.113.5\n",
            expected: ["WFC005@5:1"]),
        Case(
            name: "WFC103 alone for a single-mode gateway without an address", yaml: header + "gateway: {private_address: 10.0.0.1}\nnodes:\n  - name: n1\n",
            expected: ["WFC103@4:1"]),
        Case(
            name: "WFC006 values",
            yaml: """
                version: 2
                mode: multinode
                authorized_address: http://im.example.com
                ports: {tcp: 70000, admin: 0}
                nodes:
                  - name: Node1
                    node_id: 64
                    public_address: 203.0.113.300
                firewall:
                  allow:
                    - to: nodes
                      ports: [22]
                      from: [10.0.0.0/33]
                """,
            expected: [
                "WFC006@1:10", "WFC006@2:7", "WFC006@3:21", "WFC006@4:14", "WFC006@4:28",
                "WFC006@6:11", "WFC006@7:14", "WFC006@8:21", "WFC006@13:14"
            ]),
        Case(
            name: "WFC405 a path nginx would misread",
            yaml: header + "tls:\n  certificate: /etc/ssl/$host.pem\n  certificate_key: /etc/ssl/my key.pem\nnodes:\n  - name: n1\n",
            expected: ["WFC405@5:16", "WFC405@6:20"]),
        Case(name: "WFC006 empty node list", yaml: header + "nodes: []\n", expected: ["WFC006@4:8"]),
        Case(
            name: "WFC006 a 30-digit integer is out of range, not a crash",
            yaml: header + "ports: {tcp: 123456789012345678901234567890}\nnodes:\n  - name: n1\n",
            expected: ["WFC006@4:14"]),
        Case(
            name: "WFC007 tag", yaml: "version: !!int 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: node1\n",
            expected: ["WFC007@1:10"]),
        Case(name: "WFC007 two documents", yaml: header + "nodes:\n  - name: n1\n---\nversion: 1\n", expected: ["WFC007@6:1"]),
        Case(name: "WFC007 empty file", yaml: "", expected: ["WFC007@1:1"]),
        Case(name: "WFC007 comments only", yaml: "# nothing yet\n", expected: ["WFC007@2:1"]),
        Case(name: "an anchored unknown key, and nodes missing", yaml: header + "base: &b {name: n1}\n", expected: ["WFC005@1:1", "WFC003@4:1"]),
        Case(name: "WFC007 merge key inside a node", yaml: header + "nodes:\n  - <<: {name: n1}\n    name: n1\n", expected: ["WFC007@5:5"]),
        Case(name: "WFC004 a bare list document", yaml: "- a\n- b\n", expected: ["WFC004@1:1"]),
        Case(name: "WFC004 a bare scalar document", yaml: "hello\n", expected: ["WFC004@1:1"]),
        Case(name: "WFC004 complex key", yaml: header + "? [a, b]\n: 1\nnodes:\n  - name: n1\n", expected: ["WFC004@4:3"])
    ]

    @Test(arguments: cases)
    func fixture(_ c: Case) {
        #expect(positions(lint(c.yaml)) == c.expected)
    }

    @Test("a misspelt required key is not also reported missing, and feeds no later check")
    func misspeltIsNotMissing() throws {
        let result = lint("version: 1\nmode: multi-node\nauthorized_address: im.example.com\ngatway: {public_address: 203.0.113.1}\nnodes:\n  - name: n1\n")
        #expect(positions(result) == ["WFC003@4:1"])
        let topology = try #require(result.topology)
        #expect(topology.gateway.isInvalid)
    }

    @Test("the did-you-mean fix renames the key")
    func renameFix() throws {
        let result = lint("version: 1\nmode: single\nauthorised_address: im.example.com\nnodes:\n  - name: node1\n")
        let fix = try #require(result.diagnostics.first?.fixes.first)
        #expect(fix.edits.map(\.newText) == ["authorized_address"])
        #expect(result.diagnostics.first?.helps == ["did you mean `authorized_address`?"])
    }

    @Test("`yes` gets a fix to `true`")
    func yesFix() throws {
        let result = lint(Self.header + "clients: {web: yes}\nnodes:\n  - name: n1\n")
        #expect(result.diagnostics.first?.fixes.first?.edits.first?.newText == "true")
    }

    @Test("a plain-text secret is masked in excerpts and its value appears in no message")
    func secretsAreRedacted() throws {
        let result = lint(Self.header + "tls:\n  key_store_password: hunter2\n  key_manager_password: [hunter3]\nnodes:\n  - name: n1\n")
        #expect(result.source.lineText(4) == "  key_store_password: *******")
        // Masked by position: a value of the wrong type under a secret key is hidden too.
        #expect(result.source.lineText(5) == "  key_manager_password: *********")
        for d in result.diagnostics {
            #expect(!d.message.contains("hunter"))
        }
    }

    @Test("firewall ports take ranges `LOW-HIGH`, plain or quoted; a reversed or oversized range is WFC006")
    func portRanges() throws {
        let base = Self.header + "nodes:\n  - name: n1\n    public_address: 203.0.113.20\nfirewall:\n  allow:\n    - to: all\n      ports: "
        let good = lint(base + "[22, 80, 1883, 40000-40100, \"50000-50010\"]\n")
        let ports = good.topology?.firewall.value?.allow.value?.first?.value?.ports.value?.compactMap(\.value)
        #expect(ports == [PortRange(22), PortRange(80), PortRange(1883), PortRange(40000, 40100), PortRange(50000, 50010)])
        #expect(!good.diagnostics.contains { $0.severity == .error })
        #expect(positions(lint(base + "[22, 80, 1883, 0-10]\n")) == ["WFC006@10:29"])
        #expect(lint(base + "[22, 80, 1883, 1-2-3]\n").diagnostics.map(\.code) == ["WFC004"])
        #expect(lint(base + "[22, 80, 1883, 99999999999999999999-1]\n").diagnostics.map(\.code) == ["WFC006"])
    }

    @Test("valid input decodes into the typed topology")
    func typed() throws {
        let result = lint(
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            clients: {web: true}
            gateway: {public_address: 203.0.113.10}
            nodes:
              - name: node1
                public_address: 203.0.113.11
                ports: {tcp: 1884}
            firewall:
              allow:
                - {to: nodes, ports: [80], from: any}
                - {to: [node1, gateway], ports: [22], from: [10.0.0.0/8]}
            """)
        #expect(result.diagnostics.filter { $0.code.rawValue.hasPrefix("WFC00") }.isEmpty)
        let t = try #require(result.topology)
        #expect(t.mode.value == .multiNode)
        #expect(t.clients.value?.web.value == true)
        #expect(t.clients.value?.native.isAbsent == true)
        let node = try #require(t.nodes.value?.first?.value)
        #expect(node.name.value == "node1")
        #expect(node.publicAddress.value?.address?.bytes == [203, 0, 113, 11])
        #expect(node.ports.value?.tcp.value == 1884)
        let rules = try #require(t.firewall.value?.allow.value)
        #expect(rules[1].value?.to.value?.map(\.value) == ["node1", "gateway"])
        if case .ranges(let r)? = rules[1].value?.from.value {
            #expect(r.first?.value?.prefix == 8)
        } else {
            Issue.record("`from` should be a list of ranges")
        }
    }
}

@Suite("A file of many mistakes")
struct ManyMistakesTests {
    @Test("bounded lint keeps a rule's first 51 findings, counts the rest exactly, and --fix still sees every one")
    func boundedDecoding() {
        var text = "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: im1\n"
        for i in 0..<2000 { text += "unknown_key_\(i): value\n" }
        let source = SourceFile(path: "t.yaml", text: text)
        let bounded = Linter.lint(source)
        let unknown = bounded.diagnostics.filter { $0.comes(from: .unknownKey) }
        #expect(unknown.count == OutputBound.perRule + 1)
        #expect(unknown.last?.message == "… and 1950 more `unknown-key` problems (WFC003) from here on, not shown one by one")
        #expect(Linter.lint(source, bounded: false).diagnostics.count { $0.comes(from: .unknownKey) } == 2000)
    }

    @Test("a check that builds only the diagnostics the bound can show prints what bounding them all prints")
    func checksBoundedAtTheSource() throws {
        // 200 nodes: WFC006 for node64 to node200 (derivedNodeIDs builds 51 of them), and
        // another check's WFC006 before them (a service on no host) and one among them.
        var text = "version: 1\nmode: multi-node\nauthorized_address: im.example.com\n"
        text += "services:\n  - {name: early, on: nowhere, ports: [9000]}\n"
        text += "nodes:\n"
        for i in 1...200 {
            text += "  - name: node\(i)\n    public_address: 198.18.0.\(i)\n"
        }
        text += "app_server: {on: elsewhere}\n"
        let source = SourceFile(path: "t.yaml", text: text)
        let unbounded = Linter.lint(source, bounded: false).diagnostics
        let total = unbounded.count { $0.comes(from: .invalidValue) }
        #expect(total == 139)
        let bounded = Linter.lint(source).diagnostics
        #expect(bounded == OutputBound.apply(unbounded))
        #expect(bounded.last { $0.comes(from: .invalidValue) }?.message.hasPrefix("… and \(total - 50) more `invalid-value` problems") == true)
        // And the check did stop building at the 51st.
        let result = Linter.lint(source, bounded: false)
        let plan = try #require(result.plan), topology = try #require(result.topology)
        let context = CheckContext(source: result.source, topology: topology, plan: plan, bound: OutputBound.perRule)
        #expect(Rule.derivedNodeIDs.run(context).count == 51)
        #expect(context.uncounted.counts == [Rule.invalidValue.code: 137 - 51])
    }
}
