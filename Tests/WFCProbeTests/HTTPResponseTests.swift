import Testing
import WFCCore

@testable import WFCProbe

/// The probe's reading of HTTP answers: status, plain and chunked bodies, and the ways a
/// server or a middlebox can cut an answer short.
@Suite("HTTP responses as the probe reads them")
struct HTTPResponseTests {
    static func response(_ text: String) -> HTTPResponse { HTTPResponse(Array(text.utf8)) }

    @Test func plainBody() {
        let r = Self.response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"version\":1}")
        #expect(r.status == 200)
        #expect(r.statusLine == "HTTP/1.1 200 OK")
        #expect(r.bodyText == "{\"version\":1}")
    }

    @Test("chunked bodies are joined, extensions ignored, the trailer dropped")
    func chunked() {
        let r = Self.response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n5;x=y\r\n:\"b\"}\r\n0\r\nX-Trailer: 1\r\n\r\n")
        #expect(r.bodyText == "{\"a\":\"b\"}")
    }

    @Test("a chunk boundary inside a multi-byte character leaves the character whole")
    func chunkedUTF8() {
        // "节" is E8 8A 82: split after its first byte.
        let bytes: [UInt8] =
            Array("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n2\r\n\"".utf8) + [0xE8] + Array("\r\n3\r\n".utf8)
            + [0x8A, 0x82, 0x22] + Array("\r\n0\r\n\r\n".utf8)
        let r = HTTPResponse(bytes)
        #expect(r.bodyText == "\"节\"")
    }

    @Test("an answer cut short keeps what arrived; no answer at all is status 0")
    func truncated() {
        #expect(Self.response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket").status == 101)
        #expect(Self.response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n{\"abc").bodyText == "{\"abc")
        #expect(Self.response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n").body.isEmpty)
        #expect(Self.response("").status == 0)
        #expect(Self.response("SSH-2.0-OpenSSH_9.2\r\n").status == 0)
        #expect(Self.response("HTTP/1.1 abc\r\n\r\n").status == 0)
    }

    @Test("a header that mentions chunked elsewhere does not make the body chunked")
    func notChunked() {
        let r = Self.response("HTTP/1.1 200 OK\r\nX-Note: transfer-encoding: chunked\r\n\r\n5\r\nhello")
        #expect(r.bodyText == "5\r\nhello")
    }
}
