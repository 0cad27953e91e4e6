import WFCCore
import WFCProbe

struct Probe: Command {
    static let spec = CommandSpec(
        name: "probe",
        abstract: "Check a live deployment from a client's network: every endpoint clients use, and the ports that must stay closed.",
        discussion: """
            The checks are those of CHECKLIST.md, made from the topology:
              dns        the authorized domain resolves to the entry point (skipped with --resolve)
              api        GET /api/version answers 200 with JSON through the authorized address (http,
                         and https when enabled) and through every node's own port, and every node
                         answers the same JSON as the authorized address; a 404 that is not the
                         gateway's (http.close_api_version) passes when /route answers instead
              tcp        a TCP connect to every long-connection endpoint a client will be told
              ws, wss    a WebSocket upgrade answers 101 on every WS and WSS endpoint (/ or /ws)
              (https and wss also prove the certificate is valid for the authorized domain)
              closed     the admin port (18080) and the cluster cache (5701) do not answer, on a
                         host that answers elsewhere (otherwise the check is inconclusive)
              stun       each TURN server answers a STUN Binding over UDP with the mapped address
              turn       a TCP connect to each TURN server's port
              relay      a TURN Allocate with the topology's credentials (read as `wfc build`
                         reads secrets) gives the public address as the relayed one, and a
                         datagram sent there comes back through the relay range
            Checks run at once, each within --timeout. Exit status: 0 when every check passes (or
            is skipped), 1 when one fails or is inconclusive (or the topology has errors), 2 when
            the command could not run.
            """,
        arguments: [.init(name: "file", help: "The topology file.", defaultText: "topology.yaml")],
        options: [
            .init(name: "--resolve", value: "name=address", help: "Dial ADDRESS for NAME instead of resolving it (repeatable).", repeatable: true),
            .init(name: "--cacert", value: "file", help: "A PEM file of CA certificates to verify HTTPS and WSS against, instead of the system's."),
            .init(name: "--timeout", value: "seconds", help: "Seconds each check may take, 1 to 120.", defaultText: "5"),
            .init(name: "--format", value: "format", help: "Output format: human or json.", choices: ["human", "json"], defaultText: "human")
        ])

    enum ProbeFormat: String { case human, json }

    var file: String
    var resolve: [String]
    var cacert: String?
    var timeout: Double
    var format: ProbeFormat

    init(_ p: ParsedArguments) throws(UsageError) {
        file = p.arguments.first ?? "topology.yaml"
        resolve = p.values("--resolve")
        cacert = p.value("--cacert")
        timeout = try p.number("--timeout", default: 5)
        format = p.value("--format", default: .human)
        for entry in resolve where entry.split(separator: "=").count != 2 || IPAddress(String(entry.split(separator: "=").last ?? "")) == nil {
            throw UsageError(message: "--resolve takes NAME=ADDRESS with an IP address, not `\(entry)`")
        }
        guard timeout >= 1, timeout <= 120 else {
            throw UsageError(message: "--timeout takes 1 to 120 seconds, not `\(p.value("--timeout") ?? "")`: each check needs a bound")
        }
    }

    func run() throws {
        guard let bytes = Input.read(file) else { throw Exit(status: ExitStatus.couldNotRun) }
        let result = Linter.lint(SourceFile(path: file, bytes: bytes))
        guard result.errorCount == 0, let plan = result.plan else {
            Output.standardError(HumanReport.render([result], context: ReportContext(workingDirectory: Output.workingDirectory)))
            throw Exit(status: ExitStatus.problems)
        }
        var names: [String: String] = [:]
        for entry in resolve {
            let parts = entry.split(separator: "=")
            names[String(parts[0]).lowercased()] = String(parts[1])
        }
        let checks = plan.probeChecks
        // The TURN passwords, read as `wfc build` reads them (the environment, a file): the
        // relay check allocates with them. One that cannot be read skips that check.
        var credentials: [String: TurnCredentials] = [:]
        if let turns = plan.calls?.turn, !turns.isEmpty {
            let secrets = SecretResolver.resolve(plan, topologyDirectory: FileSystem.directory(of: file == "-" ? "." : file)).values
            for t in turns {
                if let password = secrets.value(of: t.password.value) {
                    credentials[t.name.value] = TurnCredentials(user: t.user.value, password: password)
                }
            }
        }
        let prober = Prober(
            transport: SocketTransport(cacert: cacert, timeoutMS: Int32(timeout * 1000)), names: names, turnCredentials: credentials)
        let outcomes = prober.run(checks)
        switch format {
        case .human: Output.standardOutput(ProbeReport.human(checks, outcomes))
        case .json: Output.standardOutput(ProbeReport.json(checks, outcomes))
        }
        if !ProbeReport.succeeded(outcomes) { throw Exit(status: ExitStatus.problems) }
    }
}
