import WFCLanguage

/// `wfc-im-config-check FILE...`: the rollout's staging check of an IM config, on the host.
/// It is `IMConfigBase.read`'s rule written in awk, so that `wfc build` and the rollout refuse
/// the same lines: the server's (a `#` matters only on a line that does not split into exactly
/// two fields on single spaces). It prints a line's number and key name, never the line: a
/// value may be a password (`key_store_password Hx7#Sec4Leak` is valid and passes).
extension IMConfigBase {
    /// The awk program. `LC_ALL=C` makes the byte ranges bytes; a record ends at LF, CR or
    /// CRLF as Java's `readLine` ends a line; `[\001-\040]` is what Java's `trim()` drops
    /// (NUL aside, which awk cannot hold and the build refuses).
    static let lineCheckProgram = #"""
        BEGIN { RS = "\r\n|\r|\n"; bad = 0 }
        {
          line = $0
          sub(/^[\001-\040]+/, "", line); sub(/[\001-\040]+$/, "", line)
          if (line == "" || substr(line, 1, 1) == "#" || index(line, "#") == 0) next
          if (split(line, field, "[ ]") == 2) next
          key = field[1]; sub(/[\001-\040]+$/, "", key)
          if (key !~ /^[A-Za-z0-9_.-]+$/) key = "(a line without a key name)"
          printf "%s:%d: %s: a '#' on a line that is not two words split by single spaces; the server stops reading here\n", FILENAME, FNR, key
          bad = 1
        }
        END { exit bad }
        """#

    /// The script the role installs on every node: exit 0 when the server reads every line of
    /// each FILE, 1 when it stops at one (each such line named on standard output), 2 when a
    /// file cannot be read.
    static func lineCheck(_ provenance: Provenance) -> String {
        [
            "#!/bin/sh",
            "# \(provenance.header)",
            "# wfc-im-config-check FILE...: the lines of an IM config the server stops reading at, by number and key",
            "# name only (a value may be a password). Exit 1 when there is one, 2 when a file cannot be read.",
            "for f in \"$@\"; do [ -r \"$f\" ] || { echo \"wfc-im-config-check: cannot read $f\" >&2; exit 2; }; done",
            "LC_ALL=C exec awk \(Shell.quote(lineCheckProgram)) \"$@\""
        ].joined(separator: "\n") + "\n"
    }
}
