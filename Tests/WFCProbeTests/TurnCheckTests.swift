import Foundation
import Testing
import WFCCore

@testable import WFCProbe

/// STUN's wire format against RFC 5769's test vectors, and the TURN checks' verdicts against a
/// scripted TURN server. The real coturn is the e2e's (Tests/e2e/run single-calls).
@Suite("wfc probe: STUN and TURN")
struct TurnCheckTests {
    /// RFC 5769 section 2.2: a Binding success response over IPv4, short-term password
    /// `VOkJxbRl1RmTxUk/WvJxBt`.
    static let sampleResponse: [UInt8] = [
        0x01, 0x01, 0x00, 0x3c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae,
        0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x20,
        0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43,
        0x00, 0x08, 0x00, 0x14, 0x2b, 0x91, 0xf5, 0x99, 0xfd, 0x9e, 0x90, 0xc3, 0x8c, 0x74, 0x89, 0xf9, 0x2a, 0xf9, 0xba, 0x53, 0xf0, 0x6b,
        0xe7, 0xd7,
        0x80, 0x28, 0x00, 0x04, 0xc0, 0x7d, 0x4c, 0x96
    ]

    @Test("RFC 5769's sample response decodes to its mapped address, and its MESSAGE-INTEGRITY is the HMAC-SHA1 wfc computes")
    func sampleVector() throws {
        let m = try #require(STUNMessage.decode(Self.sampleResponse))
        #expect(m.type == STUNMessage.MessageType.bindingSuccess.rawValue)
        let mapped = try #require(m.address(.xorMappedAddress))
        #expect(mapped.address == "192.0.2.1" && mapped.port == 32853)
        // The integrity covers the message up to its own attribute, the length counting it.
        var covered = Array(Self.sampleResponse[0..<48])
        covered[3] = UInt8(48 + 24 - 20)
        let mac = try #require(STUNCrypto.hmacSHA1(Array("VOkJxbRl1RmTxUk/WvJxBt".utf8), covered))
        #expect(mac == Array(Self.sampleResponse[52..<72]))
    }

    @Test("an encoded request decodes to itself; its integrity is computed over what precedes it, the length counting it")
    func roundTrip() throws {
        var m = STUNMessage(.allocateRequest, transaction: Array(0..<12))
        m.add(.requestedTransport, [17, 0, 0, 0])
        m.add(.username, "wfc")
        m.add(.realm, "im.example.com")
        let key = try #require(STUNCrypto.longTermKey(user: "wfc", realm: "im.example.com", password: "secret"))
        // MD5("wfc:im.example.com:secret"), as Python's hashlib gives it.
        #expect(key.map { String(format: "%02x", $0) }.joined() == "e68717522f2e3b4f51cb8c3022f563c1")
        let bytes = try #require(m.encoded(integrity: key))
        #expect(bytes.count % 4 == 0 && Int(bytes[2]) << 8 | Int(bytes[3]) == bytes.count - 20)
        let decoded = try #require(STUNMessage.decode(bytes))
        #expect(decoded.text(.username) == "wfc" && decoded.text(.realm) == "im.example.com")
        #expect(decoded.value(.messageIntegrity) == STUNCrypto.hmacSHA1(key, Array(bytes[..<(bytes.count - 24)])))
        #expect(STUNMessage.decode(Array(bytes.prefix(19))) == nil)
        #expect(STUNMessage.decode(Array("GET / HTTP/1.1\r\n\r\n\r\n".utf8)) == nil)
    }

    @Test("XOR-PEER-ADDRESS encodes what XOR-MAPPED-ADDRESS decodes")
    func xorAddress() throws {
        var m = STUNMessage(.createPermissionRequest, transaction: Array(repeating: 7, count: 12))
        m.add(.xorPeerAddress, try #require(m.xorAddress(ipv4: "203.0.113.200", port: 40000)))
        let peer = try #require(m.address(.xorPeerAddress))
        #expect(peer.address == "203.0.113.200" && peer.port == 40000)
        #expect(m.xorAddress(ipv4: "not-an-address", port: 1) == nil)
    }

    let endpoint = Endpoint(kind: .tcp, host: Host("203.0.113.30")!, port: 3478, node: "turn1")

    func outcome(_ kind: ProbeCheck.Kind, _ server: ScriptedTurn, credentials: [String: TurnCredentials] = ["turn1": .init(user: "wfc", password: "secret")])
        -> Outcome
    {
        let check = ProbeCheck(kind: kind, endpoint: endpoint, expected: kind == .relay ? Host("203.0.113.30") : nil)
        return Prober(transport: server, turnCredentials: credentials).run([check])[0]
    }

    @Test("stun passes with the mapped address, and fails naming UDP when nothing answers")
    func stun() {
        let up = outcome(.stun, ScriptedTurn())
        #expect(up.verdict == .pass && up.detail == "mapped address 198.51.100.7:40000")
        let down = outcome(.stun, ScriptedTurn(silent: true))
        #expect(down.verdict == .fail && down.detail.contains("UDP closed in a firewall or security group"))
    }

    @Test("relay passes through the whole allocation, and names what broke when it fails")
    func relay() {
        #expect(outcome(.relay, ScriptedTurn()).verdict == .pass)
        let closed = outcome(.relay, ScriptedTurn(relayOpen: false))
        #expect(closed.verdict == .fail && closed.detail.contains("the relay range (UDP) is closed"))
        let unannounced = outcome(.relay, ScriptedTurn(relayed: "10.0.0.30"))
        #expect(unannounced.verdict == .fail && unannounced.detail.contains("not the public address 203.0.113.30"))
        let wrong = outcome(.relay, ScriptedTurn(), credentials: ["turn1": .init(user: "wfc", password: "wrong")])
        #expect(wrong.verdict == .fail && wrong.detail.contains("credentials were refused") && !wrong.detail.contains("wrong"))
        let open = outcome(.relay, ScriptedTurn(requiresAuth: false))
        #expect(open.verdict == .fail && open.detail.contains("without credentials"))
        let unknown = outcome(.relay, ScriptedTurn(), credentials: [:])
        #expect(unknown.verdict == .skipped)
    }
}

@Suite("wfc probe: media servers")
struct MediaCheckTests {
    @Test("the media check is skipped with the vendor's nc procedure, and its knock on SSH lets the janus API's silence count as filtered")
    func media() {
        let rtp = Endpoint(kind: .tcp, host: Host("203.0.113.41")!, port: 20000, node: "media1")
        let api = Endpoint(kind: .tcp, host: Host("203.0.113.41")!, port: 8088, node: "media1")
        let checks = [ProbeCheck(kind: .media, endpoint: rtp, answerPort: 22), ProbeCheck(kind: .closed, endpoint: api)]
        let up = Prober(transport: FakeTransport(connects: ["203.0.113.41:22": .connected])).run(checks)
        #expect(up[0].verdict == .skipped && up[0].detail.contains("nc -ulvp 20000") && up[0].detail.contains("nc -u 203.0.113.41 20000"))
        #expect(up[1].verdict == .pass && up[1].detail.hasPrefix("filtered"))
        // No answer anywhere: a dead host and a filtered port look alike.
        let down = Prober(transport: FakeTransport()).run(checks)
        #expect(down[1].verdict == .inconclusive)
    }
}

/// A TURN server in a table: answers Binding, a 401 then an Allocate checked against the
/// password `secret`, CreatePermission, and relays a peer's datagram when `relayOpen`.
final class ScriptedTurn: ProbeTransport, @unchecked Sendable {
    var silent = false, relayOpen = true, requiresAuth = true
    var relayed = "203.0.113.30"
    let lock = NSLock()
    var toClient: [[UInt8]] = []

