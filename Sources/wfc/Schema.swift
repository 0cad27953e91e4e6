import WFCCore

struct Schema: Command {
    static let spec = CommandSpec(
        name: "schema",
        abstract: "Print the JSON Schema (draft-07) of topology.yaml.",
        discussion: "The same definitions the decoder uses; the repository keeps a copy in schemas/topology.schema.json.",
        options: [.init(name: "--markdown", value: nil, help: "Print the language reference in Markdown instead (docs/language.md).")])

    var markdown: Bool

    init(_ p: ParsedArguments) throws(UsageError) {
        markdown = p.flag("--markdown")
    }

    func run() throws {
        Output.standardOutput(markdown ? LanguageReference.markdown() : JSONSchema.render())
    }
}
