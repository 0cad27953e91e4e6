import WFCCore

/// What an imported nginx tree says about the gateway: its listeners, each with the
/// addresses it passes to, and where each is written. One pass over the directives; the
/// inference reads only this.
public struct GatewayFacts: Sendable {
    /// A `server` of `http {}` or `stream {}`.
    public struct Listener: Sendable {
        /// `listen`'s port, and its address when it names one (`203.0.113.10:80`).
        public var port: Int
        public var address: String?
        public var ssl: Bool
        /// In `stream {}`: layer 4.
        public var stream: Bool
        public var serverNames: [String]
        /// Where `server_name` is written.
        public var serverNameSource: String?
        /// nginx's `ssl_certificate` and `ssl_certificate_key`, with where they are written.
        public var certificate: (path: String, source: String)? = nil
        public var certificateKey: (path: String, source: String)? = nil
        /// `client_max_body_size`, as written.
        public var maxBody: (value: String, source: String)? = nil
        /// Where `location /` (or the stream server) passes to: each `host:port`, an upstream's
        /// servers in order.
        public var targets: [Target]
        public var source: String
    }

    /// Where a listener passes: `host:port`, and where that is written.
    public struct Target: Sendable {
        public var host: String
        public var port: Int
        public var place: (file: String, line: Int, column: Int)
        public var source: String { "\(place.file):\(place.line)" }
    }

    public var listeners: [Listener] = []
    /// The program the files are for: `nginx`, or `haproxy`.
    public var backend = "nginx"
    /// Connections one process takes: nginx's `worker_connections`, HAProxy's global `maxconn`.
    public var connections: (value: Int, source: String)?

    public init(_ tree: [NginxDirective]) {
        // A fragment meant for inclusion in `http {}` (the vendor's `broker/nginx/imserver.conf`)
        // has its servers at the top.
        var contexts = tree.filter { $0.block != nil && ($0.name == "http" || $0.name == "stream") }
        if tree.contains(where: { $0.name == "server" || $0.name == "upstream" }) {
            contexts.append(NginxDirective(name: "http", args: [], file: tree[0].file, line: 1, block: tree))
        }
        if let d = tree.first(where: { $0.name == "events" })?.children("worker_connections").first, let n = d.args.first.flatMap({ Int($0) }) {
            connections = (n, d.source)
        }
        for top in contexts {
            let stream = top.name == "stream"
            var upstreams: [String: [Target]] = [:]
            for u in top.children("upstream") {
                guard let name = u.args.first else { continue }
                upstreams[name] = u.children("server").compactMap { s in
                    s.args.first.flatMap(Self.authority).map { Target(host: $0.host, port: $0.port, place: (s.file, s.line, s.column)) }
                }
            }
            for server in top.children("server") {
                // Where the server passes: its own proxy_pass (stream), or `location /`'s.
                // `location /`, else the first location that proxies (the vendor's `/route`).
                let locations = server.children("location")
                let pass =
                    stream
                    ? server.children("proxy_pass").first
                    : (locations.first { $0.args == ["/"] } ?? locations.first { !$0.children("proxy_pass").isEmpty })?.children("proxy_pass").first
                var targets: [Target] = []
                if let target = pass?.args.first {
                    let bare = target.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "https://", with: "")
                    let name = bare.split(separator: "/").first.map(String.init) ?? bare
                    if let listed = upstreams[name] {
                        targets = listed
                    } else if let a = Self.authority(name), let pass {
                        targets = [Target(host: a.host, port: a.port, place: (pass.file, pass.line, pass.column))]
                    }
                }
                let names = server.children("server_name").flatMap { $0.args }
                let namesSource = server.children("server_name").first?.source
                // nginx reads a relative path from its configuration folder (Debian's /etc/nginx).
                func file(_ d: NginxDirective) -> (String, String)? {
                    d.args.first.map { $0.hasPrefix("/") ? ($0, d.source) : ("/etc/nginx/" + $0, d.source + " (relative to /etc/nginx)") }
                }
                let certificate = server.children("ssl_certificate").first.flatMap(file)
                let key = server.children("ssl_certificate_key").first.flatMap(file)
                let maxBody = server.children("client_max_body_size").first.flatMap { d in d.args.first.map { ($0, d.source) } }
                for listen in server.children("listen") {
                    guard let first = listen.args.first else { continue }
                    // `[::]:80` repeats an IPv4 listener on IPv6.
                    if first.hasPrefix("[") { continue }
                    let parsed = Self.authority(first) ?? Int(first).map { (host: "", port: $0) }
                    guard let p = parsed else { continue }
                    listeners.append(
                        Listener(
                            port: p.port, address: p.host.isEmpty ? nil : p.host, ssl: listen.args.contains("ssl"), stream: stream,
                            serverNames: names, serverNameSource: namesSource, certificate: certificate, certificateKey: key, maxBody: maxBody,
                            targets: targets, source: listen.source))
                }
            }
        }
    }

    /// `host:port` (an IPv6 host in brackets); nil for a word without a port.
    static func authority(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
