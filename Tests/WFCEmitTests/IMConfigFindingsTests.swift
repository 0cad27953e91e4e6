import StageTestSupport
import TestSupport
import Testing
import WFCLanguage

@testable import WFCEmit

/// WFC703/WFC704 read the operator's config as the server does: held against the server's
/// parser (`IMConfParser`) on every file of up to three lines drawn from lines that set the
/// keys in every way the server reads (padding, tabs, CR, a comment, the defaults, others).
@Suite("The IM config base's findings, against the server's parser")
struct IMConfigFindingsTests {
    static let lines = [
        "http.admin.secret_key 123456", "  http.admin.secret_key   123456\t", "http.admin.secret_key 1234567", "#http.admin.secret_key 123456",
        "token.key testim", "token.key  testim ", "token.key Testim", "token.key", "http.admin.no_check_time true",
        "http.admin.no_check_time  true\r", "http.admin.no_check_time false", "http.admin.no_check_time\ttrue", "port 1883", ""
    ]

    @Test("a default secret or the time check off is found exactly when the server would read it so")
    func parity() {
        var files = 0
        for a in Self.lines {
            for b in Self.lines {
                for c in Self.lines {
                    let text = [a, b, c].joined(separator: "\n")
                    let server = IMConfParser(text)
                    guard server.stoppedAt == nil else { continue }
                    let codes = IMConfigBase.findings(SourceFile(path: "c.conf", text: text)).diagnostics.map(\.code.rawValue)
                    let defaults = (server.values["http.admin.secret_key"] == "123456" ? 1 : 0) + (server.values["token.key"] == "testim" ? 1 : 0)
                    #expect(codes.filter { $0 == "WFC703" }.count == defaults, "\(text.debugDescription)")
                    #expect(codes.contains("WFC704") == (server.values["http.admin.no_check_time"] == "true"), "\(text.debugDescription)")
                    files += 1
                }
            }
        }
        #expect(files > 2000)
    }
}
