/// Values written into the shell commands of CHECKLIST.md pass through here: an operator
/// pastes them as root, so a topology value must never be read as shell syntax.
package enum Shell {
    /// The value as one POSIX shell word: as is when it holds only characters no shell
    /// treats specially, otherwise in single quotes (a `'` inside written `'\''`).
    package static func quote(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { s in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "/._+-:@,=%".unicodeScalars.contains(s))
            }
        return plain ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
