// swift-tools-version:6.0
// libFuzzer targets (the lint pipeline, the probe's HTTP reader, the --im-base merge), kept out of the main package so normal
// builds are unaffected. Build and run it with Fuzz/run (it passes -sanitize=fuzzer,address).
import PackageDescription

let package = Package(
    name: "wfc-fuzz",
    dependencies: [.package(path: "wfc")],
    targets: [
        .executableTarget(
            name: "wfc-fuzz",
            dependencies: [.product(name: "WFCCore", package: "wfc")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // What a hostile server sends `wfc probe`: the HTTP reader, the verdicts, the report.
        .executableTarget(
            name: "wfc-fuzz-http",
            dependencies: [.product(name: "WFCCore", package: "wfc"), .product(name: "WFCProbe", package: "wfc")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // An operator's wildfirechat.conf given to `--im-base`: refused with a line, or merged
        // so that the server reads every network key as set.
        .executableTarget(
            name: "wfc-fuzz-imbase",
            dependencies: [.product(name: "WFCCore", package: "wfc"), .product(name: "TestSupport", package: "wfc")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // An operator's files given to `wfc import` (nginx tree, haproxy.cfg, wildfirechat.conf):
        // the readers never crash or hang, and every line they name is one of the input's.
        .executableTarget(
            name: "wfc-fuzz-import",
            dependencies: [.product(name: "WFCCore", package: "wfc"), .product(name: "WFCImport", package: "wfc")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
