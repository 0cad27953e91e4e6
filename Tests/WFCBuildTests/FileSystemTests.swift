import Foundation
import StageTestSupport
import Testing

@testable import WFCBuild

@Suite("Replacing a file for --fix")
struct FileSystemTests {
    @Test("a file changed since it was read is not overwritten, and no temporary is left")
    func changedMeanwhile() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("t.yaml")
        try Data("edited by someone else\n".utf8).write(to: file)
        #expect(throws: FileError.self) {
            try FileSystem.replace(file.path, with: Array("fixed\n".utf8), expecting: Array("original\n".utf8))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "edited by someone else\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["t.yaml"])
    }
}
