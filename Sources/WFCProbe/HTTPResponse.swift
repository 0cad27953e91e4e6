/// The parts of an HTTP/1.1 response the probe reads: the status and the body, de-chunked.
/// Works on bytes, so a chunk boundary inside a multi-byte character cannot garble the body.
public struct HTTPResponse: Sendable, Equatable {
    public var statusLine = ""
    public var status = 0
    public var body: [UInt8] = []
    /// The header fields, names lowercased, in order.
    public var headers: [(name: String, value: String)] = []

    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.statusLine == b.statusLine && a.status == b.status && a.body == b.body
            && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
    }

    /// A header's value (the first of that name).
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public init(_ bytes: [UInt8]) {
        let crlf: [UInt8] = [13, 10]
        // Bytes, not Characters: "\r\n" is one Swift Character and would slip past a test for "\r".
        statusLine = String(decoding: bytes.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        status = HTTPResponse.code(statusLine)
        guard let end = bytes.firstRange(of: crlf + crlf) else { return }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let rest = bytes[end.upperBound...]
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.append((line[..<colon].lowercased(), String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())))
        }
        let chunked = header("transfer-encoding")?.lowercased().contains("chunked") ?? false
        body = chunked ? HTTPResponse.dechunk(rest) : Array(rest)
    }

    /// `size[;ext] CRLF data CRLF` until a zero size; a truncated chunk keeps what arrived.
    /// A size is compared with what arrived before any arithmetic: a hostile server may
    /// announce `7fffffffffffffff`.
    static func dechunk(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var rest = bytes
        while let line = rest.firstRange(of: [13, 10]) {
            let sizeText = String(decoding: rest[..<line.lowerBound], as: UTF8.self)
            guard let size = Int(String(sizeText.split(separator: ";").first ?? "").filter { $0 != " " && $0 != "\t" }, radix: 16),
                size > 0
            else { break }
            let data = rest[line.upperBound...]
            guard size <= data.count else {
                out += data
                break
            }
            out += data.prefix(size)
            rest = data.dropFirst(size).dropFirst(2)
        }
        return out
    }

    static func code(_ line: String) -> Int {
        let parts = line.split(separator: " ")
        return parts.count >= 2 && parts[0].hasPrefix("HTTP/") ? Int(parts[1]) ?? 0 : 0
    }
}
