import Foundation
import Testing

@testable import WFCProbe

/// The real socket transport against a hostile server on loopback: one byte every 0.2 s
/// never trips a read timeout, but the exchange must end at its deadline.
@Suite("wfc probe: one deadline per exchange, against a server that dribbles")
struct DeadlineTests {
    @Test("a server sending one byte every 0.2 s is cut off at the deadline, not waited on")
    func dribble() throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "python3", "-c",
            """
            import socket, sys, threading, time
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0)); s.listen(4)
            print(s.getsockname()[1], flush=True)
            def drip(c):
                try:
                    c.recv(4096)
                    for b in b"HTTP/1.1 200 OK\\r\\nContent-Length: 100000\\r\\n\\r\\n" + b"x" * 100000:
                        c.send(bytes([b])); time.sleep(0.2)
                except OSError:
                    pass
            while True:
                c, _ = s.accept()
                threading.Thread(target=drip, args=(c,), daemon=True).start()
            """
        ]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the test runner's threads may block SIGTERM, and its children inherit that.
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        var portText = ""
        while !portText.hasSuffix("\n") {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { break }
            portText += String(decoding: byte, as: UTF8.self)
        }
        let port = try #require(Int(portText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let transport = SocketTransport(cacert: nil, timeoutMS: 1000)
        let start = Date()
        let answer = transport.exchange(
            "127.0.0.1", port: port, tls: false, host: "127.0.0.1",
            request: "GET /api/version HTTP/1.1\r\nHost: x\r\n\r\n", headOnly: false)
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 3, "the exchange took \(seconds) s with a 1 s deadline")
        // What arrived by the deadline is judged: a few bytes of a head, no answer to accept.
        if case .success(let bytes) = answer { #expect(bytes.count < 20) }
    }
}
