import WFCCore

/// The long-term credentials of one TURN server, read from the topology's secret at probe time.
/// Never printed: the report says only whether they were accepted.
public struct TurnCredentials: Sendable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// A TURN server checked as the vendor's troubleshooting does, from a client's network: a
/// STUN Binding (RFC 5389) over UDP, and an Allocate (RFC 5766) with the credentials whose
/// relayed address must be the public one, proven open by a datagram sent to it coming back
/// through the relay (in front of janus, the private one, which only janus reaches).
extension Prober {
    /// Sends `message` and waits for the answer to its transaction, sending again twice
    /// (UDP may lose either datagram) within the transport's timeout.
    func transact(_ socket: any DatagramSocket, _ bytes: [UInt8], transaction: [UInt8]) -> Result<STUNMessage, ProbeFailure> {
        let wait = max(transport.answerTimeoutMS / 3, 100)
        var last = ProbeFailure("no answer")
        for _ in 0..<3 {
            if case .failure(let f) = socket.send(bytes, to: nil) { return .failure(f) }
            while true {
                switch socket.receive(timeoutMS: wait) {
                case .failure(let f):
                    // ICMP port unreachable: the host answered, and nothing listens (or a firewall rejects).
                    if f.reason == ProbeFailure.refusedReason { return .failure(f) }
                    last = ProbeFailure("no answer to 3 requests in \(wait * 3) ms")
                case .success(let answer):
                    guard let m = STUNMessage.decode(answer), m.transaction == transaction else { continue }
                    return .success(m)
                }
                break
            }
        }
        return .failure(last)
    }

    func stun(_ ip: String, _ target: String, _ check: ProbeCheck) -> Outcome {
        let socket: any DatagramSocket
        switch transport.datagramSocket(ip, port: check.endpoint.port) {
        case .failure(let f): return Outcome(verdict: .fail, address: target, detail: f.reason)
        case .success(let s): socket = s
        }
        let request = STUNMessage(.bindingRequest)
        switch transact(socket, request.encoded() ?? [], transaction: request.transaction) {
        case .failure(let f):
            return Outcome(verdict: .fail, address: target, detail: Self.udpFailure(f), answered: f.reason == ProbeFailure.refusedReason)
        case .success(let answer):
            guard answer.type == STUNMessage.MessageType.bindingSuccess.rawValue, let mapped = answer.address(.xorMappedAddress) else {
                return Outcome(verdict: .fail, address: target, detail: "answered, but not with a Binding success and a mapped address", answered: true)
            }
            return Outcome(verdict: .pass, address: target, detail: "mapped address \(mapped.address):\(mapped.port)", answered: true)
        }
    }

