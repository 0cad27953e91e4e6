/// Every rule wfc knows, in code order. `wfc rules`, `wfc explain` and the example tests
/// read this list.
public enum Registry {
    public static let rules: [Rule] = Rule.structure

    public static func rule(code: String) -> Rule? {
        let wanted = code.uppercased()
        return rules.first { $0.code == wanted || $0.name == code.lowercased() }
    }
}
