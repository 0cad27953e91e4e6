// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The commit `wfc --version` names: `WFC_COMMIT` from the environment (the packaging script
/// sets it), else what the checkout's .git/HEAD points at; read as files, no process run.
let commit: String = {
    if let given = ProcessInfo.processInfo.environment["WFC_COMMIT"], !given.isEmpty { return given }
    let git = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(".git")
    func read(_ path: String) -> String? {
        (try? String(contentsOf: git.appendingPathComponent(path), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let head = read("HEAD") else { return "unknown" }
    guard head.hasPrefix("ref: ") else { return head }
    let ref = String(head.dropFirst(5))
    if let hash = read(ref) { return hash }
    let packed = read("packed-refs")?.split(separator: "\n").first { $0.hasSuffix(" " + ref) }
    return packed.map { String($0.prefix(while: { $0 != " " })) } ?? "unknown"
}()
let hex = commit.allSatisfy { $0.isHexDigit } ? commit : "unknown"

let package = Package(
    name: "wfc",
    products: [
        .executable(name: "wfc", targets: ["wfc"]),
        .library(name: "WFCCore", targets: ["WFCCore"]),
        // For the fuzz targets (Fuzz/), which run the probe's HTTP reader.
        .library(name: "WFCProbe", targets: ["WFCProbe"]),
        // The IM server's config parser, as the tests and the --im-base fuzz target judge by.
        .library(name: "TestSupport", targets: ["TestSupport"]),
        // For the fuzz target of `wfc import`'s nginx reader.
        .library(name: "WFCImport", targets: ["WFCImport"])
    ],
    dependencies: [],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "YAMLTree", dependencies: ["CYAML"]),
        .target(name: "CSupport", cSettings: [.define("WFC_COMMIT", to: "\"\(hex)\"")]),
        // Network checks for `wfc probe`, with OpenSSL: linked in by the .deb's static build, so
        // that the package needs no libssl and lint starts with no dynamic loader.
        .target(name: "CProbe", linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        // The stages, each a target so that SwiftPM keeps the flow one-way: a stage imports
        // only the stages before it (CONTRIBUTING.md).
        // Source files, diagnostics, the topology language, its decoder and the rules it reports.
        .target(name: "WFCLanguage", dependencies: ["YAMLTree", "CSupport"]),
        // The resolved plan: hosts, flows, endpoints, sizing.
        .target(name: "WFCPlan", dependencies: ["WFCLanguage"]),
        // One rule a file, run on the plan; the registry of every rule.
        .target(name: "WFCChecks", dependencies: ["WFCPlan"]),
        // The artifacts: IM config, gateways, firewalls, Ansible, monitoring, the checklist.
        .target(name: "WFCEmit", dependencies: ["WFCPlan"]),
        // Human, JSON, SARIF and GitHub reports of diagnostics.
        .target(name: "WFCReport", dependencies: ["WFCChecks"]),
        // The atomic output writer and the secrets `wfc build` reads.
        .target(name: "WFCBuild", dependencies: ["WFCEmit", "WFCChecks"]),
        // Lint, fix and init over the stages; re-exports them for the command line and the tools.
        .target(name: "WFCCore", dependencies: ["WFCBuild", "WFCReport"]),
        // `wfc probe`: the checks of CHECKLIST.md against a live deployment, over a transport
        // that tests replace.
        .target(name: "WFCProbe", dependencies: ["WFCCore", "CProbe"]),
        // `wfc import`: an existing deployment's files (the IM configs, the gateway's nginx tree)
        // read back into a topology, with every value's source.
        .target(name: "WFCImport", dependencies: ["WFCCore"]),
        // `wfc lsp`: JSON-RPC framing, documents and the LSP methods over the same Linter.
        .target(name: "WFCLanguageServer", dependencies: ["WFCCore"]),
        .executableTarget(
            name: "wfc",
            dependencies: [
                "WFCCore",
                "WFCLanguageServer",
                "WFCProbe",
                "WFCImport"
            ]
        ),
        // What both test targets share: the repository root, the samples, temporary folders.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree"]),
        // What the stage tests share (lint a text, read a sample); each stage has its tests.
        .target(name: "StageTestSupport", dependencies: ["WFCCore", "TestSupport"], path: "Tests/StageTestSupport"),
        .testTarget(name: "WFCLanguageTests", dependencies: ["WFCLanguage", "StageTestSupport"]),
        .testTarget(name: "WFCPlanTests", dependencies: ["WFCPlan", "StageTestSupport"]),
        .testTarget(name: "WFCChecksTests", dependencies: ["WFCChecks", "WFCImport", "StageTestSupport"]),
        .testTarget(name: "WFCEmitTests", dependencies: ["WFCEmit", "StageTestSupport"]),
        .testTarget(name: "WFCImportTests", dependencies: ["WFCImport", "StageTestSupport"]),
        .testTarget(name: "WFCReportTests", dependencies: ["WFCReport", "StageTestSupport"]),
        .testTarget(name: "WFCBuildTests", dependencies: ["WFCBuild", "StageTestSupport"]),
        .testTarget(name: "WFCProbeTests", dependencies: ["WFCProbe", "TestSupport"]),
        .testTarget(name: "wfcTests", dependencies: ["wfc", "TestSupport", "YAMLTree"])
    ],
    swiftLanguageModes: [.v6]
)

// Concrete generic types (`[Flow]`, `Located<Host>`, dictionaries of wfc's keys) reached through
// metadata accessors instead of mangled names: a typical lint meets a few hundred of them, and
// the runtime's demangling of each, with a conformance scan for its `Hashable` requirement, was
// a third of that lint's instructions (docs/performance.md, issue 39).
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
        ]
}
