import ArgumentParser
import WFCCore

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema (draft-07) of topology.yaml.",
        discussion: "The same definitions the decoder uses; the repository keeps a copy in schemas/topology.schema.json."
    )

    func run() throws {
        Output.standardOutput(JSONSchema.render())
    }
}
