import Glibc
import WFCCore

/// One input through everything `wfc lint` and `wfc build` do with a file: parse, decode,
/// check, every reporter, the fixes, and the emitters when the file is clean.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The first line doubles as the file name (as --stdin-filename would give it), so that
    // hostile names reach every report and every generated file's provenance comment.
    let name = String(decoding: bytes.prefix { $0 != 0x0A }.prefix(300), as: UTF8.self)
    let result = Linter.lint(SourceFile(path: name, bytes: bytes))
    _ = try? IMConfigBase(bytes, replacing: ["port", "server.ip"])
    let context = ReportContext(workingDirectory: "/fuzz", color: true)
    _ = HumanReport.render([result], context: context)
    _ = JSONReport.render([result], context: context)
    _ = SARIFReport.render([result], context: context)
    _ = GitHubReport.render([result], context: context)
    _ = Fixer.fixAll(result.source, unsafe: true)
    if result.errorCount == 0, let plan = result.plan {
        let provenance = Provenance(input: name)
        // The name may not add a line, a quote or a statement to any generated file.
        if provenance.input.unicodeScalars.contains(where: { !$0.isASCII || " \"';{}#$\\\n\r".unicodeScalars.contains($0) }) {
            abort()
        }
        _ = Emitter.artifacts(plan, provenance: provenance, secrets: SecretValues())
        // The same bytes as an `--im-base` file: refused with a line, or merged.
        let base = try? IMConfigBase(bytes, replacing: plan.imConfigKeys)
        _ = Emitter.artifacts(plan, provenance: provenance, secrets: SecretValues(), imBase: base)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<module>_main`; hand the process to libFuzzer.
@_cdecl("wfc_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector, fuzzOne)
}
