import Foundation
import Testing

/// docs/vendor-coverage.md stays honest: every rule code it names is one `wfc rules` lists, and
/// every test it names in a table's last column is a test function in Tests/.
@Suite("The vendor-coverage page")
struct VendorCoverageTests {
    static func testFunctions() throws -> Set<String> {
        var names = Set<String>()
        let root = repositoryRoot.appendingPathComponent("Tests")
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) ?? .init()
        where url.pathExtension == "swift" {
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                guard let range = line.range(of: "func ") else { continue }
                names.insert(String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            }
        }
        return names
    }

    @Test("every rule code and test the page names exists")
    func honest() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/vendor-coverage.md"), encoding: .utf8)
        let rules = Set(try wfc(["rules"]).stdout.split(separator: "\n").map { String($0.prefix(6)) })
        let codes = page.matches(of: /WFC\d{3}/).map { String($0.output) }
        #expect(codes.count >= 8)
        for code in codes { #expect(rules.contains(code), "docs/vendor-coverage.md names \(code), which is no rule") }
        let functions = try Self.testFunctions()
        var cited = 0
        for row in page.split(separator: "\n") where row.hasPrefix("| ") && !row.hasPrefix("| section") {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count >= 6 else { continue }
            for name in cells[4].matches(of: /`([A-Za-z0-9_]+)`/).map({ String($0.output.1) }) {
                cited += 1
                #expect(functions.contains(name), "docs/vendor-coverage.md cites the test `\(name)`, which does not exist")
            }
        }
        #expect(cited >= 10)
    }
}
