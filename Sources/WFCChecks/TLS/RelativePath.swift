import WFCLanguage

/// The TLS paths that are not absolute (WFC405); the rule itself is in WFCLanguage, whose
/// decoder reports the paths that hold characters no consumer reads safely.
extension Rule {
    static let relativePathCheck = Check(relativePath) { c in
        let nodes = c.topology.nodeTLS.map { ($0.value.jksPath, Key.jksPath) }
        let paths =
            (c.topology.tls.value.map { [($0.jksPath, Key.jksPath), ($0.certificate, Key.certificate), ($0.certificateKey, Key.certificateKey)] } ?? [])
            + nodes
        return
            paths
            .compactMap { field, name in
                guard let l = field.located, !l.value.hasPrefix("/") else { return nil }
                return relativePath.diagnostic(
                    "`\(name)` is not an absolute path: `\(l.value)`", at: l.span, label: "relative",
                    helps: ["write the absolute path on the target host"])
            }
    }
}
