import WFCChecks
import WFCEmit
import WFCLanguage
import WFCPlan

/// Reads the secrets the IM configs need, at build time only: `{env: NAME}` from the
/// environment, `{file: PATH}` relative to the topology's folder.
public enum SecretResolver {
    public static func resolve(
        _ plan: Plan, topologyDirectory: String,
        environment: (String) -> String? = FileSystem.environment
    ) -> (values: SecretValues, problems: [Diagnostic]) {
        // Each secret is read once, and judged by the syntax of every file it is written into:
        // one secret may be a keystore password and a TURN password both.
        var read: [Secret: String] = [:]
        var unreadable: Set<Secret> = []
        var refused: [Secret: Set<String>] = [:]
        // WFC406: the message names the variable or file, never a value.
        var problems: [Diagnostic] = []
        for need in needs(plan) {
            let secret = need.secret
            func fail(_ message: String) {
                problems.append(
                    Rule.secretUnreadable.diagnostic(
                        "cannot read the secret `\(need.key)`: \(message)", at: need.span, label: "read when `wfc build` runs",
                        helps: [
                            secret.isFile
                                ? "check the file: it must be readable, at most \(secretFileLimit / 1024) KiB, one line without CR or LF"
                                : "set it in the environment `wfc build` runs in (a CI secret, or `export` before the command)"
                        ]))
            }
            guard !unreadable.contains(secret) else { continue }
            guard let value = read[secret] ?? value(of: secret, topologyDirectory: topologyDirectory, environment: environment, fail: fail) else {
                unreadable.insert(secret)
                continue
            }
            read[secret] = value
            // One finding per secret and reason, however many places write it.
            if let why = need.problem(value), refused[secret, default: []].insert(why).inserted {
                fail("its value \(why)")
            }
        }
        let values = read.filter { refused[$0.key] == nil }
        return (SecretValues(values), problems)
    }

    /// A secret's value from the environment, a file or the topology; nil when it cannot be
    /// read, after `fail` has said why.
    private static func value(
        of secret: Secret, topologyDirectory: String, environment: (String) -> String?, fail: (String) -> Void
    ) -> String? {
        switch secret {
        case .env(let name):
            guard let v = environment(name) else {
                fail("the environment variable `\(name)` is not set")
                return nil
            }
            if v.isEmpty {
                fail("the environment variable `\(name)` is set but empty")
                return nil
            }
            return v
        case .file(let path):
            let full = path.hasPrefix("/") ? path : topologyDirectory + "/" + path
            var bytes: [UInt8]
            do {
                bytes = try FileSystem.readSecretFile(full, limit: secretFileLimit)
            } catch {
                fail("cannot read the file \(error)")
                return nil
            }
            // One line end at the end of the file is the editor's, not the secret's.
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        case .plain(let r):
            return r.value
        }
    }

    /// A secret the build writes: the key that names it, where it is written in the topology,
    /// and why a value cannot stand in the file it goes into.
    private struct Need {
        var secret: Secret
        var key: String
        var span: Span
        var problem: (String) -> String?
    }

    /// Every secret the build writes: the IM configs' keystore passwords, each TURN server's password.
    private static func needs(_ plan: Plan) -> [Need] {
        var out: [Need] = []
        for node in plan.nodes {
            // A node's own keystore (`nodes[].tls`), else the single node's (`tls`).
            let keystore = node.keystore ?? plan.tls?.keystore
            let spans: [String: Span] = [
                "key_store_password": keystore?.storePassword?.span,
                "key_manager_password": keystore?.managerPassword?.span
            ].compactMapValues { $0 }
            for entry in node.imConfig {
                guard case .secret(let secret) = entry.value else { continue }
                out.append(Need(secret: secret, key: entry.key, span: spans[entry.key] ?? plan.mode.span, problem: Grammar.imConfigValueProblem))
            }
        }
        for turn in plan.calls?.turn ?? [] {
            out.append(
                Need(
                    secret: turn.password.value, key: "calls.turn.password", span: turn.password.span, problem: Grammar.turnConfigValueProblem))
        }
        return out
    }

    /// A secret file holds a password, not a document: anything longer is a mistake.
    public static let secretFileLimit = 64 * 1024
}
