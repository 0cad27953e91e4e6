extension Rule {
    public static let defaultSecret = Rule(
        code: "WFC703", name: "default-secret", severity: .error,
        summary: "the IM config keeps a vendor default secret",
        explanation: """
            The IM server ships with `http.admin.secret_key 123456` (the key every Server API \
            call is signed with) and `token.key testim` (the key IM tokens are made with); both \
            are printed in the vendor's public config file. The vendor's launch checklist \
            (上线检查事项, items 13 and 15) says to change them before going live: with the \
            default, anyone who reaches the Server API can call it, and anyone can mint a token. \
            `wfc build --im-base` reads the operator's config and stops on either, naming the \
            line and the key, never a value. The last line of a key wins, as in the server.
            """,
        stage: .imConfig,
        failing: [
            """
            http.admin.port 18080
            http.admin.secret_key ↓123456
            """,
            """
            token.key s3cr3t-from-vault
            token.key ↓testim
            """
        ],
        passing: ["http.admin.secret_key Zq8-long-random\ntoken.key Vt3-another\n", "#http.admin.secret_key 123456\n"])

    public static let adminCheckOff = Rule(
        code: "WFC704", name: "admin-check-off", severity: .warning,
        summary: "`http.admin.no_check_time true`: the Server API does not check the time of signed requests",
        explanation: """
            Every Server API request is signed with the secret key and a time; with \
            `http.admin.no_check_time true` the server accepts any time, so a captured request \
            can be replayed forever. The vendor ships it `true` for debugging and its launch \
            checklist (上线检查事项, item 14) says to set it to `false` before going live.
            """,
        stage: .imConfig,
        failing: ["http.admin.no_check_time ↓true\n"],
        passing: ["http.admin.no_check_time false\n", "http.admin.no_check_time true\nhttp.admin.no_check_time false\n"])
}
