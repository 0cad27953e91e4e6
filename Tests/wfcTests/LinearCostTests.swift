import Foundation
import Testing

/// Every pass stays linear in its input, measured without timing and without any hook in wfc:
/// the built `wfc` runs under valgrind's cachegrind, which counts the instructions it executes
/// (the same on every run of the same input with deterministic hashing). Each shape the
/// benchmark measures (bench/generate.py) is linted, or fixed, at 1× and 8× its size, less the
/// cost on a one-node topology (start-up, the registry); build is judged per byte it writes. A
/// hash or search over a whole list inside a loop over the nodes shows up here whichever stage
/// it is in.
@Suite("Linear cost on every shape, in instructions")
struct LinearCostTests {
    /// valgrind 3.19 (Debian 12) stops on the DWARF 5 debug information Swift 6 writes; a
    /// copy without it runs, and the instructions are the same.
    static let binary: Result<URL, Error> = Result {
        // Beside the binary, replaced on each run, so no copy piles up in /tmp.
        let copy = wfcBinary.deletingLastPathComponent().appendingPathComponent("wfc-for-cachegrind")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: wfcBinary, to: copy)
        let run = try Tools.run("strip", ["--strip-debug", copy.path])
        guard run.status == 0 else { throw Tools.Missing(reason: "`strip --strip-debug` failed on a copy of wfc: \(run.stderr)") }
        return copy
    }

    /// The instructions one `wfc` command executes, and whether it exited 0.
    static func instructions(_ arguments: [String], in dir: URL) throws -> (count: Int, clean: Bool) {
        let valgrind = try Tools.require("valgrind")
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_DETERMINISTIC_HASHING"] = "1"
        let run = try #require(
            try launch(
                URL(fileURLWithPath: valgrind),
                ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", try binary.get().path] + arguments,
                cwd: dir, environment: env))
        // `==123== I   refs:      26,224,792`
        let line = try #require(run.stderr.split(separator: "\n").first { $0.contains("I   refs:") }, "no count from cachegrind:\n\(run.stderr)")
        let digits = line.split(separator: ":").last?.filter(\.isNumber) ?? ""
        return (try #require(Int(digits)), run.status == 0)
    }

    /// Lint, or fixing everything fixable (which lints before and after): its instructions.
    static func checkCost(_ text: String, fix: Bool) throws -> Int {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try text.write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        return try instructions(fix ? ["lint", "--fix", "--unsafe-fixes", "t.yaml"] : ["lint", "t.yaml"], in: dir).count
    }

    /// `wfc build`: its instructions and the bytes it wrote; nil when it did not build.
    static func buildCost(_ text: String) throws -> (instructions: Int, bytes: Int)? {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try text.write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let built = try instructions(["build", "t.yaml", "--out", "out"], in: dir)
        guard built.clean else { return nil }
        return (built.count, tree(dir.appendingPathComponent("out")).values.reduce(0) { $0 + $1.count })
    }

    /// What the commands cost on a topology of one node: the part that does not grow.
    static let oneNode = "version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: node1\n"
    static let fixedLint = Result { try checkCost(oneNode, fix: false) }
    static let fixedFix = Result { try checkCost(oneNode, fix: true) }
    static let fixedBuild = Result { try buildCost(oneNode) }

    static func topology(_ shape: String, _ n: Int) throws -> String {
        let python = try Tools.require("python3")
        let run = try #require(try launch(URL(fileURLWithPath: python), ["bench/generate.py", shape, String(n)]))
        #expect(run.status == 0, "bench/generate.py \(shape) \(n): \(run.stderr)")
        return run.stdout
    }

    /// Lint (or fix, for the shapes with something to fix) grows at most 8× (and a little) from
    /// 1× to 8× the input, stress sizes past 64 nodes included (wfc reports every node past the
    /// 64th: work it must do at that size too). Build writes what the input asks for, which is
    /// more than linear where every node lists every peer (the cluster's firewall sources,
    /// hazelcast members): its instructions per byte written may grow by the same little, from 8
    /// to 64 nodes, the most a valid cluster has. `rules` and `ports` stand on 63 nodes whose
    /// output dwarfs theirs: `sources` builds instead.
    @Test(arguments: [
        ("plain", 50, 8, false), ("https", 50, 8, false), ("single-entry", 50, 8, false), ("mistakes", 50, nil, true),
        ("rules", 100, nil, false), ("ports", 250, nil, true), ("sources", 500, 500, false)
    ])
    func linear(_ shape: String, _ n: Int, _ buildN: Int?, _ fix: Bool) throws {
        let fixed = try (fix ? Self.fixedFix : Self.fixedLint).get()
        let small = try Self.checkCost(try Self.topology(shape, n), fix: fix) - fixed
        let large = try Self.checkCost(try Self.topology(shape, 8 * n), fix: fix) - fixed
        let what = fix ? "fix" : "lint"
        #expect(small > 0)
        #expect(
            Double(large) <= 8 * 1.25 * Double(small),
            "\(shape): \(what) takes \(small) instructions above the fixed cost at \(n), \(large) at \(8 * n) (\(Double(large) / Double(max(small, 1)))×)")
        guard let buildN else { return }
        let base = try #require(try Self.fixedBuild.get())
        let a = try #require(try Self.buildCost(try Self.topology(shape, buildN)), "\(shape) \(buildN) does not build")
        let b = try #require(try Self.buildCost(try Self.topology(shape, 8 * buildN)), "\(shape) \(8 * buildN) does not build")
        let perByte = (
            small: Double(a.instructions - base.instructions) / Double(a.bytes - base.bytes),
            large: Double(b.instructions - base.instructions) / Double(b.bytes - base.bytes)
        )
        #expect(
            perByte.large <= 1.25 * perByte.small,
            "\(shape): build takes \(perByte.small) instructions a byte at \(buildN) (\(a.bytes) bytes), \(perByte.large) at \(8 * buildN) (\(b.bytes) bytes)")
    }
}
