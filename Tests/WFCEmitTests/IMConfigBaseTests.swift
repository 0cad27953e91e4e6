import Foundation
import StageTestSupport
import TestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// `wfc build --im-base`: the operator's whole wildfirechat.conf with the network keys set
/// in place, judged by a parser written from the server's rules (`IMConfParser`).
@Suite("IM config merged into the operator's base")
struct IMConfigBaseTests {
    let baseURL = repositoryRoot.appendingPathComponent("Tests/Fixtures/im-base/wildfirechat.conf")

    func merged(_ sample: String) throws -> (base: String, plan: Plan, files: [String: String]) {
        let text = try sampleText("\(sample)")
        let plan = try #require(lint(text).plan)
        let bytes = try [UInt8](Data(contentsOf: baseURL))
        let base = try IMConfigBase(bytes, replacing: plan.imConfigKeys)
        let artifacts = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues(), imBase: base)
        var files: [String: String] = [:]
        for a in artifacts where a.path.hasSuffix("wildfirechat.conf") { files[a.path] = a.contents }
        return (String(decoding: bytes, as: UTF8.self), plan, files)
    }

    @Test("the server reads every key of the base; the network keys change, no other key does", arguments: ["multi-node-https", "single-entry-https", "single"])
    func everyKeyKept(_ sample: String) throws {
        let (base, plan, files) = try merged(sample)
        let before = IMConfParser(base)
        #expect(before.stoppedAt == nil)
        for node in plan.nodes {
            let after = IMConfParser(try #require(files["nodes/\(node.name.value)/wildfirechat.conf"]))
            #expect(after.stoppedAt == nil)
            var expected = before.values
            for entry in node.imConfig {
                if case .text(let value) = entry.value { expected[entry.key] = value } else { expected[entry.key] = "" }
            }
            #expect(after.values == expected, "node \(node.name.value)")
        }
    }

    @Test("lines other than the network keys stay byte for byte: comments, prose, CRLF, other keys")
    func untouched() throws {
        let (base, _, files) = try merged("multi-node-https")
        let out = try #require(files["nodes/node1/wildfirechat.conf"])
        let network = [
            "server.ip", "port", "http_port", "local_port", "http.admin.port", "node_id", "websocket_port",
            "websocket_proxy_host", "websocket_proxy_port", "websocket_proxy_secure_port",
            "local.media.storage.remote_server_url"
        ]
        let baseLines = base.components(separatedBy: "\n"), outLines = out.components(separatedBy: "\n")
        #expect(baseLines.count == outLines.count, "every key had a line to be set on: nothing appended")
        for (b, o) in zip(baseLines, outLines) where b != o {
            let key = o.split(separator: " ").first.map(String.init) ?? ""
            #expect(network.contains(key), "changed a line that is not a network key: \(b) -> \(o)")
        }
        #expect(out.contains("node_id 1\r\n"), "the CRLF line keeps its end")
        #expect(out.contains("# port is the TCP long-connection port, bound and advertised\n"), "prose is not a commented-out key")
        #expect(out.contains("\nwebsocket_proxy_port 5017\n") && !out.contains("#websocket_proxy_port"), "set on its commented-out line")
        #expect(out.contains("# 服务器的IP地址"))
        #expect(out.contains("token.key ab#cd\n"))
    }

    @Test("a key the base lacks is appended after a comment; a base without a final newline gets one")
    func appended() throws {
        let base = try IMConfigBase(Array("server.ip 0.0.0.0\nhttp.admin.secret_key s3cr3t".utf8), replacing: ["server.ip", "port"])
        let out = base.merged([("server.ip", "im.example.com"), ("port", "11881")], note: "wfc:")
        #expect(out == "server.ip im.example.com\nhttp.admin.secret_key s3cr3t\n# wfc:\nport 11881\n")
    }

    @Test("a base the server would not read whole is refused with its line")
    func refused() {
        #expect(throws: IMConfigBase.Problem.self) {
            try IMConfigBase(Array("port 1883\nhttp_port 80 # the web port\n".utf8), replacing: ["port"])
        }
        do {
            _ = try IMConfigBase(Array("port 1883\ntoken.key a b # c\n".utf8), replacing: ["port"])
            Issue.record("accepted a line the server stops at")
        } catch {
            #expect(error.line == 2)
        }
        // The same comment on a network key's line is fine: that line is replaced whole.
        #expect((try? IMConfigBase(Array("http_port 80 # the web port\n".utf8), replacing: ["http_port"])) != nil)
        #expect(throws: IMConfigBase.Problem.self) { try IMConfigBase([0x70, 0xff, 0x0a], replacing: []) }
    }
}

