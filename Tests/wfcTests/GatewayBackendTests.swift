import Foundation
import Testing

/// The gateway backends against each other: an external balancer's listener sheet lists
/// what the nginx gateway listens on and passes to.
@Suite("Gateway backends", .serialized)
struct GatewayBackendTests {
    /// The ports an nginx gateway listens on, and every upstream address:port it names.
    static func nginx(_ folder: URL) throws -> (ports: Set<Int>, targets: Set<String>) {
        var ports = Set<Int>(), targets = Set<String>()
        for file in ToolValidationTests.files(folder, named: ".conf") where file.path.contains("/gateway/") {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.trimmingCharacters(in: .whitespaces).dropLast().split(separator: " ").map(String.init)
                guard words.count >= 2 else { continue }
                switch words[0] {
                case "listen": if let port = Int(words[1].split(separator: ":").last ?? "") { ports.insert(port) }
                case "server" where words[1].contains(":"): targets.insert(words[1])
                case "proxy_pass":
                    targets.insert(words[1].replacingOccurrences(of: "http://", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "/")))
                default: break
                }
            }
        }
        return (ports, targets)
    }

    @Test("an external balancer's listener sheet has the nginx gateway's listeners and pools, and no gateway files")
    func listenerSheet() throws {
        let nginx = Dictionary(uniqueKeysWithValues: try ToolValidationTests.builds(gatewayBackend: "nginx").map { ($0.0, $0.1) })
        var compared = 0
        for (input, folder) in try ToolValidationTests.builds(gatewayBackend: "external") {
            guard let sheet = Self.files(folder, "gateway/listeners.json").first, let reference = nginx[input] else { continue }
            let gatewayFiles = tree(folder).keys.filter { $0.hasPrefix("gateway/") }
            #expect(gatewayFiles == ["gateway/listeners.json"], "\(input): \(gatewayFiles)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sheet)) as? [String: Any])
            let listeners = try #require(json["listeners"] as? [[String: Any]])
            let expected = try Self.nginx(reference)
            // Services the gateway serves by name ride on the route's ports: the same set.
            #expect(Set(listeners.compactMap { $0["port"] as? Int }) == expected.ports, "\(input)")
            for l in listeners {
                let pool = (l["pool"] as? [[String: Any]] ?? []).map { "\($0["address"] ?? ""):\($0["port"] ?? "")" }
                #expect(!pool.isEmpty && Set(pool).isSubset(of: expected.targets), "\(input): port \(l["port"] ?? ""): \(pool) not in \(expected.targets)")
                #expect((l["idle_timeout_seconds"] as? Int ?? 0) >= 600)
            }
            #expect(json["source_ranges"] as? [String] == ["10.0.0.0/8", "172.16.0.0/12", "203.0.113.0/24"])
            compared += 1
        }
        #expect(compared >= 8)
    }

    @Test("a declared firewall that admits the gateway's address does not admit an external balancer (WFC501)")
    func declaredFirewall() throws {
        var text = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/clean/single-entry-https-declared.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\ngateway:\n", with: "\ngateway:\n  backend: external\n  source_ranges: [100.64.0.0/10]\n")
        let run = try wfc(["lint", "-", "--format", "json"], stdin: text)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"code\":\"WFC501\"") || run.stdout.contains("\"code\": \"WFC501\""), "\(run.stdout)")
        #expect(run.stdout.contains("100.64.0.0/10"), "the note names the ranges to admit")
    }

    static func files(_ folder: URL, _ name: String) -> [URL] { ToolValidationTests.files(folder, named: name) }

    @Test("the nodes admit an external balancer's source ranges where they would admit the gateway, and nothing else from it")
    func sourceRanges() throws {
        let out = try temporaryDirectory()
        let run = try wfc(["build", "samples/multi-node-slb/topology.yaml", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let rules = try String(contentsOf: out.appendingPathComponent("nodes/node1/iptables.rules"), encoding: .utf8)
        // WS reaches node1 only through the balancer (its WSS is ended there); HTTP and TCP are dialled directly.
        #expect(rules.contains("-A wfc-input -s 100.64.0.0/10 -p tcp -m tcp --dport 8083 "))
        #expect(rules.contains("-A wfc-input -p tcp -m tcp --dport 80 "))
        #expect(!rules.contains("203.0.113.10"), "the balancer's public address is no source")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("gateway/iptables.rules").path))
        let checklist = try String(contentsOf: out.appendingPathComponent("CHECKLIST.md"), encoding: .utf8)
        #expect(checklist.contains("   | 5020 | WSS | HTTPS, WebSocket allowed | ends here | `node1` 10.0.0.11:8083 | X-Forwarded-For, set (not appended) |"))
        #expect(!checklist.contains("nginx"), "a checklist for an external balancer names no nginx")
    }
}
