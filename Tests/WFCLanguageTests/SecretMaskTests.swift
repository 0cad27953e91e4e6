import StageTestSupport
import Testing

@testable import WFCLanguage

/// Excerpts mask a secret's value, never where it comes from (issue 23, item 11).
@Suite("Secret masking")
struct SecretMaskTests {
    static func masked(_ text: String) -> [String] {
        let source = SourceFile(path: "t.yaml", text: text)
        return SecretMask.spans(source).map { source.text($0) }
    }

    @Test("a reference, in flow or block style, is shown; a value, however written, is masked")
    func references() {
        #expect(Self.masked("tls:\n  key_store_password: {env: WFC_KS}\n").isEmpty)
        #expect(Self.masked("tls:\n  key_store_password: { file: secrets/ks.txt }  # rotated monthly\n").isEmpty)
        #expect(Self.masked("tls:\n  key_store_password:\n    env: WFC_KS\n").isEmpty)
        #expect(Self.masked("tls:\n  key_store_password: hunter2\n") == ["hunter2"])
        #expect(Self.masked("tls:\n  key_store_password: {value: hunter2}\n") == ["{value: hunter2}"])
        #expect(Self.masked("tls:\n  key_store_password: {env: WFC_KS, extra: hunter2}\n").count == 1)
        #expect(Self.masked("tls:\n  key_store_password:\n    hunter2\n") == ["hunter2"])
        #expect(Self.masked("tls:\n  key_store_password: \"{env: X}\n    hunter2\"\n").count == 2)
    }

    @Test("the keys masked on the raw text are the ones the language types as secrets")
    func keys() {
        #expect(SecretMask.secretKeys == ["key_manager_password", "key_store_password", "password"])
    }
}
