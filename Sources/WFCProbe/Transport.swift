import CProbe

#if canImport(Glibc)
    import Glibc
#endif

/// What a connect attempt found.
public enum ConnectResult: Sendable, Equatable {
    case connected
    /// The host answered with a reset: it is up, and nothing listens or the firewall rejects.
    case refused
    /// No answer (a timeout, an unreachable network) or another error.
    case failed(String)
}

/// The network as the prober sees it. `SocketTransport` is the real one; tests hand in
/// their own, so every verdict can be checked without a network.
public protocol ProbeTransport: Sendable {
    /// Numeric addresses for a name, in the resolver's order (empty when it does not resolve).
    func resolve(_ name: String) -> [String]
    func connect(_ address: String, port: Int) -> ConnectResult
    /// Sends `request` and returns the answer's bytes (only its head for a WebSocket upgrade).
    func exchange(_ address: String, port: Int, tls: Bool, host: String, request: String, headOnly: Bool) -> Result<[UInt8], ProbeFailure>
    func datagramSocket(_ address: String?, port: Int) -> Result<any DatagramSocket, ProbeFailure>
    var answerTimeoutMS: Int32 { get }
}

/// One UDP socket of a check.
public protocol DatagramSocket: AnyObject {
    /// Sends one datagram: to `peer` (address, port), or where the socket is connected.
    func send(_ bytes: [UInt8], to peer: (address: String, port: Int)?) -> Result<Void, ProbeFailure>
    /// The next datagram within `timeoutMS`.
    func receive(timeoutMS: Int32) -> Result<[UInt8], ProbeFailure>
}

extension ProbeTransport {
    /// A UDP socket connected to address:port, or (nil) one that sends anywhere. Transports
    /// without UDP (the tests' own) say so.
    public func datagramSocket(_ address: String?, port: Int) -> Result<any DatagramSocket, ProbeFailure> {
        .failure(ProbeFailure("UDP is not available"))
    }

    /// The longest a check waits for one answer.
    public var answerTimeoutMS: Int32 { 3000 }

    /// A TLS handshake alone, the certificate verified for `host`: an empty request.
    public func handshake(_ address: String, port: Int, host: String) -> Result<Void, ProbeFailure> {
        exchange(address, port: port, tls: true, host: host, request: "", headOnly: true).map { _ in () }
    }
}

public struct ProbeFailure: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Sockets and OpenSSL (CProbe), each call within `timeoutMS`.
public struct SocketTransport: ProbeTransport {
    public let cacert: String?
    public let timeoutMS: Int32

    public init(cacert: String?, timeoutMS: Int32) {
        self.cacert = cacert
        self.timeoutMS = timeoutMS
    }

    public func resolve(_ name: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var out: [String] = []
        var next = list
        while let entry = next {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !out.contains(text) { out.append(text) }
            }
            next = entry.pointee.ai_next
        }
        return out
    }

    public func connect(_ address: String, port: Int) -> ConnectResult {
        var error = [CChar](repeating: 0, count: 512)
        errno = 0
        let fd = wfc_probe_connect(address, Int32(port), timeoutMS, &error, error.count)
        if fd >= 0 {
            close(fd)
            return .connected
        }
        let reason = Self.text(error)
        return reason == String(cString: strerror(ECONNREFUSED)) ? .refused : .failed(reason)
    }

    public func exchange(_ address: String, port: Int, tls: Bool, host: String, request: String, headOnly: Bool) -> Result<[UInt8], ProbeFailure> {
        var error = [CChar](repeating: 0, count: 512)
        var response = [CChar](repeating: 0, count: 256 * 1024)
        let n = wfc_probe_exchange(
            address, Int32(port), tls ? 1 : 0, host, cacert, request, headOnly ? 1 : 0, timeoutMS,
            &response, response.count, &error, error.count)
        guard n >= 0 else { return .failure(ProbeFailure(Self.text(error))) }
        return .success(response.prefix(Int(n)).map { UInt8(bitPattern: $0) })
    }

    public var answerTimeoutMS: Int32 { timeoutMS }

    public func datagramSocket(_ address: String?, port: Int) -> Result<any DatagramSocket, ProbeFailure> {
        var error = [CChar](repeating: 0, count: 512)
        // An unconnected socket is opened for the family of the address it will send to.
        let fd = wfc_probe_udp_socket(address ?? "0.0.0.0", Int32(port), address == nil ? 0 : 1, &error, error.count)
        guard fd >= 0 else { return .failure(ProbeFailure(Self.text(error))) }
        return .success(UDPSocket(fd: fd))
    }

    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A socket of CProbe's, closed when the check lets go of it.
final class UDPSocket: DatagramSocket {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }
    deinit { wfc_probe_close(fd) }

    func send(_ bytes: [UInt8], to peer: (address: String, port: Int)?) -> Result<Void, ProbeFailure> {
        var error = [CChar](repeating: 0, count: 512)
        let n = wfc_probe_udp_send(fd, peer?.address, Int32(peer?.port ?? 0), bytes, bytes.count, &error, error.count)
        return n < 0 ? .failure(ProbeFailure(SocketTransport.text(error))) : .success(())
    }

    func receive(timeoutMS: Int32) -> Result<[UInt8], ProbeFailure> {
        var error = [CChar](repeating: 0, count: 512)
        var buffer = [UInt8](repeating: 0, count: 2048)
        let n = wfc_probe_udp_receive(fd, &buffer, buffer.count, timeoutMS, &error, error.count)
        return n < 0 ? .failure(ProbeFailure(SocketTransport.text(error))) : .success(Array(buffer.prefix(Int(n))))
    }
}
