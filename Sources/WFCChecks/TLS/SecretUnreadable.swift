import WFCLanguage
import WFCPlan

extension Rule {
    public static let secretUnreadable = Rule(
        code: "WFC406", name: "secret-unreadable", severity: .error,
        summary: "`wfc build` cannot read a secret the IM config needs",
        explanation: """
            Secrets are read only when `wfc build` runs: `{env: NAME}` from its environment, \
            `{file: PATH}` from a file beside the topology. An unset variable, an unreadable \
            or oversized file (more than 64 KiB), or a value holding a line break (the IM \
            server would read the rest as another key) stops the build before anything is \
            written. The message names the variable or file, never a value. `wfc lint` \
            cannot see this: it never reads secrets.
            """,
        stage: .build,
        failing: [singleHTTPSBase.replacingOccurrences(of: "KEY_MANAGER_PASSWORD", with: "WFC_EXAMPLE_UNSET")],
        passing: [singleHTTPSBase])
}
