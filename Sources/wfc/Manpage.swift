import WFCCore

/// `wfc manpage`: wfc.1 in roff (man(7)), written from the same command specifications and
/// help texts as `--help`, so the page and the program cannot disagree.
struct Manpage: Command {
    static let spec = CommandSpec(
        name: "manpage",
        abstract: "Print the manual page wfc.1 (roff).",
        discussion: "The Debian package installs it; by hand: `wfc manpage > wfc.1 && man -l wfc.1`.")

    init(_ p: ParsedArguments) throws(UsageError) {}

    func run() throws {
        Output.standardOutput(Manpage.render())
    }

    /// Text as roff reads it literally: backslashes doubled, a leading `.` or `'` guarded, dashes
    /// of options written `\-` so that they stay hyphen-minus.
    static func roff(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line).replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
            if l.hasPrefix(".") || l.hasPrefix("'") { l = "\\&" + l }
            return l
        }.joined(separator: "\n")
    }

    static func render() -> String {
        var out = [
            ".TH WFC 1 \"\" \"wfc \(WFCVersion.string)\" \"User Commands\"",
            // Ragged right: a justified usage line spreads `wfc   lint` apart.
            ".ad l",
            ".SH NAME", "wfc \\- " + roff(WFC.abstract.hasSuffix(".") ? String(WFC.abstract.dropLast()) : WFC.abstract),
            ".SH SYNOPSIS", ".B wfc", ".I subcommand", "[\\fIoptions\\fR]",
            ".SH DESCRIPTION",
            roff(
                "wfc reads topology.yaml, the description of a WildfireChat deployment, and checks it (lint) "
                    + "or writes every host's files from it (build): IM configs, the gateway's configuration (nginx, HAProxy, or a cloud balancer's listener sheet), "
                    + "firewall rules, monitoring, a checklist and plan.json."),
            ".SH SUBCOMMANDS"
        ]
        for c in WFC.commands {
            let spec = c.spec
            out.append(".SS " + roff(spec.usage))
            out.append(roff(spec.abstract))
            if !spec.discussion.isEmpty { out += [".PP", roff(spec.discussion)] }
            for a in spec.arguments {
                out += [".TP", "\\fI" + roff(a.name) + "\\fR", roff(a.help + (a.defaultText.map { " (default: \($0))" } ?? ""))]
            }
            for o in spec.options {
                let value = o.value.map { " \\fI" + roff($0) + "\\fR" } ?? ""
                out += [
                    ".TP", "\\fB" + roff(o.name) + "\\fR" + value,
                    roff(
                        o.help + (o.choices.isEmpty ? "" : " One of: \(o.choices.joined(separator: ", ")).")
                            + (o.defaultText.map { " (default: \($0))" } ?? ""))
                ]
            }
        }
        out += [
            ".SH EXIT STATUS", "0: no errors. 1: errors found (or warnings with \\-\\-strict). 2: the command could not run.",
            ".SH FILES", "/usr/share/wfc/topology.schema.json: the JSON Schema of topology.yaml.",
            ".SH SEE ALSO", roff("wfc explain CODE for any rule; wfc rules for the catalogue.")
        ]
        return out.joined(separator: "\n") + "\n"
    }
}
