import Foundation
import StageTestSupport
import Testing
import YAMLTree

@testable import WFCEmit
@testable import WFCLanguage

/// The one YAML writer (monitoring/, and what else wfc writes as YAML): a hostile value
/// comes back from a YAML reader as the same string, never as syntax or another type.
@Suite("YAML: one quoting function")
struct YAMLTests {
    static let hostile = [
        "a: b", "#comment", "- item", "yes", "No", "on", "null", "~", "1e3", "0x10", "-1", ".5", "",
        "line\nbreak", "tab\there", "quote\"d", "back\\slash", "'single'", "{flow: map}", "[flow]", "&anchor",
        "*alias", "!tag", "%directive", "@at", "`tick`", "|", ">", "bell\u{07}", "nel\u{85}", "bom\u{FEFF}", "雪"
    ]

    @Test("every hostile string survives a round trip through libyaml as the same string")
    func roundTrip() throws {
        let doc = YAML.map(Self.hostile.enumerated().map { ("k\($0.offset)", YAML.string($0.element)) }).rendered()
        let root = try #require(Composer.compose(Array(doc.utf8)).root, "\(doc)")
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs.count == Self.hostile.count)
        for (i, pair) in pairs.enumerated() {
            let scalar = try #require(pair.value.scalar)
            #expect(scalar.value == Self.hostile[i], "\(Self.hostile[i].debugDescription) came back as \(scalar.value.debugDescription)")
            // A plain scalar is only ever a word YAML cannot read as a number, boolean or null.
            if scalar.style == .plain { #expect(!pair.value.isNull && Int(scalar.value) == nil && Double(scalar.value) == nil) }
        }
    }

    @Test("plain where it is safe, quoted otherwise")
    func quoting() {
        #expect(YAML.quote("wfc_api") == "wfc_api")
        #expect(YAML.quote("/probe") == "/probe")
        #expect(YAML.quote("127.0.0.1:9115") == "\"127.0.0.1:9115\"")
        #expect(YAML.quote("yes") == "\"yes\"")
        #expect(YAML.quote("a\nb: c") == "\"a\\nb: c\"")
    }
}
