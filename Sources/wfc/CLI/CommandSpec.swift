import WFCCore

/// A subcommand's command line, declared once: parsing, validation and `--help` all read it.
/// (wfc parses its own arguments: a pre-commit hook runs `wfc lint` on every commit, and a
/// general-purpose parser's start-up cost was most of lint's time; docs/performance.md.)
struct CommandSpec: Sendable {
    struct Option: Sendable {
        var name: String
        /// The value's placeholder in help (`FORMAT`); nil for a flag.
        var value: String?
        var help: String
        /// The words a value may be; empty for free text.
        var choices: [String] = []
        var defaultText: String?
        var repeatable = false
        /// Shown without brackets in the usage line (the command checks it is given).
        var required = false
    }

    struct Argument: Sendable {
        var name: String
        var help: String
        var repeating = false
        var defaultText: String?
    }

    var name: String
    var abstract: String
    var discussion: String = ""
    var arguments: [Argument] = []
    var options: [Option] = []

    func option(_ name: String) -> Option? {
        options.first { $0.name == name }
    }
}

/// A command line that does not fit its spec: exit status 2, with the usage.
struct UsageError: Error {
    var message: String
}

/// How a command ends when it does not end normally.
struct Exit: Error {
    var status: Int32
}

/// The words of a command line, sorted by what the spec says they are.
struct ParsedArguments {
    var arguments: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func value(_ name: String) -> String? { values[name]?.last }

    func values(_ name: String) -> [String] { values[name] ?? [] }

    func value<T: RawRepresentable>(_ name: String, default fallback: T) -> T where T.RawValue == String {
        value(name).flatMap(T.init(rawValue:)) ?? fallback
    }

    func number(_ name: String, default fallback: Double) throws(UsageError) -> Double {
        guard let text = value(name) else { return fallback }
        guard let number = Double(text) else { throw UsageError(message: "`\(text)` is not a number for \(name)") }
        return number
    }

    func integer(_ name: String, default fallback: Int) throws(UsageError) -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text) else { throw UsageError(message: "`\(text)` is not a whole number for \(name)") }
        return number
    }
}

extension CommandSpec {
    /// Sorts the words into arguments, option values and flags: `--name value`,
    /// `--name=value`, a lone `-` is an argument (standard input), `--` ends the options.
    func parse(_ words: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < words.count {
            let word = words[i]
            i += 1
            guard !optionsEnded, word.hasPrefix("-"), word != "-" else {
                parsed.arguments.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            var name = word, inline: String?
            if let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            guard let option = option(name) else {
                let guess = suggestion(for: name, among: options.map { $0.name } + ["--help"])
                throw UsageError(message: "unknown option `\(name)`" + (guess.map { "; did you mean `\($0)`?" } ?? ""))
            }
            guard option.value != nil else {
                if inline != nil { throw UsageError(message: "\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if i < words.count {
                value = words[i]
                i += 1
            } else {
                throw UsageError(message: "\(name) needs a value")
            }
            if !option.choices.isEmpty, !option.choices.contains(value) {
                throw UsageError(message: "`\(value)` is not a value of \(name): expected one of \(option.choices.joined(separator: ", "))")
            }
            if !option.repeatable, parsed.values[name] != nil {
                throw UsageError(message: "\(name) is given twice")
            }
            parsed.values[name, default: []].append(value)
        }
        let most = arguments.contains(where: \.repeating) ? Int.max : arguments.count
        if parsed.arguments.count > most {
            throw UsageError(message: "unexpected argument `\(parsed.arguments[most])`")
        }
        return parsed
    }

    var usage: String {
        var parts = ["wfc", name]
        for a in arguments {
            let shown = a.repeating ? "<\(a.name)> ..." : "<\(a.name)>"
            parts.append(a.defaultText != nil || a.repeating ? "[\(shown)]" : shown)
        }
        for o in options {
            let shown = o.value.map { "\(o.name) <\(o.choices.isEmpty ? $0 : o.choices.joined(separator: "|"))>" } ?? o.name
            parts.append(o.required ? shown : "[\(shown)]")
        }
        return parts.joined(separator: " ")
    }

    var help: String {
        var out = "OVERVIEW: \(abstract)\n"
        if !discussion.isEmpty { out += "\n" + discussion + "\n" }
        out += "\nUSAGE: \(usage)\n"
        let all = options + [Option(name: "--help", value: nil, help: "Show help information.")]
        let heads = arguments.map { "  <\($0.name)>" } + all.map { "  " + $0.name + ($0.value.map { " <\($0)>" } ?? "") }
        let width = max(26, (heads.map { $0.count }.max() ?? 0) + 2)
        if !arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for (a, head) in zip(arguments, heads) {
                out += head.padding(to: width) + a.help + (a.defaultText.map { " (default: \($0))" } ?? "") + "\n"
            }
        }
        out += "\nOPTIONS:\n"
        for (o, head) in zip(all, heads.dropFirst(arguments.count)) {
            out += head.padding(to: width) + o.help + (o.defaultText.map { " (default: \($0))" } ?? "") + "\n"
        }
        return out
    }
}
