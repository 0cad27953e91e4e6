import Foundation
import FoundationXML
import StageTestSupport
import Testing

@testable import WFCChecks
@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan

/// CHECKLIST.md's commands are pasted into a root shell: they must parse, and no topology
/// value may become shell syntax.
@Suite("CHECKLIST.md: the shell an operator pastes")
struct ChecklistShellTests {
    /// The fenced `sh` blocks of a checklist.
    static func blocks(_ checklist: String) -> [String] {
        var out: [String] = [], current: [String]?
        for line in checklist.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed == "```sh" {
                current = []
            } else if trimmed == "```", let c = current {
                out.append(c.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(String(trimmed))
            }
        }
        return out
    }

    static func bash(_ arguments: [String], in folder: URL, stdin: String = "") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("every shell block of every sample's checklist parses (bash -n)", arguments: sampleNames)
    func parses(_ sample: String) throws {
        let result = lint(try sampleText("\(sample)"))
        let plan = try #require(result.plan)
        let checklist = ChecklistEmitter.render(plan, provenance: Provenance(input: "t.yaml"))
        let blocks = Self.blocks(checklist)
        #expect(!blocks.isEmpty)
        let folder = try temporaryDirectory()
        for (i, block) in blocks.enumerated() {
            let file = folder.appendingPathComponent("block\(i).sh")
            try Data(block.utf8).write(to: file)
            #expect(try Self.bash(["-n", file.path], in: folder) == 0, "\(sample), block \(i):\n\(block)")
        }
    }

    @Test("the tuning reserves every listener port of each host from the widened source-port range", arguments: sampleNames)
    func reservedPorts(_ sample: String) throws {
        let result = lint(try sampleText("\(sample)"))
        let plan = try #require(result.plan)
        for (i, host) in plan.hosts.enumerated() where host.machine == nil {
            let step = ChecklistEmitter.tuningStep(host, plan: plan)
            let line = try #require(step.split(separator: "'").first { $0.hasPrefix("net.ipv4.ip_local_reserved_ports = ") })
            // `N` or `LOW-HIGH`, as the kernel reads the list.
            let reserved = Set(
                line.dropFirst("net.ipv4.ip_local_reserved_ports = ".count).split(separator: ",").flatMap { item -> [Int] in
                    let ends = item.split(separator: "-").compactMap { Int($0) }
                    return ends.count == 2 ? Array(ends[0]...ends[1]) : ends
                })
            // Ports below the source-port range are never handed out: reserving them is not needed.
            let listening = plan.hosts.indices.filter { plan.machine(of: $0) == i }.flatMap { plan.hosts[$0].listeners.map(\.port.value) }
                .filter { $0 >= Sizing.localPortRange.low }
            #expect(Set(listening).isSubset(of: reserved), "\(sample) \(host.name): \(line)")
            #expect(line.utf8.count < 4000)
        }
    }

    @Test("issue 33 item 7: ports scattered past the kernel's page still fit, every one of them reserved")
    func reservedPortsLimit() throws {
        // 3,000 ports two apart: 18 KB listed one by one, which the kernel would cut.
        let ports = (0..<3000).map { 20000 + 2 * $0 } + [1883, 5701, 65535, 22, 80]
        let value = ChecklistEmitter.reservedPorts(ports)
        #expect(value.utf8.count <= ChecklistEmitter.reservedPortsLimit)
        let covered = value.split(separator: ",").map { item -> ClosedRange<Int> in
            let ends = item.split(separator: "-").compactMap { Int($0) }
            return ends[0]...(ends.last ?? ends[0])
        }
        for port in ports where port >= Sizing.localPortRange.low {
            #expect(covered.contains { $0.contains(port) }, "\(port)")
        }
        #expect(ChecklistEmitter.reservedPorts([1883, 10000, 10001, 10002, 18080, 80]) == "1883,10000-10002,18080")
    }

    @Test("a hostile keystore path reaches the keystore commands as one quoted word: running them creates nothing")
    func hostilePath() throws {
        let result = lint(try sampleText("single-https"))
        var plan = try #require(result.plan)
        // What the path grammar (WFC405) refuses, put straight into the plan: the quoting
        // must hold on its own.
        let folder = try temporaryDirectory()
        let marker = folder.appendingPathComponent("pwned").path
        plan.tls?.keystore?.path = "/opt/ks`touch \(marker)`$(touch \(marker));touch \(marker)&touch \(marker)|x'y\".jks"
        let step = try #require(ChecklistEmitter.keystoreStep(plan.nodes[0], plan: plan))
        let block = try #require(Self.blocks("   ```sh\n" + (step.components(separatedBy: "```sh\n").last ?? "")).first)
        #expect(block.contains("keytool"))
        let file = folder.appendingPathComponent("keystore.sh")
        try Data(block.utf8).write(to: file)
        #expect(try Self.bash(["-n", file.path], in: folder) == 0)
        _ = try Self.bash([file.path], in: folder, stdin: "secret\n")
        #expect(!FileManager.default.fileExists(atPath: marker), "a value ran as a command:\n\(block)")
    }
}

