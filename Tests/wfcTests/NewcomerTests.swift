import Foundation
import Testing

/// The small things a first-time user trips over, each answered with what to do.
@Suite("What a newcomer trips over")
struct NewcomerTests {
    static let head = "version: 1\nmode: single\nauthorized_address: im.example.com\n"

    @Test("`True` and `FALSE` are booleans (YAML 1.2 core schema); `yes` is not")
    func coreBooleans() throws {
        #expect(try wfc(["lint", "-"], stdin: Self.head + "clients: {web: True, native: TRUE, https: False}\nnodes:\n  - name: n1\n").status == 0)
        let yes = try wfc(["lint", "-"], stdin: Self.head + "clients: {web: yes}\nnodes:\n  - name: n1\n")
        #expect(yes.stdout.contains("error[WFC004]: expected `true` or `false` for `web`, found `yes`"))
    }

    @Test("`key:value` without a space is named as such, at the top level and nested")
    func gluedKey() throws {
        let top = try wfc(["lint", "-"], stdin: "version: 1\nmode:single\nauthorized_address: im.example.com\nnodes:\n  - name: n1\n")
        #expect(top.stdout.hasPrefix("error[WFC001]: `mode:single` has no space after its colon, so it is not a key\n"))
        #expect(top.stdout.contains("= help: write `mode: single`: a key needs a space after its colon"))
        let nested = try wfc(["lint", "-"], stdin: Self.head + "clients:\n  web:true\nnodes:\n  - name: n1\n")
        #expect(nested.stdout.contains("= help: write `web: true`: a key needs a space after its colon"))
    }

    @Test("a tab in the indentation is called a tab")
    func tab() throws {
        for text in [Self.head + "nodes:\n\t- name: n1\n", Self.head + "nodes:\n  - name: n1\n    \tpublic_address: 203.0.113.5\n"] {
            let run = try wfc(["lint", "-"], stdin: text)
            #expect(run.stdout.hasPrefix("error[WFC001]: a tab in the indentation: YAML indents with spaces only\n"), "\(run.stdout)")
            #expect(run.stdout.contains("= help: replace the tab on line"))
        }
    }

    @Test("a mistyped subcommand or option gets a did-you-mean")
    func didYouMean() throws {
        let command = try wfc(["lnit"])
        #expect(command.status == 2)
        // As close to `lint` as to `init`: both named.
        #expect(command.stderr.hasPrefix("error: unknown subcommand `lnit`; did you mean `lint` or `init`?\n"), "\(command.stderr)")
        #expect(try wfc(["buidl"]).stderr.hasPrefix("error: unknown subcommand `buidl`; did you mean `build`?\n"))
        let option = try wfc(["lint", "--formt", "json"])
        #expect(option.status == 2)
        #expect(option.stderr.hasPrefix("error: unknown option `--formt`; did you mean `--format`?\n"))
        #expect(try wfc(["zzzz"]).stderr.contains("the subcommands are lint, build"))
    }

    @Test("an empty file points at `wfc init`, which an installed binary has (samples/ it may not)")
    func emptyFile() throws {
        let run = try wfc(["lint", "-"], stdin: "")
        #expect(run.stdout.contains("help: start from `wfc init --mode single`"))
    }

    @Test("init: a cluster starts with three nodes; no clients at all is refused")
    func initDefaults() throws {
        for mode in ["multi-node", "single-entry"] {
            let text = try wfc(["init", "--mode", mode, "--out", "-"]).stdout
            #expect(text.components(separatedBy: "- name: ").count - 1 == 3, "\(mode)")
        }
        let none = try wfc(["init", "--mode", "single", "--no-native", "--out", "-"])
        #expect(none.status == 2)
        #expect(none.stderr.hasPrefix("error: --no-native without --web leaves no clients"))
    }
}
