import WFCLanguage
import WFCPlan

extension Rule {
    public static let duplicateClientID = Rule(
        code: "WFC602", name: "duplicate-client-id", severity: .error,
        summary: "two media servers, or a media server and a spare, with one `client_id`",
        explanation: """
            Each media server connects to the IM server with its own `client_id`, and the IM \
            server hashes a conference to one of the ids in `conference.client_list`. Two \
            media servers with one id are one server to the IM server: the second to connect \
            takes the first one's conferences, and calls on it drop. A spare id that a media \
            server already uses counts it twice, so conferences are sent to a server twice \
            as often. The vendor: every media server's `client_id` must be unique.
            """,
        failing: [
            advancedBase + """

                calls:
                  edition: advanced
                  media_servers:
                    - {name: media1, public_address: 203.0.113.41, client_id: conference_server_1}
                    - {name: media2, public_address: 203.0.113.42, client_id: ↓conference_server_1}
                """
        ],
        passing: [
            advancedBase + """

                calls:
                  edition: advanced
                  media_servers:
                    - {name: media1, public_address: 203.0.113.41}
                    - {name: media2, public_address: 203.0.113.42}
                """
        ])

    static let duplicateClientIDCheck = Check(duplicateClientID) { c in
        guard let calls = c.plan.calls else { return [] }
        var seen: [String: Located<String>] = [:]
        var out: [Diagnostic] = []
        let ids = calls.mediaServers.map { ($0.clientID, "media server `\($0.name.value)`") } + calls.spareClientIDs.map { ($0, "a spare") }
        for (id, owner) in ids {
            if let first = seen[id.value] {
                out.append(
                    duplicateClientID.diagnostic(
                        "\(owner) has the `client_id` `\(id.value)` of another", at: id.span, label: "a client id already taken",
                        related: [Label(first.span, "first with this id")],
                        helps: ["give every media server an id of its own (the vendor suggests a random UUID), and spares ids no server has"]))
            } else {
                seen[id.value] = id
            }
        }
        return out
    }
}
