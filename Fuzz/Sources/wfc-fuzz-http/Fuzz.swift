import Glibc
import WFCCore
import WFCProbe

/// A transport that answers every exchange with the fuzzer's bytes.
struct Replay: ProbeTransport {
    let bytes: [UInt8]
    func resolve(_ name: String) -> [String] { ["192.0.2.1"] }
    func connect(_ address: String, port: Int) -> ConnectResult { .connected }
    func exchange(_ address: String, port: Int, tls: Bool, host: String, request: String, headOnly: Bool) -> Result<[UInt8], ProbeFailure> {
        .success(bytes)
    }
}

/// One answer of a hostile server through everything `wfc probe` does with it: the HTTP
/// reader, the api and WebSocket verdicts, the version comparison, both reports. Nothing it
/// prints may hold a character a terminal acts on.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = HTTPResponse(bytes)
    guard let host = Host("im.example.com") else { return 0 }
    let checks = [
        ProbeCheck(kind: .api, endpoint: Endpoint(kind: .http, host: host, port: 80, node: nil)),
        ProbeCheck(kind: .api, endpoint: Endpoint(kind: .https, host: host, port: 443, node: "n1")),
        ProbeCheck(kind: .websocket, endpoint: Endpoint(kind: .wss, host: host, port: 8084, node: "n1")),
    ]
    let outcomes = Prober(transport: Replay(bytes: bytes), names: ["im.example.com": "192.0.2.1"]).run(checks)
    let human = ProbeReport.human(checks, outcomes)
    _ = ProbeReport.json(checks, outcomes)
    if human.unicodeScalars.contains(where: { $0.value == 0x1B || (0x80...0x9F).contains($0.value) || $0.value == 0x202E }) { abort() }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("wfc_fuzz_http_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector, fuzzOne)
}
