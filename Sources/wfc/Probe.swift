import CProbe
import WFCCore
#if canImport(Glibc)
import Glibc
#endif

struct Probe: Command {
    static let spec = CommandSpec(
        name: "probe",
        abstract: "Check a live deployment from a client's network: every endpoint clients use, and the ports that must stay closed.",
        discussion: """
            The checks are those of CHECKLIST.md, made from the topology:
              api        GET /api/version answers 200 with JSON through the authorized address (http,
                         and https when enabled) and, in multi-node mode, through every node
              tcp        a TCP connect to every long-connection endpoint a client will be told
              ws, wss    a WebSocket upgrade answers 101 on every WS and WSS endpoint
              (https and wss also prove the certificate is valid for the authorized domain)
              closed     the admin port (18080) and the cluster cache (5701) do not answer
            Checks run at once, each within --timeout. Exit status: 0 when every check passes, 1
            when one fails (or the topology has errors), 2 when the command could not run.
            """,
        arguments: [.init(name: "file", help: "The topology file.", defaultText: "topology.yaml")],
        options: [
            .init(name: "--resolve", value: "name=address", help: "Dial ADDRESS for NAME instead of resolving it (repeatable).", repeatable: true),
            .init(name: "--cacert", value: "file", help: "A PEM file of CA certificates to verify HTTPS and WSS against, instead of the system's."),
            .init(name: "--timeout", value: "seconds", help: "Seconds each check may take.", defaultText: "5"),
            .init(name: "--format", value: "format", help: "Output format: human or json.", choices: ["human", "json"], defaultText: "human"),
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
        guard timeout > 0, timeout <= 120 else { throw UsageError(message: "--timeout takes 0 to 120 seconds") }
    }

    func run() throws {
        guard let bytes = FileSystem.readInput(file) else { throw Exit(status: ExitStatus.couldNotRun) }
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
        let outcomes = Prober(names: names, cacert: cacert, timeoutMS: Int32(timeout * 1000)).run(checks)
        switch format {
        case .human: Output.standardOutput(ProbeReport.human(checks, outcomes))
        case .json: Output.standardOutput(ProbeReport.json(checks, outcomes))
        }
        if outcomes.contains(where: { !$0.passed }) { throw Exit(status: ExitStatus.problems) }
    }
}

struct Outcome: Sendable {
    var passed: Bool
    var address: String
    var detail: String
    var milliseconds: Int
}

/// Runs the checks at once, each on its own thread (they block on the network), and
/// collects their outcomes in order.
struct Prober: Sendable {
    let names: [String: String]
    let cacert: String?
    let timeoutMS: Int32

    final class Slots: @unchecked Sendable {
        var outcomes: [Outcome]
        init(_ count: Int) { outcomes = Array(repeating: Outcome(passed: false, address: "", detail: "not run", milliseconds: 0), count: count) }
    }

    /// A check's work, handed to its thread.
    final class Job: Sendable {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    func run(_ checks: [ProbeCheck]) -> [Outcome] {
        let slots = Slots(checks.count)
        // A thread each (POSIX threads, so lint does not load the Dispatch overlay): the
        // checks block on the network, and one slow check must never delay another.
        var threads: [pthread_t] = []
        for (i, check) in checks.enumerated() {
            let job = Unmanaged.passRetained(Job { slots.outcomes[i] = perform(check) }).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { argument in
                guard let argument else { return nil }
                Unmanaged<Job>.fromOpaque(argument).takeRetainedValue().work()
                return nil
            }, job)
            if started == 0 {
                threads.append(thread)
            } else {
                Unmanaged<Job>.fromOpaque(job).takeRetainedValue().work()
            }
        }
        for thread in threads { pthread_join(thread, nil) }
        return slots.outcomes
    }

