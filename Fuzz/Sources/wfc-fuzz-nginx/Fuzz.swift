import Glibc
import WFCImport

/// An operator's nginx tree given to `wfc import`: the main file is the input, and every
/// `include` resolves to the input again under another name (so includes, cycles and globs
/// are exercised too). Either an error inside the input's lines, or a tree whose directives
/// all stand on lines of the input; the gateway's facts are then read from it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lines = bytes.count { $0 == 0x0A } + 1
    do throws(NginxReadError) {
        let tree = try NginxConfig.read(
            main: "/f/nginx.conf", read: { _ in bytes }, glob: { pattern in pattern.contains("*") ? ["/f/a.conf", "/f/b.conf"] : [pattern] })
        func check(_ ds: [NginxDirective]) {
            for d in ds {
                if d.line < 1 || d.line > lines || d.name.isEmpty { abort() }
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