/// The merge compares keys as the server does (Java's trim: tabs, vertical tabs, form feeds)
/// and refuses what the server would not read whole (issue 22, item 2).
@Suite("IM config base: read as the server reads it")
struct IMConfigBaseServerRulesTests {
    func merge(_ base: String, sample: String = "single") throws -> (String, Artifact) {
        let text = try sampleText("\(sample)")
        let plan = try #require(lint(text).plan)
        let parsed = try IMConfigBase(Array(base.utf8), replacing: plan.imConfigKeys)
        let artifact = try #require(
            Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues(), imBase: parsed)
                .first { $0.path.hasSuffix("wildfirechat.conf") })
        return (artifact.contents, artifact)
    }

    @Test(
        "a network key written with a tab, vertical tab or form feed around it is the key the server sees, and is set",
        arguments: ["server.ip\t 6.6.6.6", "\u{0B}server.ip 6.6.6.6", "server.ip\u{0B} 6.6.6.6", "\u{0C}server.ip\t 6.6.6.6\u{0B}"])
    func trimmedKeys(_ line: String) throws {
        let (out, _) = try merge("server.ip 1.2.3.4\nport 1883\n" + line + "\nnode_id\u{0B} 7\n\u{0B}port 9999\n")
        let server = IMConfParser(out)
        #expect(server.stoppedAt == nil)
        #expect(server.values["server.ip"] == "im.example.com", "the server would have read \(server.values["server.ip"] ?? "")")
        #expect(server.values["node_id"] == "1" && server.values["port"] == "1883")
    }

    @Test(
        "a line the server stops at is refused with its number, whatever its spacing",
        arguments: [
            ("token.key testim\nhttp.admin.secret_key  s3cr#t\nnode_id 1\n", 2),
            ("a b\nc#d\n", 2),
            ("x y\n\u{0B}k v w#z\n", 2)
        ])
    func stops(_ base: String, _ line: Int) throws {
        #expect(throws: IMConfigBase.Problem.self) { try merge(base) }
        do { _ = try merge(base) } catch let p as IMConfigBase.Problem { #expect(p.line == line) }
    }

    @Test("the merged file is 0600 even when the topology holds no secret: the base holds the server's own")
    func mode() throws {
        let (_, artifact) = try merge("http.admin.secret_key s3cret\n")
        #expect(artifact.mode == 0o600)
    }
}

@Suite("IM config base: keys from another layout")
struct IMConfigStaleKeyTests {
    @Test("issue 38 item 4: a stale remote_server_url in the base is commented out, and every key wfc writes is one it owns")
    func staleMediaURL() throws {
        // The vendor's file, with a media URL left from an intranet test.
        let base = "server.ip 0.0.0.0\nport 1883\nlocal.media.storage.remote_server_url http://192.168.1.81\nhttp.admin.secret_key s3\n"
        let plan = try #require(try lintSample("single").plan)
        let parsed = try IMConfigBase(Array(base.utf8), replacing: Plan.imNetworkKeys)
        #expect(parsed.stale(owned: Plan.imNetworkKeys, setting: plan.imConfigKeys).map(\.key) == ["local.media.storage.remote_server_url"])
        let files = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues(), imBase: parsed)
        let conf = try #require(files.first { $0.path.hasSuffix("wildfirechat.conf") }?.contents)
        let read = IMConfParser(conf)
        #expect(read.values["local.media.storage.remote_server_url"] == nil, "\(conf)")
        #expect(conf.contains("\n#local.media.storage.remote_server_url http://192.168.1.81\n"))
        #expect(read.values["http.admin.secret_key"] == "s3")
        // A layout that writes the key replaces the stale value instead.
        let https = try #require(try lintSample("single-https-nginx").plan)
        #expect(https.imConfigKeys.contains("local.media.storage.remote_server_url"))
        #expect(try IMConfigBase(Array(base.utf8), replacing: Plan.imNetworkKeys).stale(owned: Plan.imNetworkKeys, setting: https.imConfigKeys).isEmpty)
        // The owned list is every key the planner writes in any sample.
        for sample in sampleNames {
            let plan = try #require(try lintSample(sample).plan)
            #expect(plan.imConfigKeys.isSubset(of: plan.imOwnedKeys), "\(sample): \(plan.imConfigKeys.subtracting(plan.imOwnedKeys))")
        }
    }
}
