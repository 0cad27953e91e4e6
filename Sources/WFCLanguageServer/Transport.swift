import WFCCore

#if canImport(Glibc)
    import Glibc
#endif

/// JSON-RPC messages over a pair of file descriptors, framed by `Content-Length` headers
/// (LSP base protocol). Reads wait with `poll`, so the server can notice that the editor has
/// gone quiet and only then lint: that is its debounce.
final class Transport {
    enum Incoming {
        case message(JSON)
        /// Bytes that are not a message: answered with a JSON-RPC parse error.
        case malformed(String)
        /// Nothing arrived within the wait.
        case idle
        /// The editor closed the stream.
        case closed
    }

    /// No message may hold more (a 8 MiB topology, escaped, fits with room).
    static let maxMessage = 64 << 20

    private let input: Int32, output: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// The next message, waiting at most `milliseconds` (-1: as long as it takes).
    func next(waiting milliseconds: Int32) -> Incoming {
        while true {
            if let framed = frame() { return framed }
            if eof { return .closed }
            var pfd = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, milliseconds)
            if ready == 0 { return .idle }
            if ready < 0 {
                if errno == EINTR { continue }
                return .closed
            }
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .closed
            }
            if n == 0 { eof = true; continue }
            if start > 0, start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// One complete message from the buffer, if one is there.
    private func frame() -> Incoming? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer[start...].firstRange(of: separator) else {
            if buffer.count - start > 8192 {  // a header never gets this long
                start = buffer.count
                return .malformed("a header without its end")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<end.lowerBound], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].filter { $0 != " " && $0 != "\t" })
            }
        }
        guard let length, length >= 0, length <= Transport.maxMessage else {
            start = end.upperBound
            return .malformed("a header without a valid Content-Length")
        }
        guard buffer.count - end.upperBound >= length else { return nil }
        let body = Array(buffer[end.upperBound..<(end.upperBound + length)])
        start = end.upperBound + length
        if start > 1 << 20 { buffer.removeFirst(start); start = 0 }
        do {
            return .message(try JSON.parse(body))
        } catch {
            return .malformed("\(error)")
        }
    }

    func send(_ message: JSON) {
        let body = Array(message.compact().utf8)
        let header = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        _ = FileSystem.writeAll(output, header + body)
    }
}
