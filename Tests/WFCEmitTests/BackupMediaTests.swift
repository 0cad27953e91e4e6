import StageTestSupport
import Testing

@testable import WFCEmit
@testable import WFCPlan

/// The second network's files (issue 38, item 3; the vendor's dual-network blog): with built-in
/// storage each node's `media.backup_server_url`/`_port` is where the other network reaches its
/// HTTP port; with object storage they name the store, which only the operator knows.
@Suite("Files in the second network")
struct BackupMediaTests {
    func build(_ text: String, base: String? = nil) throws -> (plan: Plan, files: [String: String]) {
        let plan = try #require(lint(text).plan)
        let imBase = try base.map { try IMConfigBase(Array($0.utf8), replacing: plan.imOwnedKeys) }
        let artifacts = Emitter.artifacts(plan, provenance: Provenance(input: "t.yaml"), secrets: SecretValues(), imBase: imBase)
        return (plan, Dictionary(uniqueKeysWithValues: artifacts.map { ($0.path, $0.contents) }))
    }

    @Test("built-in storage: the node's backup address and HTTP port, in its IM config and the checklist")
    func builtin() throws {
        let (_, files) = try build(try sampleText("single-two-networks"))
        let conf = try #require(files["nodes/im1/wildfirechat.conf"])
        #expect(conf.contains("\nmedia.backup_server_url http://198.51.100.52\nmedia.backup_server_port 10080\n"))
        #expect(files["CHECKLIST.md"]?.contains("`media.backup_server_url http://198.51.100.52` and `media.backup_server_port 10080`") == true)
    }

    @Test("object storage: no backup media keys written, the checklist asks for the store's; a base's own are kept, not commented out")
    func objectStore() throws {
        let text = try sampleText("single-two-networks") + "\nmedia: {storage: object}\n"
        let base = "port 1883\nmedia.backup_server_url http://192.168.3.103\nmedia.backup_server_port 80\n"
        let (plan, files) = try build(text, base: base)
        #expect(!plan.imOwnedKeys.contains("media.backup_server_url"))
        let conf = try #require(files["nodes/im1/wildfirechat.conf"])
        #expect(conf.contains("\nmedia.backup_server_url http://192.168.3.103\nmedia.backup_server_port 80\n"), "\(conf)")
        #expect(files["CHECKLIST.md"]?.contains("clients there must reach the object store at an address of their network") == true)
    }

    @Test("built-in storage with a base from an object store: the base's backup media lines are replaced by the node's")
    func builtinReplacesBase() throws {
        let base = "port 1883\nmedia.backup_server_url http://192.168.3.103\nmedia.backup_server_port 80\n"
        let (_, files) = try build(try sampleText("single-two-networks"), base: base)
        let conf = try #require(files["nodes/im1/wildfirechat.conf"])
        #expect(conf.contains("media.backup_server_url http://198.51.100.52\nmedia.backup_server_port 10080\n") && !conf.contains("192.168.3.103"))
    }
}
