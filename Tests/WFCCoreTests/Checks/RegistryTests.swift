import Testing

@testable import WFCBuild
@testable import WFCChecks
@testable import WFCCore
@testable import WFCEmit
@testable import WFCLanguage
@testable import WFCPlan
@testable import WFCReport

/// A rule's examples are its tests: each failing example gives exactly its code, each
/// passing example gives nothing.
@Suite("Rule examples")
struct RegistryTests {
    /// What a rule's stage finds: lint's diagnostics, or for a build rule those of reading
    /// the secrets, with every variable set but those named `…UNSET…`.
    func codes(_ source: String, _ rule: Rule) -> [String] {
        let result = lint(source)
        guard rule.stage == .build, result.diagnostics.isEmpty, let plan = result.plan else { return result.diagnostics.map(\.code) }
        return SecretResolver.resolve(plan, topologyDirectory: ".") { $0.contains("UNSET") ? nil : "example-value" }.problems.map(\.code)
    }

    @Test(arguments: Registry.rules)
    func examples(_ rule: Rule) {
        #expect(!rule.failing.isEmpty, "\(rule.code) has no failing example")
        #expect(!rule.passing.isEmpty, "\(rule.code) has no passing example")
        for example in rule.failing {
            let codes = codes(example.source, rule)
            #expect(
                !codes.isEmpty && codes.allSatisfy { $0 == rule.code },
                "\(rule.code) failing example gave \(codes)")
        }
        for example in rule.passing {
            let codes = codes(example.source, rule)
            #expect(codes.isEmpty, "\(rule.code) passing example gave \(codes)")
        }
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
