import Foundation
import Testing

/// `wfc completion` and `wfc manpage`, run by the shells and man that read them.
@Suite("Shell completions and the manual page")
struct CompletionTests {
    func script(_ shell: String) throws -> URL {
        let run = try wfc(["completion", shell])
        #expect(run.status == 0, "\(run.stderr)")
        let file = try temporaryDirectory().appendingPathComponent("wfc.\(shell)")
        try Data(run.stdout.utf8).write(to: file)
        return file
    }

    /// What bash completes for these words, with the cursor on the last one.
    func bash(_ file: URL, _ words: [String]) throws -> [String] {
        let line = words.map { "'\($0)'" }.joined(separator: " ")
        let run = try #require(
            try launch(
                URL(fileURLWithPath: "/bin/bash"),
                [
                    "-c",
                    """
                    source '\(file.path)'; complete -p wfc >/dev/null || exit 3
                    COMP_WORDS=(\(line)); COMP_CWORD=\(words.count - 1); _wfc; printf '%s\\n' "${COMPREPLY[@]}"
                    """
                ]))
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test("bash completes subcommands, options, --format values, rule codes and files, from the parser's specs")
    func bashCompletion() throws {
        let file = try script("bash")
        #expect(try bash(file, ["wfc", "li"]) == ["lint"])
        #expect(try bash(file, ["wfc", "lint", "--str"]) == ["--strict"])
        #expect(try bash(file, ["wfc", "build", "--format", "s"]) == ["sarif"])
        #expect(try bash(file, ["wfc", "explain", "WFC30"]) == (1...9).map { "WFC30\($0)" })
        #expect(try bash(file, ["wfc", "probe", "samples/multi-node-h"]) == ["samples/multi-node-https"])
        #expect(try bash(file, ["wfc", "completion", ""]) == ["bash", "zsh", "fish"])
    }

    @Test("zsh and fish read their scripts; fish completes as bash does")
    func zshAndFish() throws {
        let zsh = try Tools.run("zsh", ["-n", try script("zsh").path])
        #expect(zsh.status == 0, "\(zsh.stderr)")
        let fishFile = try script("fish")
        let fish = try Tools.run("fish", ["-c", "source \(fishFile.path); complete -C 'wfc li'; complete -C 'wfc lint --format '"])
        #expect(fish.status == 0, "\(fish.stderr)")
        let words = fish.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        #expect(words == ["lint", "github", "human", "json", "sarif"])
    }

    @Test("wfc manpage renders with man, with every subcommand and option")
    func manpage() throws {
        let page = try wfc(["manpage"])
        #expect(page.status == 0)
        let file = try temporaryDirectory().appendingPathComponent("wfc.1")
        try Data(page.stdout.utf8).write(to: file)
        _ = try Tools.require("man")
        let run = try #require(try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", "MANWIDTH=200 man -l '\(file.path)' 2>&1 | col -b"]))
        #expect(run.status == 0)
        for word in ["NAME", "wfc - Compile and lint topology.yaml", "wfc lint", "wfc build", "--unsafe-fixes", "--im-base", "EXIT STATUS"] {
            #expect(run.stdout.contains(word), "\(word)")
        }
        #expect(!run.stdout.contains("\\"), "no roff escape leaks into the page")
    }
}
