import Foundation
import StageTestSupport
import Testing
import WFCCore

@testable import WFCImport

/// The nginx reader, as nginx reads a tree: words, quotes, escapes, comments, blocks and
/// includes, each error at its file and line.
@Suite("nginx configuration reader")
struct NginxConfigTests {
    func tree(_ files: [String: String], main: String = "/etc/nginx/nginx.conf") throws(GatewayReadError) -> [NginxDirective] {
        try NginxConfig.read(
            main: main,
            read: { path in
                guard let text = files[path] else { throw GatewayReadError(file: path, line: 0, message: "missing") }
                return Array(text.utf8)
            },
            glob: { pattern in
                // `*` only, as the tests need: a prefix and a suffix around it.
                guard let star = pattern.firstIndex(of: "*") else { return files[pattern] == nil ? [] : [pattern] }
                let prefix = pattern[..<star], suffix = pattern[pattern.index(after: star)...]
                return files.keys.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
            })
    }

    @Test("quotes, escapes, comments and `${var}` read as nginx reads them, with their lines")
    func words() throws {
        let d = try tree([
            "/etc/nginx/nginx.conf": """
            # a comment; { not a block
            http {
                map $http_upgrade $c { default upgrade; "" close; }
                add_header X-A "a;b{c}" always;   # trailing comment
                add_header 'X-B' "say \\"hi\\"";
                return 200 ${host}x;
                server_name a\\ b;
            }
            """
        ])
        #expect(d.count == 1 && d[0].name == "http" && d[0].line == 2)
        let inner = try #require(d[0].block)
        #expect(inner[0].name == "map" && inner[0].args == ["$http_upgrade", "$c"] && inner[0].block?.map(\.args) == [["upgrade"], ["close"]])
        #expect(inner[1].args == ["X-A", "a;b{c}", "always"] && inner[1].line == 4)
        #expect(inner[2].args == ["X-B", "say \"hi\""])
        #expect(inner[3].args == ["200", "${host}x"])
        #expect(inner[4].args == ["a\\ b"])
    }

    @Test("includes: globs relative to the main file's folder, in sorted order, nested blocks kept")
    func includes() throws {
        let d = try tree([
            "/etc/nginx/nginx.conf": "http {\n  include conf.d/*.conf;\n}\nstream { include /etc/nginx/stream.d/s.conf; }\n",
            "/etc/nginx/conf.d/b.conf": "server { listen 81; }\n",
            "/etc/nginx/conf.d/a.conf": "server { listen 80; }\n",
            "/etc/nginx/stream.d/s.conf": "server { listen 1883; proxy_pass 10.0.0.11:1883; }\n"
        ])
        #expect(d[0].children("server").map { $0.children("listen")[0].args } == [["80"], ["81"]])
        #expect(d[0].children("server")[0].source == "/etc/nginx/conf.d/a.conf:1")
        #expect(d[1].children("server")[0].children("proxy_pass")[0].args == ["10.0.0.11:1883"])
    }

    @Test(
        "what nginx refuses is an error at its file and line; nothing loops or crashes",
        arguments: [
            ("http {\n  server {\n", "/etc/nginx/nginx.conf:2: a \"{\" that never closes"),
            ("}\n", "/etc/nginx/nginx.conf:1: unexpected \"}\""),
            ("listen 80\n}", "/etc/nginx/nginx.conf:2: unexpected \"}\" (a \";\" is missing after \"listen\")"),
            ("a \"b;\n", "/etc/nginx/nginx.conf:1: a quote that never closes"),
            ("listen 80", "/etc/nginx/nginx.conf:1: \"listen\" ends without \";\" or \"{\""),
            (";", "/etc/nginx/nginx.conf:1: unexpected \";\""),
            ("include nginx.conf;", "/etc/nginx/nginx.conf:1: /etc/nginx/nginx.conf includes itself"),
            ("include missing.conf;", "/etc/nginx/nginx.conf:1: include missing.conf: no such file"),
            (String(repeating: "a {", count: 200), "/etc/nginx/nginx.conf:1: blocks nested too deep")
        ])
    func refused(_ text: String, _ expected: String) {
        do {
            _ = try tree(["/etc/nginx/nginx.conf": text])
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("random bytes never crash the reader")
    func noise() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab ;{}\"'\\#$\n\t:1".utf8)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<80, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = try? NginxConfig.parse(NginxConfig.tokens(bytes, file: "f"), file: "f")
        }
    }
}

