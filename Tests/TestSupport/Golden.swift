import Foundation

/// Compares `actual` with the golden file, or rewrites it when WFC_UPDATE_GOLDEN=1.
public func assertGolden(_ actual: String, _ relativePath: String) throws -> (matches: Bool, expected: String) {
    let url = repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    if ProcessInfo.processInfo.environment["WFC_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden file \(relativePath); run with WFC_UPDATE_GOLDEN=1>"
    return (actual == expected, expected)
}
