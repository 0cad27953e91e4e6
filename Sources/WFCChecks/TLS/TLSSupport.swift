import WFCLanguage

/// What several tls rules share.
extension Rule {
    static func nonEmpty(_ field: Field<Secret>?) -> Bool {
        guard let secret = field?.value else { return false }
        if case .plain(let r) = secret { return !r.value.isEmpty }
        return true
    }

    /// Where a missing TLS setting is reported: the `tls` key, or `https: true`.
    static func tlsAnchor(_ c: CheckContext) -> Span {
        if let tls = c.topology.tls.located { return tls.keySpan ?? tls.span }
        return c.topology.clients.value?.https.located?.span ?? c.plan.mode.span
    }
}
