// swift-tools-version:6.0
// A hello-world that parses its arguments with swift-argument-parser, as wfc does: the
// start-up floor of any command line built on it.
import PackageDescription

let package = Package(
    name: "hello-parser",
    dependencies: [.package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")],
    targets: [
        .executableTarget(name: "hello-parser", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
