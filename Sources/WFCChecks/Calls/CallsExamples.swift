import WFCLanguage

/// The topologies the calls rules' examples are written in: one server with one TURN server,
/// or with one media server, and the lines that make each example differ.
extension Rule {
    /// A single server that media servers can signal (it has a private IP: WFC606).
    static let advancedBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        nodes:
          - name: node1
            public_address: 203.0.113.20
            private_address: 10.0.0.20
        """

    /// `minimal` with one TURN server at `address`; `extra` lines go under it (indented six).
    static func turnExample(address: String = "203.0.113.30", _ extra: String...) -> String {
        minimal + "\ncalls:\n  turn:\n    - name: turn1\n      public_address: \(address)\n"
            + (extra + ["user: wfc", "password: {env: WFC_TURN_PASSWORD}"]).map { "      " + $0 + "\n" }.joined()
    }

    /// `advancedBase` with one media server; `extra` lines go under it (indented six).
    static func mediaExample(_ extra: String...) -> String {
        advancedBase + "\ncalls:\n  edition: advanced\n  media_servers:\n    - name: media1\n      public_address: 203.0.113.41\n"
            + extra.map { "      " + $0 + "\n" }.joined()
    }
}
