import WFCCore

/// One input through everything `wfc lint` and `wfc build` do with a file: parse, decode,
/// check, every reporter, the fixes, and the emitters when the file is clean.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let result = Linter.lint(SourceFile(path: "fuzz/topology.yaml", bytes: bytes))
    let context = ReportContext(workingDirectory: "/fuzz", color: true)
    _ = HumanReport.render([result], context: context)
    _ = JSONReport.render([result], context: context)
    _ = SARIFReport.render([result], context: context)
    _ = GitHubReport.render([result], context: context)
    _ = FixApplier.fixAll(result.source, unsafe: true)
    if result.errorCount == 0, let plan = result.plan {
        _ = Emitter.artifacts(plan, provenance: Provenance(input: "topology.yaml"), secrets: SecretValues())
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
