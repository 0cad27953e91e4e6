// swift-tools-version:6.0
// The process-start floor for the benchmark: a Swift program that prints one line, built
// exactly as wfc is (swift build -c release, same toolchain).
import PackageDescription

let package = Package(name: "hello", targets: [.executableTarget(name: "hello")])
