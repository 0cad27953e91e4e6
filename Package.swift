// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wfc",
    products: [
        .executable(name: "wfc", targets: ["wfc"]),
        .library(name: "WFCCore", targets: ["WFCCore"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "YAMLTree", dependencies: ["CYAML"]),
        .target(name: "CSupport"),
        // Network checks for `wfc probe`; OpenSSL is loaded with dlopen on first TLS use.
        .target(name: "CProbe", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "WFCCore", dependencies: ["YAMLTree", "CSupport"]),
        // `wfc probe`: the checks of CHECKLIST.md against a live deployment, over a transport
        // that tests replace.
        .target(name: "WFCProbe", dependencies: ["WFCCore", "CProbe"]),
        // `wfc lsp`: JSON-RPC framing, documents and the LSP methods over the same Linter.
        .target(name: "WFCLanguageServer", dependencies: ["WFCCore"]),
        .executableTarget(
            name: "wfc",
            dependencies: [
                "WFCCore",
                "WFCLanguageServer",
                "WFCProbe",
            ]
        ),
        // What both test targets share: the repository root, the samples, temporary folders.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree"]),
        .testTarget(name: "WFCCoreTests", dependencies: ["WFCCore", "TestSupport"]),
        .testTarget(name: "WFCProbeTests", dependencies: ["WFCProbe", "TestSupport"]),
        .testTarget(name: "wfcTests", dependencies: ["wfc", "TestSupport", "YAMLTree"]),
    ],
    swiftLanguageModes: [.v6]
)
