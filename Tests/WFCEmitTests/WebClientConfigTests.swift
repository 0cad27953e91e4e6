import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// The web client's own settings (the vendor's web walkthroughs, `md/faq/web/all_in_one_*.md`).
@Suite("Checklist: the web client's config.js")
struct WebClientConfigTests {
    func checklist(_ sample: String) throws -> String {
        ChecklistEmitter.render(try #require(try lintSample(sample).plan), provenance: Provenance(input: "t.yaml"))
    }

    @Test("HTTPS pages: USE_WSS true on the HTTPS port and an https APP_SERVER; HTTP pages: USE_WSS false on the HTTP port; no web clients: nothing")
    func configJS() throws {
        #expect(try checklist("single-https-nginx").contains("`static USE_WSS = true;` and `static ROUTE_PORT = 443;`"))
        #expect(try checklist("single-https-nginx").contains("Its `APP_SERVER` must be an `https://` address too"))
        #expect(try checklist("multi-node").contains("`static USE_WSS = false;` and `static ROUTE_PORT = 80;`"))
        let native = try #require(lint("version: 1\nmode: single\nauthorized_address: im.example.com\nnodes:\n  - name: node1\n").plan)
        #expect(!ChecklistEmitter.render(native, provenance: Provenance(input: "t.yaml")).contains("USE_WSS"))
    }
}