    func address(of host: Host) -> String? {
        if let address = host.address { return address.description }
        if let given = names[host.text.lowercased()] { return given }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.text, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(first.pointee.ai_addr, first.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0
        else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func perform(_ check: ProbeCheck) -> Outcome {
        let start = now()
        func done(_ passed: Bool, _ address: String, _ detail: String) -> Outcome {
            Outcome(passed: passed, address: address, detail: detail, milliseconds: (now() - start) / 1_000_000)
        }
        let e = check.endpoint
        guard let ip = address(of: e.host) else { return done(false, "-", "cannot resolve \(e.host.text) (use --resolve \(e.host.text)=ADDRESS)") }
        let target = ip.contains(":") ? "[\(ip)]:\(e.port)" : "\(ip):\(e.port)"
        var error = [CChar](repeating: 0, count: 512)
        func reason() -> String { String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }

        switch check.kind {
        case .tcp, .closed:
            let fd = wfc_probe_connect(ip, Int32(e.port), timeoutMS, &error, error.count)
            if fd >= 0 { close(fd) }
            if check.kind == .tcp {
                return fd >= 0 ? done(true, target, "connected") : done(false, target, reason())
            }
            return fd >= 0 ? done(false, target, "reachable: it must not be") : done(true, target, "unreachable (\(reason()))")
        case .api, .websocket:
            let hostHeader = e.authority
            let request = check.kind == .api
                ? "GET /api/version HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: wfc-probe\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
                : "GET / HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: wfc-probe\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: d2ZjLXByb2JlLWtleS0wMQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            var response = [CChar](repeating: 0, count: 256 * 1024)
            let n = wfc_probe_exchange(ip, Int32(e.port), check.usesTLS ? 1 : 0, e.host.text, cacert, request,
                                       check.kind == .websocket ? 1 : 0, timeoutMS, &response, response.count, &error, error.count)
            guard n >= 0 else { return done(false, target, reason()) }
            let http = HTTPResponse(response.prefix(Int(n)).map { UInt8(bitPattern: $0) })
            if check.kind == .websocket {
                return http.status == 101 ? done(true, target, "101 Switching Protocols")
                    : done(false, target, "expected 101, got \(http.statusLine.isEmpty ? "no answer" : http.statusLine)")
            }
            guard http.status == 200 else {
                return done(false, target, "expected 200, got \(http.statusLine.isEmpty ? "no answer" : http.statusLine)")
            }
            return JSONSyntax.isObject(http.bodyText) ? done(true, target, "200, JSON") : done(false, target, "200, but the body is not a JSON object")
        }
    }

    func now() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1_000_000_000 + t.tv_nsec
    }
}

enum ProbeReport {
    static func human(_ checks: [ProbeCheck], _ outcomes: [Outcome]) -> String {
        let width = checks.map(\.title.count).max() ?? 0
        let addressWidth = outcomes.map(\.address.count).max() ?? 0
        var out = ""
        for (check, o) in zip(checks, outcomes) {
            out += (o.passed ? "pass  " : "FAIL  ") + check.title.padding(to: width + 2) + o.address.padding(to: addressWidth + 2)
                + o.detail + " (\(o.milliseconds) ms)\n"
        }
        let failed = outcomes.filter { !$0.passed }.count
        out += "\(checks.count) checks: \(checks.count - failed) pass, \(failed) fail\n"
        return out
    }

    static func json(_ checks: [ProbeCheck], _ outcomes: [Outcome]) -> String {
        let failed = outcomes.filter { !$0.passed }.count
        return JSON.object([
            ("checks", .array(zip(checks, outcomes).map { check, o in
                .object([
                    ("check", .string(check.kind.rawValue)),
                    ("title", .string(check.title)),
                    ("endpoint", .string(check.endpoint.authority)),
                    ("node", check.endpoint.node.map(JSON.string) ?? .null),
                    ("address", .string(o.address)),
                    ("result", .string(o.passed ? "pass" : "fail")),
                    ("detail", .string(o.detail)),
                    ("milliseconds", .int(o.milliseconds)),
                ])
            })),
            ("summary", .object([("checks", .int(checks.count)), ("pass", .int(checks.count - failed)), ("fail", .int(failed))])),
        ]).rendered()
    }
}
