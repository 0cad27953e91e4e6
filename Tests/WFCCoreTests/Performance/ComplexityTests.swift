import Foundation
import Testing

@testable import WFCBuild
@testable import WFCChecks
@testable import WFCCore
@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan
@testable import WFCReport

/// Every pass stays linear in its input, measured by counting work (WorkMeter), not time:
/// each shape the benchmark measures is linted at 1× and 8× its size, and the count may
/// grow at most 8× (with a little slack for fixed costs that do not scale down).
@Suite("Linear cost on every shape")
struct ComplexityTests {
    /// The benchmark's generator, run with the shape and size; the same files bench/run times.
    static func topology(_ shape: String, _ n: Int) throws -> String {
        let run = try #require(try runPython(["bench/generate.py", shape, String(n)]))
        return run
    }

    static func runPython(_ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return exitStatus(of: process, until: Date().addingTimeInterval(60)) == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// Lint and, when it is clean, build: the steps counted.
    static func work(_ text: String) -> Int {
        WorkMeter.measure {
            let result = Linter.lint(SourceFile(path: "t.yaml", text: text))
            if result.errorCount == 0, let plan = result.plan {
                _ = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues())
            }
            _ = Fixer.fixAll(SourceFile(path: "t.yaml", text: text), unsafe: true)
        }.steps
    }

    @Test(arguments: [("plain", 50), ("https", 50), ("single-entry", 50), ("rules", 200), ("ports", 500), ("sources", 500), ("mistakes", 50)])
    func linear(_ shape: String, _ n: Int) throws {
        let small = Self.work(try Self.topology(shape, n))
        let large = Self.work(try Self.topology(shape, 8 * n))
        #expect(small > 0)
        #expect(Double(large) <= 8 * 1.25 * Double(small), "\(shape): \(small) steps at \(n), \(large) at \(8 * n)")
    }
}
