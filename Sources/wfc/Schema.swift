import WFCCore

struct Schema: Command {
    static let spec = CommandSpec(
        name: "schema",
        abstract: "Print the JSON Schema (draft-07) of topology.yaml.",
        discussion: "The same definitions the decoder uses; the repository keeps a copy in schemas/topology.schema.json.")

    init(_ p: ParsedArguments) throws(UsageError) {}

    func run() throws {
        Output.standardOutput(JSONSchema.render())
    }
}
