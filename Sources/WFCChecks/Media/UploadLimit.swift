import WFCLanguage
import WFCPlan

extension Rule {
    public static let uploadLimit = Rule(
        code: "WFC607", name: "upload-limit", severity: .warning,
        summary: "`media.max_upload` above what the storage takes",
        explanation: """
            The gateway passes a request body up to `media.max_upload`; the storage behind it \
            has a limit of its own. With built-in storage the IM server takes at most 200 MB \
            (the vendor's FAQ): an upload between the two passes the gateway and fails at the \
            server, after the client has sent all of it. Keep the gateway's limit at or under \
            the server's, or use object storage (`media.storage: object`), whose limit is its own.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            media:
              max_upload: ↓1g
            """
        ],
        passing: [minimal + "\nmedia:\n  max_upload: 200m\n", minimal + "\nmedia:\n  storage: object\n  max_upload: 1g\n"])

    /// The IM server's own upload limit with built-in storage (the vendor's FAQ: 200 MB).
    static let builtinUploadLimit = 200 << 20

    static let uploadLimitCheck = Check(uploadLimit) { c in
        // Only a written limit can be too large: the default is the server's own.
        guard let written = c.topology.media.value?.maxUpload.located, c.plan.media.storage == .builtin,
            let bytes = c.plan.media.maxUploadBytes, bytes > builtinUploadLimit
        else { return [] }
        return [
            uploadLimit.diagnostic(
                "`media.max_upload` \(written.value) is above the 200 MB built-in storage takes", at: written.span,
                label: "the IM server refuses what passes here",
                notes: ["an upload between 200 MB and \(written.value) passes the gateway and fails at the IM server, once the client has sent it all"],
                helps: ["set `max_upload: 200m`, or use object storage (`media.storage: object`)"],
                fixes: [.replace(written.span, with: "200m", "set `max_upload: 200m`", .unsafe)])
        ]
    }
}
