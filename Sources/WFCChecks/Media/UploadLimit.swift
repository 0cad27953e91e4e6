import WFCLanguage
import WFCPlan

extension Rule {
    public static let uploadLimit = Rule(
        code: "WFC607", name: "upload-limit", severity: .warning,
        summary: "`media.max_upload` above what the storage takes, or `app_server.max_upload` under what client logs need",
        explanation: """
            The gateway passes a request body up to `media.max_upload`; the storage behind it \
            has a limit of its own. With built-in storage the IM server takes at most 200 MB \
            (the vendor's FAQ): an upload between the two passes the gateway and fails at the \
            server, after the client has sent all of it. Keep the gateway's limit at or under \
            the server's, or use object storage (`media.storage: object`), whose limit is its own. \
            The app server takes the clients' log uploads, which reach 100 MB (its own nginx \
            config and multipart limit; the launch checklist asks for at least 50 MB): a route \
            limit under 50 MB refuses them with 413.
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
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            app_server:
              on: node1
              max_upload: ↓10m
            """
        ],
        passing: [minimal + "\nmedia:\n  max_upload: 200m\n", minimal + "\nmedia:\n  storage: object\n  max_upload: 1g\n"])

    /// The IM server's own upload limit with built-in storage (the vendor's FAQ: 200 MB).
    static let builtinUploadLimit = 200 << 20

    /// Client logs reach the app server up to 100 MB; the launch checklist asks for 50 MB.
    static let appServerUploadFloor = 50 << 20

    static let uploadLimitCheck = Check(uploadLimit) { c in mediaUploadLimit(c) + appServerUploadLimit(c) }

    private static func appServerUploadLimit(_ c: CheckContext) -> [Diagnostic] {
        guard let written = c.topology.appServer.value?.maxUpload.located, let bytes = bytes(ofSize: written.value),
            bytes < appServerUploadFloor
        else { return [] }
        return [
            uploadLimit.diagnostic(
                "`app_server.max_upload` \(written.value) is under the 50 MB the apps' log uploads need", at: written.span,
                label: "client logs above this are refused with 413",
                notes: ["the vendor's app server takes up to 100 MB (its nginx config and multipart limit)"],
                helps: ["set `max_upload: 100m`, or leave it out (the default is 100m)"],
                fixes: [.replace(written.span, with: "100m", "set `max_upload: 100m`", .unsafe)])
        ]
    }

    private static func mediaUploadLimit(_ c: CheckContext) -> [Diagnostic] {
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
