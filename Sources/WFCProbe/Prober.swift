import WFCCore

#if canImport(Glibc)
    import Glibc
#endif

/// What one check found.
public struct Outcome: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        case pass, fail, inconclusive, skipped
    }

    public var verdict: Verdict
    /// The address dialled (`203.0.113.10:80`), or `-`.
    public var address: String
    public var detail: String
    public var milliseconds: Int = 0
    /// The host answered something: a connect, a reset, any HTTP answer. A closed port is
    /// only proven closed on a host that answers.
    public var answered = false
    /// `api`: the `/api/version` object, keys sorted, to compare across nodes.
    public var version: JSON?
}

/// Runs the checks at once, each on its own thread (they block on the network), then judges
/// what only the whole run shows: closed ports on hosts that never answered, and nodes whose
/// `/api/version` differs from the authorized address's.
public struct Prober: Sendable {
    public let transport: any ProbeTransport
    /// `--resolve NAME=ADDRESS`, names lowercased.
    public let names: [String: String]
    /// Each TURN server's credentials, by its name, for the relay check.
    public let turnCredentials: [String: TurnCredentials]

    public init(transport: any ProbeTransport, names: [String: String] = [:], turnCredentials: [String: TurnCredentials] = [:]) {
        self.transport = transport
        self.names = names
        self.turnCredentials = turnCredentials
    }

    final class Slots: @unchecked Sendable {
        var outcomes: [Outcome]
        init(_ count: Int) { outcomes = Array(repeating: Outcome(verdict: .fail, address: "-", detail: "not run"), count: count) }
    }