@Suite("haproxy.cfg reader")
struct HAProxyConfigTests {
    @Test("sections, quotes, escapes and comments; a frontend passes to its default backend's servers")
    func read() throws {
        let text = """
            global
                log /dev/log local0   # a comment
            defaults
                mode http
            frontend im-80
                bind :80
                http-request set-header X-A "a # b"
                default_backend pool
            frontend im-1883
                mode tcp
                bind *:1883
                bind :::1883 v6only
                default_backend long
            backend pool
                server n1 10.0.0.11:80 check
                server n2 10.0.0.12:80 check
            backend long
                server 'n 1' 10.0.0.11:1883 check
            """
        let sections = try HAProxyConfig.read(Array(text.utf8), file: "h.cfg")
        #expect(sections.map(\.kind) == ["global", "defaults", "frontend", "frontend", "backend", "backend"])
        #expect(sections[2].lines("http-request")[0].words == ["http-request", "set-header", "X-A", "a # b"])
        #expect(sections[5].lines("server")[0].words[1] == "n 1")
        let facts = GatewayFacts(haproxy: sections, file: "h.cfg")
        #expect(facts.listeners.map(\.port) == [80, 1883])
        #expect(facts.listeners.map(\.stream) == [false, true])
        #expect(facts.listeners[0].targets.map(\.host) == ["10.0.0.11", "10.0.0.12"] && facts.listeners[0].targets[1].source == "h.cfg:16")
        #expect(facts.backend == "haproxy")
    }

    @Test("a setting outside any section and a quote that never closes are errors at their lines")
    func refused() {
        #expect(throws: GatewayReadError(file: "h.cfg", line: 1, message: "\"bind\" outside any section")) {
            try HAProxyConfig.read(Array("bind :80\n".utf8), file: "h.cfg")
        }
        #expect(throws: GatewayReadError(file: "h.cfg", line: 2, message: "a quote that never closes")) {
            try HAProxyConfig.read(Array("frontend f\n  bind \":80\n".utf8), file: "h.cfg")
        }
    }
}

@Suite("hazelcast.xml reader")
struct HazelcastConfigTests {
    @Test("the network's port, members and interface, with their lines; comments skipped")
    func read() {
        let xml = """
            <hazelcast>
              <!-- <port>1111</port> an old port -->
              <network>
                <port auto-increment="false">5702</port>
                <join>
                  <multicast enabled="false"/>
                  <tcp-ip enabled="true">
                    <member>10.0.0.11</member>
                    <members>10.0.0.12, 10.0.0.13</members>
                  </tcp-ip>
                </join>
                <interfaces enabled="true"><interface>10.0.0.11</interface></interfaces>
              </network>
            </hazelcast>
            """
        let h = HazelcastFacts(Array(xml.utf8))
        #expect(h.port?.value == 5702 && h.port?.line == 4)
        #expect(h.members.map(\.address) == ["10.0.0.11", "10.0.0.12", "10.0.0.13"] && h.members.map(\.line) == [8, 9, 9])
        #expect(h.interfaces.map(\.address) == ["10.0.0.11"])
    }

    @Test("a node's interface becomes its private address, and the cluster port comes along, when no gateway names the nodes")
    func importCluster() {
        func node(_ n: Int) -> ImportedNode {
            let xml = "<network><port>5702</port><interfaces><interface>10.0.0.1\(n)</interface></interfaces></network>"
            return ImportedNode(
                name: "node\(n)", path: "n\(n).conf", settings: IMConfigSettings(Array("server.ip 203.0.113.1\(n)\n".utf8)),
                hazelcast: (HazelcastFacts(Array(xml.utf8)), "h\(n).xml"))
        }
        let text = Importer.topology(nodes: [node(1), node(2)], gateway: nil).topology
        #expect(text.contains("  cluster: 5702   # h1.xml:1"))
        #expect(text.contains("    private_address: \"10.0.0.12\"   # h2.xml:1 the interface its cluster cache binds"))
    }
}
