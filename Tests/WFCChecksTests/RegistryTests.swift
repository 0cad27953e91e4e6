import StageTestSupport
import Testing
import WFCImport

@testable import WFCBuild
@testable import WFCChecks
@testable import WFCEmit
@testable import WFCLanguage

/// A rule's examples are its tests: each failing example gives exactly its code, each
/// passing example gives nothing.
@Suite("Rule examples")
struct RegistryTests {
    /// What a rule's stage finds: lint's diagnostics, for a build rule those of reading the
    /// secrets, with every variable set but those named `…UNSET…`, and for an IM config rule
    /// those of reading the example as the operator's IM config.
    func found(_ source: String, _ rule: Rule) -> [Diagnostic] {
        if rule.stage == .imConfig { return IMConfigBase.findings(SourceFile(path: "wildfirechat.conf", text: source)).diagnostics }
        if rule.stage == .importing, source.hasPrefix("# wildfirechat.conf") {
            // A node's IM config, imported alone.
            let node = ImportedNode(name: "node1", path: "wildfirechat.conf", settings: IMConfigSettings(Array(source.utf8)))
            let file = SourceFile(path: "wildfirechat.conf", text: source)
            return Importer.topology(nodes: [node], gateway: nil).findings.map { $0.diagnostic(in: file) }
        }
        if rule.stage == .importing {
            // The example is the gateway's nginx configuration, beside one node.
            let file = SourceFile(path: "nginx.conf", text: source)
            guard let tree = try? NginxConfig.read(main: "nginx.conf", read: { _ in Array(source.utf8) }, glob: { [$0] }) else { return [] }
            let node = ImportedNode(name: "node1", path: "wildfirechat.conf", settings: IMConfigSettings(Array(Rule.importExampleNode.utf8)))
            return Importer.topology(nodes: [node], gateway: (GatewayFacts(tree), "nginx.conf")).findings.map { $0.diagnostic(in: file) }
        }
        let result = lint(source)
        guard rule.stage == .build, result.diagnostics.isEmpty, let plan = result.plan else { return result.diagnostics }
        return SecretResolver.resolve(plan, topologyDirectory: ".") { $0.contains("UNSET") ? nil : "example-value" }.problems
    }

    @Test(arguments: Registry.rules)
    func examples(_ rule: Rule) {
        #expect(!rule.failing.isEmpty, "\(rule.code) has no failing example")
        #expect(!rule.passing.isEmpty, "\(rule.code) has no passing example")
        for (i, example) in rule.failing.enumerated() {
            let found = found(example.source, rule)
            let codes = found.map(\.code)
            #expect(
                !codes.isEmpty && codes.allSatisfy { $0 == rule.code },
                "\(rule.code) failing example gave \(codes)")
            // Each `↓` is where a finding starts, and each finding starts at a `↓`.
            let starts = found.map(\.span.start)
            #expect(!example.marks.isEmpty, "\(rule.code) failing example \(i + 1) marks no span with ↓")
            #expect(
                starts.sorted() == example.marks.sorted(),
                "\(rule.code) failing example \(i + 1): found at \(starts.map { "\($0.line + 1):\($0.column + 1)" }), marked at \(example.marks.map { "\($0.line + 1):\($0.column + 1)" })"
            )
        }
        for example in rule.passing {
            let codes = found(example.source, rule).map(\.code)
            #expect(codes.isEmpty, "\(rule.code) passing example gave \(codes)")
            #expect(example.marks.isEmpty, "\(rule.code) passing example has a ↓")
        }
    }

    @Test("a ↓ in an example is taken out of its text and kept as a position")
    func marks() {
        let e = Rule.Example("a: 1\nb: ↓x\n↓c: 2")
        #expect(e.source == "a: 1\nb: x\nc: 2")
        #expect(e.marks == [Mark(line: 1, column: 3, offset: 8), Mark(line: 2, column: 0, offset: 10)])
    }

    @Test("codes and names are unique, names are kebab-case, metadata is filled in")
    func metadata() {
        #expect(Set(Registry.rules.map(\.code)).count == Registry.rules.count)
        #expect(Set(Registry.rules.map(\.name)).count == Registry.rules.count)
        for rule in Registry.rules {
            #expect(rule.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
            #expect(!rule.summary.isEmpty && !rule.explanation.isEmpty)
            #expect(rule.summary.first?.isUppercase == false && rule.summary.last != ".")
        }
        #expect(Registry.rule(code: "wfc003")?.name == "unknown-key")
        #expect(Registry.rule(code: "unknown-key")?.code == "WFC003")
    }
}

extension Rule: CustomTestStringConvertible {
    public var testDescription: String { "\(code) \(name)" }
}