    func relay(_ ip: String, _ target: String, _ check: ProbeCheck) -> Outcome {
        let name = check.endpoint.node ?? ""
        guard let credentials = turnCredentials[name] else {
            return Outcome(
                verdict: .skipped, address: target,
                detail: "the password of `\(name)` is not readable here: set the environment variable or file its `password` names to check an allocation")
        }
        let socket: any DatagramSocket
        switch transport.datagramSocket(ip, port: check.endpoint.port) {
        case .failure(let f): return Outcome(verdict: .fail, address: target, detail: f.reason)
        case .success(let s): socket = s
        }
        func fail(_ detail: String, answered: Bool = true) -> Outcome { Outcome(verdict: .fail, address: target, detail: detail, answered: answered) }
        // The first Allocate learns the realm and the nonce from the 401 it gets.
        var allocate = STUNMessage(.allocateRequest)
        allocate.add(.requestedTransport, [17, 0, 0, 0])
        let challenge: STUNMessage
        switch transact(socket, allocate.encoded() ?? [], transaction: allocate.transaction) {
        case .failure(let f): return fail(Self.udpFailure(f), answered: f.reason == ProbeFailure.refusedReason)
        case .success(let m): challenge = m
        }
        if challenge.type == STUNMessage.MessageType.allocateSuccess.rawValue {
            return fail("it allocated a relay without credentials: anyone can relay through it (turn on `lt-cred-mech`)")
        }
        guard challenge.error?.code == 401, let realm = challenge.text(.realm), let nonce = challenge.value(.nonce) else {
            return fail("expected 401 with a realm and a nonce, got \(Self.describe(challenge))")
        }
        guard let key = STUNCrypto.longTermKey(user: credentials.user, realm: realm, password: credentials.password) else {
            return fail("libcrypto refused MD5, which TURN's long-term credentials need (an OpenSSL restricted to FIPS?)", answered: false)
        }
        func signed(_ type: STUNMessage.MessageType, _ extra: [(STUNMessage.Attribute, [UInt8])]) -> STUNMessage {
            var m = STUNMessage(type)
            for (a, v) in extra { m.add(a, v) }
            m.add(.username, credentials.user)
            m.add(.realm, realm)
            m.add(.nonce, nonce)
            return m
        }
        let request = signed(.allocateRequest, [(.requestedTransport, [17, 0, 0, 0])])
        let allocated: STUNMessage
        switch transact(socket, request.encoded(integrity: key) ?? [], transaction: request.transaction) {
        case .failure(let f): return fail(Self.udpFailure(f))
        case .success(let m): allocated = m
        }
        if let e = allocated.error {
            return fail(
                e.code == 401
                    ? "the credentials were refused (401): check `user` and the password of `\(name)` against its turnserver.conf"
                    : "Allocate failed: \(e.code) \(e.reason)")
        }
        guard let relayed = allocated.address(.xorRelayedAddress), let mapped = allocated.address(.xorMappedAddress) else {
            return fail("Allocate answered without a relayed and a mapped address")
        }
        if let expected = check.expected?.address?.description, relayed.address != expected {
            return fail(
                check.behindRelay
                    ? "the relayed address \(relayed.address) is not the private address \(expected) janus reaches it at (coturn's `external-ip`)"
                    : "the relayed address \(relayed.address) is not the public address \(expected): clients would be sent there (coturn's `external-ip`)")
        }
        // In front of janus the relay range is private: only janus, on the LAN, sends to it.
        if check.behindRelay {
            return Outcome(
                verdict: .pass, address: target,
                detail: "allocated \(relayed.address):\(relayed.port) with the credentials, the private address janus relays through; "
                    + "the relay range faces only the media servers, so no datagram is tried from here",
                answered: true)
        }
        // The relay range, through every firewall on the way: a datagram from another socket
        // of this client to the relayed address must come back as a Data indication.
        guard let peer = request.xorAddress(ipv4: mapped.address, port: 0) else {
            return Outcome(
                verdict: .pass, address: target, detail: "allocated \(relayed.address):\(relayed.port); the relay range is not tried over IPv6", answered: true)
        }
        let permission = signed(.createPermissionRequest, [(.xorPeerAddress, peer)])
        switch transact(socket, permission.encoded(integrity: key) ?? [], transaction: permission.transaction) {
        case .failure(let f): return fail("CreatePermission: \(Self.udpFailure(f))")
        case .success(let m) where m.type != STUNMessage.MessageType.createPermissionSuccess.rawValue:
            return fail("CreatePermission failed: \(Self.describe(m))")
        case .success: break
        }
        let payload = Array("wfc-probe-relay".utf8)
        guard case .success(let sender) = transport.datagramSocket(nil, port: 0) else { return fail("no second UDP socket", answered: false) }
        let wait = max(transport.answerTimeoutMS / 3, 100)
        for _ in 0..<3 {
            _ = sender.send(payload, to: (relayed.address, relayed.port))
            while case .success(let bytes) = socket.receive(timeoutMS: wait) {
                if let m = STUNMessage.decode(bytes), m.type == STUNMessage.MessageType.dataIndication.rawValue, m.value(.data) == payload {
                    return Outcome(
                        verdict: .pass, address: target,
                        detail: "allocated \(relayed.address):\(relayed.port) with the credentials; a datagram sent there came back through the relay",
                        answered: true)
                }
            }
        }
        return fail(
            "allocated \(relayed.address):\(relayed.port), but a datagram sent there did not come through: the relay range (UDP) is closed on the way")
    }

    static func udpFailure(_ f: ProbeFailure) -> String {
        f.reason == ProbeFailure.refusedReason
            ? "refused (ICMP port unreachable): nothing listens on the UDP port, or a firewall rejects it"
            : "\(f.reason): UDP closed in a firewall or security group, or nothing listens"
    }

    static func describe(_ m: STUNMessage) -> String {
        m.error.map { "\($0.code) \($0.reason)" } ?? "message type 0x" + String(m.type, radix: 16)
    }
}

extension ProbeFailure {
    /// What `recv` says on a connected UDP socket when ICMP port unreachable came back.
    static let refusedReason = "Connection refused"
}
