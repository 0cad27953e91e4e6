/// STUN (RFC 5389) and TURN (RFC 5766) messages: as much as the probe sends and reads to
/// check a TURN server the way the vendor's troubleshooting does (a Binding answered with
/// the client's mapped address, an Allocate whose relayed address is the public one).
struct STUNMessage: Equatable {
    static let cookie: UInt32 = 0x2112_A442

    enum MessageType: UInt16 {
        case bindingRequest = 0x0001, bindingSuccess = 0x0101
        case allocateRequest = 0x0003, allocateSuccess = 0x0103, allocateError = 0x0113
        case createPermissionRequest = 0x0008, createPermissionSuccess = 0x0108, createPermissionError = 0x0118
        case dataIndication = 0x0017
    }

    enum Attribute: UInt16 {
        case username = 0x0006, messageIntegrity = 0x0008, errorCode = 0x0009, lifetime = 0x000D
        case xorPeerAddress = 0x0012, data = 0x0013, realm = 0x0014, nonce = 0x0015, xorRelayedAddress = 0x0016
        case requestedTransport = 0x0019, xorMappedAddress = 0x0020
    }

    var type: UInt16
    var transaction: [UInt8]
    var attributes: [(type: UInt16, value: [UInt8])] = []

    static func == (a: STUNMessage, b: STUNMessage) -> Bool {
        a.type == b.type && a.transaction == b.transaction
            && a.attributes.map { $0.type } == b.attributes.map { $0.type } && a.attributes.map { $0.value } == b.attributes.map { $0.value }
    }

    init(_ type: MessageType, transaction: [UInt8] = (0..<12).map { _ in UInt8.random(in: 0...255) }) {
        self.type = type.rawValue
        self.transaction = transaction
    }

    init(type: UInt16, transaction: [UInt8], attributes: [(type: UInt16, value: [UInt8])]) {
        self.type = type
        self.transaction = transaction
        self.attributes = attributes
    }

    mutating func add(_ attribute: Attribute, _ value: [UInt8]) { attributes.append((attribute.rawValue, value)) }
    mutating func add(_ attribute: Attribute, _ text: String) { add(attribute, Array(text.utf8)) }

    /// The bytes on the wire. With `key`, a MESSAGE-INTEGRITY over everything before it, the
    /// header's length already counting it (RFC 5389 section 15.4).
    func encoded(integrity key: [UInt8]? = nil, hmac: ([UInt8], [UInt8]) -> [UInt8]? = STUNCrypto.hmacSHA1) -> [UInt8]? {
        var body: [UInt8] = []
        for a in attributes {
            body += Self.be16(a.type) + Self.be16(UInt16(a.value.count)) + a.value
            body += [UInt8](repeating: 0, count: (4 - a.value.count % 4) % 4)
        }
        func header(_ length: Int) -> [UInt8] { Self.be16(type) + Self.be16(UInt16(length)) + Self.be32(Self.cookie) + transaction }
        guard let key else { return header(body.count) + body }
        let covered = header(body.count + 24) + body
        guard let mac = hmac(key, covered) else { return nil }
        return covered + Self.be16(Attribute.messageIntegrity.rawValue) + Self.be16(20) + mac
    }

    /// A STUN message, or nil for anything else (the first two bits zero, the magic cookie,
    /// a length that fits).
    static func decode(_ bytes: [UInt8]) -> STUNMessage? {
        guard bytes.count >= 20, bytes[0] & 0xC0 == 0, read32(bytes, 4) == cookie else { return nil }
        let length = Int(read16(bytes, 2))
        guard length % 4 == 0, bytes.count >= 20 + length else { return nil }
        var attributes: [(type: UInt16, value: [UInt8])] = []
        var i = 20
        while i + 4 <= 20 + length {
            let size = Int(read16(bytes, i + 2))
            guard i + 4 + size <= 20 + length else { return nil }
            attributes.append((read16(bytes, i), Array(bytes[(i + 4)..<(i + 4 + size)])))
            i += 4 + size + (4 - size % 4) % 4
        }
        return STUNMessage(type: read16(bytes, 0), transaction: Array(bytes[8..<20]), attributes: attributes)
    }

    func value(_ attribute: Attribute) -> [UInt8]? { attributes.first { $0.type == attribute.rawValue }?.value }

    func text(_ attribute: Attribute) -> String? { value(attribute).map { String(decoding: $0, as: UTF8.self) } }

    /// ERROR-CODE as a number and its reason (`401 Unauthorized`).
    var error: (code: Int, reason: String)? {
        guard let v = value(.errorCode), v.count >= 4 else { return nil }
        return (Int(v[2] & 0x07) * 100 + Int(v[3]), String(decoding: v[4...], as: UTF8.self))
    }

    /// An XOR-…-ADDRESS attribute as address and port.
    func address(_ attribute: Attribute) -> (address: String, port: Int)? {
        guard let v = value(attribute), v.count >= 8 else { return nil }
        let port = Int(Self.read16(v, 2) ^ UInt16(Self.cookie >> 16))
        let mask = Self.be32(Self.cookie) + transaction
        switch v[1] {
        case 0x01:
            return ((0..<4).map { String(v[4 + $0] ^ mask[$0]) }.joined(separator: "."), port)
        case 0x02 where v.count >= 20:
            let bytes = (0..<16).map { v[4 + $0] ^ mask[$0] }
            let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            return (groups.joined(separator: ":"), port)
        default:
            return nil
        }
    }

    /// XOR-PEER-ADDRESS for an IPv4 address (the permission a peer's packets need).
    func xorAddress(ipv4: String, port: Int) -> [UInt8]? {
        let parts = ipv4.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4 else { return nil }
        let mask = Self.be32(Self.cookie)
        return [0, 0x01] + Self.be16(UInt16(port) ^ UInt16(Self.cookie >> 16)) + (0..<4).map { parts[$0] ^ mask[$0] }
    }

    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
    static func read16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    static func read32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(read16(b, i)) << 16 | UInt32(read16(b, i + 2)) }
}
