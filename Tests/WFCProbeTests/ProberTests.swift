import Foundation
import Testing
import WFCCore

@testable import WFCProbe

/// A network in a table: connects by `address:port`, HTTP answers by `address:port path`.
struct FakeTransport: ProbeTransport {
    var names: [String: [String]] = [:]
    var connects: [String: ConnectResult] = [:]
    var answers: [String: String] = [:]
    /// TLS handshakes alone (an empty request), by `address:port host`: nil succeeds, a
    /// reason fails; absent, nothing answers.
    var handshakes: [String: String?] = [:]

    func resolve(_ name: String) -> [String] { names[name] ?? [] }
    func connect(_ address: String, port: Int) -> ConnectResult { connects["\(address):\(port)"] ?? .failed("timed out after 3000 ms") }
    func exchange(_ address: String, port: Int, tls: Bool, host: String, request: String, headOnly: Bool) -> Result<[UInt8], ProbeFailure> {
        if request.isEmpty {
            guard let result = handshakes["\(address):\(port) \(host)"] else { return .failure(ProbeFailure("timed out after 3000 ms")) }
            return result.map { .failure(ProbeFailure($0)) } ?? .success([])
        }
        let path = request.split(separator: " ")[1]
        guard let answer = answers["\(address):\(port) \(path)"] else { return .failure(ProbeFailure("timed out after 3000 ms")) }
        return .success(Array(answer.utf8))
    }
}

func http(_ status: String, _ body: String, type: String = "application/json") -> String {
    "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
}

let nginx502 = http(
    "502 Bad Gateway",
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    type: "text/html")

@Suite("wfc probe's verdicts, over a fake network")
struct ProberTests {
    let entry = Endpoint(kind: .http, host: Host("im.example.com")!, port: 80, node: nil)
    func node(_ name: String, _ port: Int) -> Endpoint { Endpoint(kind: .http, host: Host("im.example.com")!, port: port, node: name) }

    func probe(_ checks: [ProbeCheck], _ net: FakeTransport, names: [String: String] = ["im.example.com": "203.0.113.10"]) -> [Outcome] {
        Prober(transport: net, names: names).run(checks)
    }

    @Test("every node must answer the authorized address's /api/version; key order does not matter")
    func versions() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /api/version"] = http("200 OK", #"{"version": "1.3.4", "commit": "abc"}"#)
        net.answers["203.0.113.10:10081 /api/version"] = http("200 OK", #"{"commit": "abc", "version": "1.3.4"}"#)
        net.answers["203.0.113.10:10082 /api/version"] = http("200 OK", #"{"commit": "def", "version": "1.3.5"}"#)
        let o = probe(
            [
                ProbeCheck(kind: .api, endpoint: entry), ProbeCheck(kind: .api, endpoint: node("a", 10081)),
                ProbeCheck(kind: .api, endpoint: node("b", 10082))
            ], net)
        #expect(o.map(\.verdict) == [.pass, .pass, .fail])
        #expect(
            o[2].detail
                == #"/api/version differs from the authorized address's: this node {"commit":"def","version":"1.3.5"}; the authorized address {"commit":"abc","version":"1.3.4"}"#
        )
        #expect(!ProbeReport.succeeded(o))
    }

    @Test("the TLS long link: a handshake whose certificate is valid for the name passes; a refused certificate fails with OpenSSL's reason")
    func tlsLongLink() {
        var net = FakeTransport()
        net.handshakes["203.0.113.10:8883 im.example.com"] = .some(nil)
        net.handshakes["203.0.113.10:8884 im.example.com"] = "TLS handshake: certificate verify failed (hostname mismatch)"
        let e = { (port: Int) in Endpoint(kind: .tls, host: Host("im.example.com")!, port: port, node: "node1") }
        let o = probe([ProbeCheck(kind: .tls, endpoint: e(8883)), ProbeCheck(kind: .tls, endpoint: e(8884)), ProbeCheck(kind: .tls, endpoint: e(8885))], net)
        #expect(o.map(\.verdict) == [.pass, .fail, .fail])
        #expect(o[0].detail == "TLS handshake; certificate valid for im.example.com")
        #expect(o[1].detail == "TLS handshake: certificate verify failed (hostname mismatch)")
        #expect(ProbeCheck(kind: .tls, endpoint: e(8883)).title == "tls node1 im.example.com:8883")
    }