/// What operators met on the distributions they use (issue 23, items 3, 12 to 14): each
/// assertion fails on the checklist as it was before.
@Suite("CHECKLIST.md on Debian and RHEL")
struct ChecklistOperatingTests {
    static func checklist(_ text: String) throws -> String {
        let plan = try #require(lint(text).plan)
        return ChecklistEmitter.render(plan, provenance: Provenance(input: "t.yaml"))
    }

    @Test("the cluster step gives hazelcast.xml's join as XML that parses, with every member and the node's own interface")
    func hazelcast() throws {
        let md = try Self.checklist(try sampleText("multi-node-https"))
        let start = try #require(md.range(of: "   ```xml\n"))
        let end = try #require(md.range(of: "   ```", range: start.upperBound..<md.endIndex))
        let xml = String(md[start.upperBound..<end.lowerBound])
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(xml)")
        for member in ["10.0.0.11", "10.0.0.12", "10.0.0.13"] { #expect(xml.contains("<member>\(member)</member>")) }
        #expect(xml.contains("<interface>10.0.0.11</interface>") && xml.contains("<multicast enabled=\"false\"/>"))
        #expect(md.contains("Hazelcast instance is not active") && md.contains("kill -9"))
    }

    @Test("XML.escape keeps a hostile value text")
    func xmlEscape() throws {
        let hostile = "</member><member>6.6.6.6</member><!-- & \"'"
        let xml = "<m>\(XML.escape(hostile))</m>"
        final class Text: NSObject, XMLParserDelegate {
            var text = ""
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collect = Text()
        parser.delegate = collect
        #expect(parser.parse())
        #expect(collect.text == hostile)
    }

    @Test("firewalld, ufw, fail2ban, SELinux and persistence on both families")
    func distributions() throws {
        let md = try Self.checklist(try sampleText("multi-node-https"))
        #expect(md.contains("`systemctl disable --now firewalld`") && md.contains("`ufw disable`") && md.contains("`systemctl restart fail2ban`"))
        #expect(md.contains("`dnf install iptables-services`") && md.contains("/etc/sysconfig/iptables") && md.contains("`netfilter-persistent save`"))
        // The nginx gateway listens on 5017-5022, which SELinux's http_port_t does not cover.
        #expect(md.contains("`semanage port -a -t http_port_t -p tcp 5017`") && md.contains("`setsebool -P httpd_can_network_connect 1`"))
        #expect(!md.contains("semanage port -a -t http_port_t -p tcp 80`"))
        let haproxy = try Self.checklist(try sampleText("single-entry-haproxy"))
        #expect(haproxy.contains("`setsebool -P haproxy_connect_any 1`"))
        let nft = try Self.checklist(try sampleText("single-entry-https"))
        #expect(nft.contains("/etc/sysconfig/nftables.conf") && nft.contains("`systemctl enable nftables`"))
    }

    @Test("the tuning has the vendor's numbers, says which line is wfc's, and never lowers fs.file-max")
    func tuning() throws {
        let md = try Self.checklist(try sampleText("multi-node-https"))
        for line in [
            "'net.ipv4.tcp_max_syn_backlog = 16384'", "'net.core.netdev_max_backlog = 16384'", "'fs.nr_open = 2000000'",
            "'net.ipv4.tcp_max_tw_buckets = 1000000'", "'net.ipv4.tcp_fin_timeout = 15'"
        ] {
            #expect(md.contains(line), "\(line)")
        }
        #expect(!md.contains("'fs.file-max") && !md.contains("tcp_tw_recycle"))
        #expect(md.contains("`nf_conntrack_max` is wfc's addition") && md.contains("`-Xms` equal to `-Xmx`") && md.contains("`netty.epoll true`"))
    }

    @Test("a host whose declared rules let no SSH in gets a loud stop in its section, not only WFC504")
    func sshLockout() throws {
        let text = """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - {name: im1, public_address: 203.0.113.20}
            firewall:
              allow:
                - {to: all, ports: [80, 1883]}
            """
        let md = try Self.checklist(text)
        #expect(md.contains("**Stop: this host's declared rules let no SSH in on port 22 (WFC504).**"))
        #expect(!(try Self.checklist(try sampleText("single"))).contains("**Stop:"))
    }

    @Test("the manual firewall rollback is detached from the SSH session and disarmed from a new one")
    func detachedRollback() throws {
        for sample in ["single", "single-entry-https"] {
            let md = try Self.checklist(try sampleText(sample))
            #expect(md.contains("setsid -f sh -c 'sleep 120; [ -e /root/wfc-rollback.armed ]"), "\(sample)")
            #expect(md.contains("`rm /root/wfc-rollback.armed`") && !md.contains("& rollback=$!"), "\(sample)")
        }
    }
}
