import Glibc
import TestSupport
import WFCCore

/// The plan of a two-node HTTPS cluster: its network keys are what the merge sets.
let plan: Plan? = Linter.lint(SourceFile(path: "t.yaml", text: """
    version: 1
    mode: multi-node
    authorized_address: im.example.com
    clients: {web: true, https: true}
    tls: {certificate: /c.pem, certificate_key: /k.pem}
    firewall: {server_api_from: []}
    gateway: {public_address: 203.0.113.10}
    nodes:
      - {name: n1, public_address: 203.0.113.11, websocket_proxy_port: 5017, websocket_proxy_secure_port: 5020}
      - {name: n2, public_address: 203.0.113.12, websocket_proxy_port: 5018, websocket_proxy_secure_port: 5021}
    """)).plan

/// An operator's wildfirechat.conf given to `--im-base`: either refused with a line, or merged
/// so that the server, reading the result its own way (TestSupport's IMConfParser, written
/// from moquette's parser), never stops and sees every network key as wfc set it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // WFC703/WFC704 read any file, merged or not: spans stay inside it, in line order.
    let (source, findings) = IMConfigBase.findings(SourceFile(path: "b.conf", bytes: bytes))
    for d in findings where d.span.start.offset > d.span.end.offset || d.span.end.offset > bytes.count { abort() }
    if zip(findings, findings.dropFirst()).contains(where: { $0.span.start.offset > $1.span.start.offset }) { abort() }
    for r in source.redactions where r.end.offset > bytes.count { abort() }
    guard let plan, let base = try? IMConfigBase(bytes, replacing: plan.imConfigKeys) else { return 0 }
    for artifact in Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues(), imBase: base)
    where artifact.path.hasSuffix("wildfirechat.conf") {
        let server = IMConfParser(artifact.contents)
        if server.stoppedAt != nil { abort() }
        guard let node = plan.nodes.first(where: { artifact.path == "nodes/\($0.name.value)/wildfirechat.conf" }) else { abort() }
        for entry in node.imConfig {
            if case .text(let value) = entry.value, server.values[entry.key] != value { abort() }
        }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("wfc_fuzz_imbase_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector, fuzzOne)
}