    @Test("the app server: 200 with `Ok` (or the docs' `OK`) passes; the IM server's or the gateway's answer does not")
    func appServer() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /"] = http("200 OK", "Ok", type: "text/plain")
        net.answers["203.0.113.10:81 /"] = http("200 OK", "OK\n", type: "text/plain")
        net.answers["203.0.113.10:82 /"] = http("200 OK", "<html>vue-chat</html>", type: "text/html")
        net.answers["203.0.113.10:83 /"] = nginx502
        let checks = [80, 81, 82, 83].map { ProbeCheck(kind: .appServer, endpoint: Endpoint(kind: .http, host: Host("im.example.com")!, port: $0, node: nil)) }
        let o = probe(checks, net)
        #expect(o.map(\.verdict) == [.pass, .pass, .fail, .fail])
        #expect(checks[0].title == "app http://im.example.com/")
    }

    @Test("a closed version API is the IM server answering; the gateway's error page is not")
    func closedVersionAPI() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /api/version"] = http("404 Not Found", "Not Found", type: "text/plain")
        net.answers["203.0.113.10:80 /route"] =
            "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Headers: *\r\nContent-Length: 0\r\n\r\n"
        net.answers["203.0.113.10:10081 /api/version"] = nginx502
        net.answers["203.0.113.10:10082 /api/version"] = http("404 Not Found", "<html><center>nginx</center></html>", type: "text/html")
        let o = probe(
            [
                ProbeCheck(kind: .api, endpoint: entry), ProbeCheck(kind: .api, endpoint: node("a", 10081)),
                ProbeCheck(kind: .api, endpoint: node("b", 10082))
            ], net)
        #expect(o[0].verdict == .pass)
        #expect(o[0].detail == "the IM server answers (404 on /api/version: the version API is closed; OPTIONS /route answers as the IM server does)")
        #expect(o[1].verdict == .fail && o[1].detail == "expected 200, got 502 Bad Gateway from the gateway (the node behind it did not answer)")
        #expect(o[2].verdict == .fail, "nginx's own 404 is not the IM server's")
    }

    @Test("a server that answers 404 to everything is not an IM server with its version API closed")
    func notFoundEverywhere() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /api/version"] = http("404 Not Found", "Not Found", type: "text/plain")
        net.answers["203.0.113.10:80 /route"] = http("404 Not Found", "Not Found", type: "text/plain")
        let o = probe([ProbeCheck(kind: .api, endpoint: entry)], net)
        #expect(o[0].verdict == .fail)
        #expect(o[0].detail == "404 on /api/version, and OPTIONS /route is not the IM server's answer: 404 Not Found: Not Found")
    }

    @Test("what a hostile server sends is printed escaped: no terminal control, no C1, no bidi override")
    func hostileStatus() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /api/version"] = "HTTP/1.1 500 \u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\u{202E}x\r\nContent-Length: 0\r\n\r\n"
        let o = probe([ProbeCheck(kind: .api, endpoint: entry)], net)
        let human = ProbeReport.human([ProbeCheck(kind: .api, endpoint: entry)], o)
        #expect(!human.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E }, "\(human.debugDescription)")
        #expect(human.contains("\\u{1B}[2J"))
        let json = ProbeReport.json([ProbeCheck(kind: .api, endpoint: entry)], o)
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test("a chunk size of 7fffffffffffffff is what arrived, not an overflow")
    func hugeChunk() {
        let body = HTTPResponse(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n{\"a\":1}".utf8))
        #expect(body.status == 200 && body.bodyText == #"{"a":1}"#)
        let negative = HTTPResponse(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nx\r\n0\r\n\r\n".utf8))
        #expect(negative.body.isEmpty)
    }

    @Test("an answer that is not JSON is one readable line, not raw headers or markup")
    func readable() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /api/version"] = http(
            "200 OK", "<html>\n<body>\n  <h1>Welcome to nginx!</h1>\n\t<p>If you see this page</p></body></html>", type: "text/html")
        let o = probe([ProbeCheck(kind: .api, endpoint: entry)], net)
        #expect(o[0].detail == "200, but not JSON: Welcome to nginx! If you see this page")
    }

    @Test("a silent port is closed only on a host that answers elsewhere; a reset is closed; a connect is not")
    func closedPorts() {
        var net = FakeTransport()
        net.connects["203.0.113.10:80"] = .connected
        net.connects["203.0.113.11:5701"] = .refused
        net.connects["203.0.113.12:18080"] = .connected
        let at = { (ip: String, port: Int) in Endpoint(kind: .tcp, host: Host(ip)!, port: port, node: "n") }
        let o = probe(
            [
                ProbeCheck(kind: .tcp, endpoint: at("203.0.113.10", 80)),
                ProbeCheck(kind: .closed, endpoint: at("203.0.113.10", 18080)),
                ProbeCheck(kind: .closed, endpoint: at("203.0.113.11", 5701)),
                ProbeCheck(kind: .closed, endpoint: at("203.0.113.12", 18080)),
                ProbeCheck(kind: .closed, endpoint: at("203.0.113.13", 18080))
            ], net)
        #expect(o.map(\.verdict) == [.pass, .pass, .pass, .fail, .inconclusive])
        #expect(o[1].detail.hasPrefix("filtered: no answer"))
        #expect(o[4].detail.hasPrefix("inconclusive: "))
        #expect(!ProbeReport.succeeded(Array(o[4...])), "inconclusive is not success")
        #expect(
            ProbeReport.human([ProbeCheck(kind: .closed, endpoint: at("203.0.113.13", 18080))], [o[4]]).hasSuffix("1 checks: 0 pass, 0 fail, 1 inconclusive\n"))
    }

    @Test("WebSocket: the web SDK's /ws path counts when / does not upgrade")
    func websocketPaths() {
        var net = FakeTransport()
        net.answers["203.0.113.10:18081 /"] = http("404 Not Found", "")
        net.answers["203.0.113.10:18081 /ws"] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
        net.answers["203.0.113.10:18082 /"] = http("400 Bad Request", #"{"error": "no WebSocket here"}"#)
        let ws = { (port: Int) in ProbeCheck(kind: .websocket, endpoint: Endpoint(kind: .ws, host: Host("im.example.com")!, port: port, node: "a")) }
        let o = probe([ws(18081), ws(18082)], net)
        #expect(o[0].verdict == .pass && o[0].detail == "101 Switching Protocols on /ws")
        #expect(o[1].detail == #"expected 101 (/: 400 Bad Request: {"error": "no WebSocket here"}; /ws: timed out after 3000 ms)"#)
    }

    @Test("the authorized domain must resolve to the entry point; --resolve skips the check")
    func dns() {
        var net = FakeTransport()
        net.names["im.example.com"] = ["198.51.100.7"]
        let check = ProbeCheck(kind: .dns, endpoint: entry, expected: Host("203.0.113.10"))
        #expect(probe([check], net, names: [:])[0].detail == "resolves to 198.51.100.7, not the entry point 203.0.113.10")
        net.names["im.example.com"] = ["203.0.113.10"]
        #expect(probe([check], net, names: [:])[0].verdict == .pass)
        let skipped = probe([check], net)
        #expect(skipped[0].verdict == .skipped && ProbeReport.succeeded(skipped))
        net.names = [:]
        #expect(probe([check], net, names: [:])[0].verdict == .fail)
    }
}

@Suite("wfc probe: a domain without ICP filing")
struct UnfiledDomainTests {
    @Test("issue 38 item 9: 403 on the authorized domain names ICP filing; on an IP it does not")
    func forbidden() {
        var net = FakeTransport()
        net.answers["203.0.113.10:80 /api/version"] = http("403 Forbidden", "<html>blocked</html>", type: "text/html")
        let domain = Endpoint(kind: .http, host: Host("im.example.com")!, port: 80, node: nil)
        let o = Prober(transport: net, names: ["im.example.com": "203.0.113.10"]).run([ProbeCheck(kind: .api, endpoint: domain)])
        #expect(o.first?.verdict == .fail)
        #expect(o.first?.detail.contains("without ICP filing (备案): file `im.example.com`") == true, "\(o.first?.detail ?? "")")
        let ip = Endpoint(kind: .http, host: Host("203.0.113.10")!, port: 80, node: nil)
        let byIP = Prober(transport: net, names: [:]).run([ProbeCheck(kind: .api, endpoint: ip)])
        #expect(byIP.first?.verdict == .fail && byIP.first?.detail.contains("ICP") == false, "\(byIP.first?.detail ?? "")")
    }
}
