import Foundation

/// The repository root, found from this file's path. Tests read nothing outside it.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every bundled sample, read from `samples/` so that a new sample is tested without
/// touching a list: the names of the folders that hold a `topology.yaml`.
public let sampleNames: [String] = {
    let dir = repositoryRoot.appendingPathComponent("samples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0)/topology.yaml").path)
    }.sorted()
}()

/// `samples/<name>/topology.yaml` for every sample, relative to the repository root.
public let sampleFiles: [String] = sampleNames.map { "samples/\($0)/topology.yaml" }

/// A new empty folder under the system's temporary folder.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("wfc-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
