import Glibc
import WFCCore
import WFCImport

/// An operator's files given to `wfc import`, the same bytes read five ways. As haproxy.cfg:
/// sections or an error inside the input's lines. As a wildfirechat.conf: settings from the
/// input's lines. As an nginx tree: the main file is the input, and every
/// `include` resolves to the input again under another name (so includes, cycles and globs
/// are exercised too). Either an error inside the input's lines, or a tree whose directives
/// all stand on lines of the input; the gateway's facts are then read from it. As a
/// turnserver.conf and as a janus `.jcfg`: settings on the input's lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lines = bytes.count { $0 == 0x0A } + 1
    do throws(GatewayReadError) {
        let sections = try HAProxyConfig.read(bytes, file: "h.cfg")
        for s in sections where s.line < 1 || s.line > lines || s.lines.contains(where: { $0.line < s.line || $0.line > lines }) { abort() }
        _ = GatewayFacts(haproxy: sections, file: "h.cfg").listeners.count
    } catch {
        if error.line < 1 || error.line > lines { abort() }
    }
    if TurnSettings(bytes).values.values.contains(where: { $0.line < 1 || $0.line > lines }) { abort() }
    if JanusSettings(bytes).values.values.contains(where: { $0.line < 1 || $0.line > lines }) { abort() }
    let settings = IMConfigSettings(bytes)
    if settings.values.values.contains(where: { $0.line < 1 || $0.line > lines }) || (settings.stoppedAt ?? 1) > lines { abort() }
    do throws(GatewayReadError) {
        let tree = try NginxConfig.read(
            main: "/f/nginx.conf", read: { _ in bytes }, glob: { pattern in pattern.contains("*") ? ["/f/a.conf", "/f/b.conf"] : [pattern] })
        func check(_ ds: [NginxDirective]) {
            for d in ds {
                // A quoted empty name is valid (a `map` key `""`).
                if d.line < 1 || d.line > lines { abort() }
                check(d.block ?? [])
            }
        }
        check(tree)
        _ = GatewayFacts(tree).listeners.map(\.port)
    } catch {
        if error.line < 1 || error.line > lines { abort() }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("wfc_fuzz_import_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector, fuzzOne)
}
