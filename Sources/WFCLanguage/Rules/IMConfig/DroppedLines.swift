extension Rule {
    public static let droppedConfigLines = Rule(
        code: "WFC702", name: "dropped-config-lines", severity: .error,
        summary: "an IM config the server reads only in part: a `#` after a value stops it, and every later line is lost",
        explanation: """
            The IM server reads `wildfirechat.conf` line by line, and a line with a `#` that is \
            not exactly two words split by single spaces makes its parser stop: every setting \
            after that line is silently ignored, so the server runs on defaults for them. The \
            vendor's own all-in-one walkthrough writes comments after values this way. \
            `wfc import` reads an operator's file as the server does and reports the line, and \
            how many settings it loses, naming keys, never values. Move each comment to a line \
            of its own.
            """,
        stage: .imConfig,
        failing: [
            """
            server.ip im.example.com
            ↓port 1883 # the TCP port
            http_port 80
            """,
            """
            ↓http.admin.secret_key abc#def ghi
            token.key some-key
            """
        ],
        passing: ["port 1883\n# the TCP port\nhttp_port 80\n", "http.admin.secret_key abc#def\n"])
}