    init(silent: Bool = false, relayOpen: Bool = true, requiresAuth: Bool = true, relayed: String = "203.0.113.30") {
        self.silent = silent
        self.relayOpen = relayOpen
        self.requiresAuth = requiresAuth
        self.relayed = relayed
    }

    func resolve(_ name: String) -> [String] { [] }
    func connect(_ address: String, port: Int) -> ConnectResult { .connected }
    func exchange(_ address: String, port: Int, tls: Bool, host: String, request: String, headOnly: Bool) -> Result<[UInt8], ProbeFailure> {
        .failure(ProbeFailure("no HTTP here"))
    }
    var answerTimeoutMS: Int32 { 300 }

    func datagramSocket(_ address: String?, port: Int) -> Result<any DatagramSocket, ProbeFailure> {
        .success(Socket(server: self, isPeer: address == nil))
    }

    func answer(_ request: [UInt8]) {
        guard !silent, let m = STUNMessage.decode(request) else { return }
        func reply(_ type: STUNMessage.MessageType, _ attributes: [(STUNMessage.Attribute, [UInt8])]) {
            var r = STUNMessage(type, transaction: m.transaction)
            for (a, v) in attributes { r.add(a, v) }
            lock.withLock { toClient.append(r.encoded() ?? []) }
        }
        let mapped = m.xorAddress(ipv4: "198.51.100.7", port: 40000)!
        switch STUNMessage.MessageType(rawValue: m.type) {
        case .bindingRequest?:
            reply(.bindingSuccess, [(.xorMappedAddress, mapped)])
        case .allocateRequest? where requiresAuth && m.value(.username) == nil:
            reply(.allocateError, [(.errorCode, [0, 0, 4, 1] + Array("Unauthorized".utf8)), (.realm, Array("im.example.com".utf8)), (.nonce, [1, 2, 3, 4])])
        case .allocateRequest?:
            let key = STUNCrypto.longTermKey(user: "wfc", realm: "im.example.com", password: "secret")!
            guard !requiresAuth || m.value(.messageIntegrity) == STUNCrypto.hmacSHA1(key, Array(request[..<(request.count - 24)])) else {
                return reply(.allocateError, [(.errorCode, [0, 0, 4, 1] + Array("Unauthorized".utf8))])
            }
            reply(.allocateSuccess, [(.xorRelayedAddress, m.xorAddress(ipv4: relayed, port: 50000)!), (.xorMappedAddress, mapped)])
        case .createPermissionRequest?:
            reply(.createPermissionSuccess, [])
        default:
            break
        }
    }

    final class Socket: DatagramSocket {
        let server: ScriptedTurn
        let isPeer: Bool
        init(server: ScriptedTurn, isPeer: Bool) {
            self.server = server
            self.isPeer = isPeer
        }

        func send(_ bytes: [UInt8], to peer: (address: String, port: Int)?) -> Result<Void, ProbeFailure> {
            if isPeer {
                guard server.relayOpen else { return .success(()) }
                var data = STUNMessage(.dataIndication)
                data.add(.data, bytes)
                server.lock.withLock { server.toClient.append(data.encoded() ?? []) }
            } else {
                server.answer(bytes)
            }
            return .success(())
        }

        func receive(timeoutMS: Int32) -> Result<[UInt8], ProbeFailure> {
            let next: [UInt8]? = server.lock.withLock { server.toClient.isEmpty ? nil : server.toClient.removeFirst() }
            return next.map { .success($0) } ?? .failure(ProbeFailure("no answer within \(timeoutMS) ms"))
        }
    }
}