    /// A check's work, handed to its thread.
    final class Job: Sendable {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    public func run(_ checks: [ProbeCheck]) -> [Outcome] {
        let slots = Slots(checks.count)
        // POSIX threads, so that lint never loads the Dispatch overlay: one slow check must
        // never delay another.
        var threads: [pthread_t] = []
        for (i, check) in checks.enumerated() {
            let job = Unmanaged.passRetained(Job { slots.outcomes[i] = timed { perform(check) } }).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(
                &thread, nil,
                { argument in
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
        return Self.judge(checks, slots.outcomes)
    }

    func timed(_ work: () -> Outcome) -> Outcome {
        let start = Self.now()
        var o = work()
        o.milliseconds = (Self.now() - start) / 1_000_000
        return o
    }

    func address(of host: Host) -> String? {
        if let address = host.address { return address.description }
        if let given = names[host.text.lowercased()] { return given }
        return transport.resolve(host.text).first
    }

    public func perform(_ check: ProbeCheck) -> Outcome {
        let e = check.endpoint
        if check.kind == .dns { return dns(e.host, expected: check.expected, node: e.node) }
        guard let ip = address(of: e.host) else {
            return Outcome(verdict: .fail, address: "-", detail: "cannot resolve \(e.host.text) (use --resolve \(e.host.text)=ADDRESS)")
        }
        let target = ip.contains(":") ? "[\(ip)]:\(e.port)" : "\(ip):\(e.port)"
        switch check.kind {
        case .dns:
            return dns(e.host, expected: check.expected, node: e.node)
        // A TURN server's TCP port and a TCP short link are judged as a long connection's.
        case .tcp, .turn, .shortLink:
            switch transport.connect(ip, port: e.port) {
            case .connected: return Outcome(verdict: .pass, address: target, detail: "connected", answered: true)
            case .refused: return Outcome(verdict: .fail, address: target, detail: "refused: nothing listens, or a firewall rejects it", answered: true)
            case .failed(let why): return Outcome(verdict: .fail, address: target, detail: why)
            }
        case .closed:
            switch transport.connect(ip, port: e.port) {
            case .connected: return Outcome(verdict: .fail, address: target, detail: "reachable: it must not be", answered: true)
            case .refused: return Outcome(verdict: .pass, address: target, detail: "refused", answered: true)
            // Judged once the whole run shows whether the host answers at all.
            case .failed(let why): return Outcome(verdict: .pass, address: target, detail: "no answer (\(why))")
            }
        case .tls:
            switch transport.handshake(ip, port: e.port, host: e.host.text) {
            case .success: return Outcome(verdict: .pass, address: target, detail: "TLS handshake; certificate valid for \(e.host.text)", answered: true)
            case .failure(let why): return Outcome(verdict: .fail, address: target, detail: why.reason)
            }
        case .websocket:
            return websocket(ip, target, check)
        case .api:
            return api(ip, target, check)
        case .appServer:
            return appServer(ip, target, check)
        case .stun:
            return stun(ip, target, check)
        case .relay:
            return relay(ip, target, check)
        case .media:
            let knock = check.answerPort.map { transport.connect(ip, port: $0) }
            return Outcome(
                verdict: .skipped, address: target,
                detail: "UDP cannot be proven without a peer that answers: with janus stopped run `nc -ulvp \(e.port)` on the media server, "
                    + "then `nc -u \(check.expected?.text ?? ip) \(e.port)` \(check.behindRelay ? "on a TURN server (janus is private: only they reach it)" : "here") "
                    + "and type a line (the vendor's udp_connectivity.md)",
                answered: knock == .connected || knock == .refused)
        }
    }

    /// `GET /` answers 200 with `Ok` (the docs write `OK`).
    func appServer(_ ip: String, _ target: String, _ check: ProbeCheck) -> Outcome {
        let http: HTTPResponse
        do {
            http = try fetch(request("GET", "/", check), ip, target, check)
        } catch {
            return error.outcome
        }
        let body = String(decoding: http.body, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if http.status == 200, body.lowercased() == "ok" {
            return Outcome(verdict: .pass, address: target, detail: "200 Ok", answered: true)
        }
        return Outcome(verdict: .fail, address: target, detail: "expected 200 Ok from the app server: \(Self.describe(http))", answered: true)
    }

    /// `node`: the name is that node's own domain, else the authorized address.
    func dns(_ name: Host, expected: Host?, node: String? = nil) -> Outcome {
        let want = expected?.text ?? ""
        let what = node.map { "node `\($0)`'s address" } ?? "the entry point"
        if let given = names[name.text.lowercased()] {
            return Outcome(verdict: .skipped, address: given, detail: "--resolve gives \(given); DNS not consulted")
        }
        let found = transport.resolve(name.text)
        guard !found.isEmpty else { return Outcome(verdict: .fail, address: "-", detail: "\(name.text) does not resolve; it must resolve to \(what) \(want)") }
        let matches = found.contains { text in IPAddress(text).map { $0 == expected?.address } ?? false }
        return Outcome(
            verdict: matches ? .pass : .fail, address: found.joined(separator: ", "),
            detail: matches ? "resolves to \(what) \(want)" : "resolves to \(found.joined(separator: ", ")), not \(what) \(want)")
    }

    func request(_ method: String, _ path: String, _ check: ProbeCheck, extra: String = "", connection: String = "close") -> String {
        "\(method) \(path) HTTP/1.1\r\nHost: \(check.endpoint.authority)\r\nUser-Agent: wfc-probe\r\n\(extra)Connection: \(connection)\r\n\r\n"
    }

    /// Tries `/`, then the web SDK's `/ws`: either answering 101 passes.
    func websocket(_ ip: String, _ target: String, _ check: ProbeCheck) -> Outcome {
        var tried: [String] = []
        var answered = false
        for path in ["/", "/ws"] {
            let upgrade = "Upgrade: websocket\r\nSec-WebSocket-Key: d2ZjLXByb2JlLWtleS0wMQ==\r\nSec-WebSocket-Version: 13\r\n"
            let req = request("GET", path, check, extra: upgrade, connection: "Upgrade")
            switch transport.exchange(ip, port: check.endpoint.port, tls: check.usesTLS, host: check.endpoint.host.text, request: req, headOnly: true) {
            case .failure(let f):
                tried.append("\(path): \(f.reason)")
            case .success(let bytes):
                let http = HTTPResponse(bytes)
                answered = answered || http.status != 0
                if http.status == 101 {
                    return Outcome(verdict: .pass, address: target, detail: "101 Switching Protocols" + (path == "/" ? "" : " on \(path)"), answered: true)
                }
                tried.append("\(path): \(Self.describe(http))")
            }
        }
        return Outcome(verdict: .fail, address: target, detail: "expected 101 (" + tried.joined(separator: "; ") + ")", answered: answered)
    }

    /// Why `fetch` has no answer: the check's failed outcome.
    struct NoAnswer: Error {
        let outcome: Outcome
    }

    /// The whole HTTP answer to one request at the check's endpoint.
    func fetch(_ request: String, _ ip: String, _ target: String, _ check: ProbeCheck) throws(NoAnswer) -> HTTPResponse {
        let e = check.endpoint
        switch transport.exchange(ip, port: e.port, tls: check.usesTLS, host: e.host.text, request: request, headOnly: false) {
        case .failure(let f):
            throw NoAnswer(outcome: Outcome(verdict: .fail, address: target, detail: f.reason))
        case .success(let bytes):
            let http = HTTPResponse(bytes)
            guard http.status != 0 else { throw NoAnswer(outcome: Outcome(verdict: .fail, address: target, detail: "no HTTP answer")) }
            return http
        }
    }

    func api(_ ip: String, _ target: String, _ check: ProbeCheck) -> Outcome {
        let e = check.endpoint
        let http: HTTPResponse
        do {
            http = try fetch(request("GET", "/api/version", check, extra: "Accept: application/json\r\n"), ip, target, check)
        } catch {
            return error.outcome
        }
        if http.status == 200 {
            guard let json = try? JSON.parse(http.body), case .object = json else {
                return Outcome(verdict: .fail, address: target, detail: "200, but not JSON: \(Self.readable(http.body))", answered: true)
            }
            return Outcome(verdict: .pass, address: target, detail: "200, JSON", answered: true, version: json.canonical)
        }
        // A hardened server answers 404 on /api/version (`http.close_api_version true`):
        // that is the IM server answering, not a gateway's error page. Reach it another way.
        if http.status == 404, !Self.isGatewayPage(http) {
            // The IM server answers a preflight for /route itself, before any action runs
            // (im-server's ActionHandler.handleOptions): 200 with `Access-Control-Allow-Origin: *`
            // and `Access-Control-Allow-Headers: *`. A server that answers 404 to everything,
            // or a gateway's error page, does not.
            let route = transport.exchange(
                ip, port: e.port, tls: check.usesTLS, host: e.host.text,
                request: request("OPTIONS", "/route", check, extra: "Origin: http://wfc-probe\r\nAccess-Control-Request-Method: POST\r\n"),
                headOnly: false)
            if case .success(let bytes) = route {
                let r = HTTPResponse(bytes)
                if Self.isIMServerPreflight(r) {
                    return Outcome(
                        verdict: .pass, address: target,
                        detail: "the IM server answers (404 on /api/version: the version API is closed; OPTIONS /route answers as the IM server does)",
                        answered: true)
                }
                return Outcome(
                    verdict: .fail, address: target,
                    detail: "404 on /api/version, and OPTIONS /route is not the IM server's answer: \(Self.describe(r))", answered: true)
            }
        }
        // A server in mainland China reached by a domain without ICP filing (备案) is
        // blocked with 403 before the IM server sees the request (the vendor's FAQ).
        let unfiled =
            http.status == 403 && e.host.address == nil
            ? "; a server in mainland China answers 403 for a domain without ICP filing (备案): file `\(e.host.text)`, or reach it by IP" : ""
        return Outcome(verdict: .fail, address: target, detail: "expected 200, got \(Self.describe(http))" + unfiled, answered: true)
    }

    /// The IM server's answer to `OPTIONS /route`: a 2xx with both CORS wildcards.
    static func isIMServerPreflight(_ r: HTTPResponse) -> Bool {
        (200..<300).contains(r.status) && r.header("access-control-allow-origin") == "*" && r.header("access-control-allow-headers") == "*"
    }

    /// A gateway's own error pages (a node behind it did not answer), whichever program the
    /// gateway runs, or the statuses gateways use for that.
    static func isGatewayPage(_ http: HTTPResponse) -> Bool {
        guard ![502, 503, 504].contains(http.status) else { return true }
        let body = http.bodyText
        return GatewayUnits.errorPageMarkers.contains { body.contains($0) }
    }

    /// One readable line for an answer: its status, what kind of page, and a short excerpt.
    static func describe(_ http: HTTPResponse) -> String {
        guard http.status != 0 else { return "no HTTP answer" }
        var text = http.statusLine.replacingPrefix("HTTP/1.1 ", with: "").replacingPrefix("HTTP/1.0 ", with: "")
        if isGatewayPage(http) { text += " from the gateway (the node behind it did not answer)" }
        let excerpt = readable(http.body)
        return excerpt.isEmpty || isGatewayPage(http) ? text : "\(text): \(excerpt)"
    }

    /// A body as one short line: tags dropped, control characters and runs of blanks as one space.
    static func readable(_ body: [UInt8]) -> String {
        var out = ""
        var inTag = false
        for scalar in String(decoding: body.prefix(4096), as: UTF8.self).unicodeScalars {
            if scalar == "<" { inTag = true; continue }
            if scalar == ">" { inTag = false; out += " "; continue }
            if inTag { continue }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == " " {
                if !out.hasSuffix(" ") { out += " " }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        let line = out.split(separator: " ").joined(separator: " ")
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    /// What only the whole run shows.
    public static func judge(_ checks: [ProbeCheck], _ outcomes: [Outcome]) -> [Outcome] {
        var out = outcomes
        // Hosts that answered anything: there, a silent port is filtered, not a dead host.
        var alive = Set<String>()
        for o in outcomes where o.answered { alive.insert(host(of: o.address)) }
        for (i, c) in checks.enumerated() where c.kind == .closed && out[i].verdict == .pass && !out[i].answered {
            if alive.contains(host(of: out[i].address)) {
                out[i].detail = "filtered: " + out[i].detail + ", while the host answers on other ports"
            } else {
                out[i].verdict = .inconclusive
                out[i].detail = "inconclusive: " + out[i].detail + ", and the host answers on no port: closed or down?"
            }
        }
        // Every node must run the build the authorized address serves.
        let reference = zip(checks, outcomes).first { $0.kind == .api && $0.endpoint.node == nil && $1.version != nil }?.1.version
        if let reference {
            for (i, c) in checks.enumerated() where c.kind == .api && c.endpoint.node != nil {
                guard let version = out[i].version, version != reference else { continue }
                out[i].verdict = .fail
                out[i].detail =
                    "/api/version differs from the authorized address's: this node \(shown(version)); "
                    + "the authorized address \(shown(reference))"
            }
        }
        return out
    }

    /// A version object on one line, cut at 200 characters.
    static func shown(_ json: JSON) -> String {
        let text = json.compact()
        return text.count > 200 ? String(text.prefix(199)) + "…" : text
    }

    /// `[2001:db8::1]:80` → `2001:db8::1`; `10.0.0.1:80` → `10.0.0.1`.
    static func host(of address: String) -> String {
        if address.hasPrefix("["), let end = address.firstIndex(of: "]") { return String(address[address.index(after: address.startIndex)..<end]) }
        return String(address.split(separator: ":").first ?? "")
    }

    static func now() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1_000_000_000 + t.tv_nsec
    }
}

extension JSON {
    /// Objects with their keys sorted, at every depth: two answers with the same facts in
    /// another order are the same version.
    var canonical: JSON {
        switch self {
        case .object(let pairs): return .object(pairs.map { ($0.0, $0.1.canonical) }.sorted { $0.0 < $1.0 })
        case .array(let items): return .array(items.map { $0.canonical })
        default: return self
        }
    }
}
