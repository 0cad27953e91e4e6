// swift-tools-version:6.0
// A libFuzzer target over the whole lint pipeline, kept out of the main package so normal
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
    ]
)
