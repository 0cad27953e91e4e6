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
        /// Where `location /` (or the stream server) passes to: each `host:port`, an upstream's
        /// servers in order.
        public var targets: [(host: String, port: Int, source: String)]
        public var source: String
    }

    public var listeners: [Listener] = []

    public init(_ tree: [NginxDirective]) {
        for top in tree where top.block != nil && (top.name == "http" || top.name == "stream") {
            let stream = top.name == "stream"
            var upstreams: [String: [(host: String, port: Int, source: String)]] = [:]
            for u in top.children("upstream") {
                guard let name = u.args.first else { continue }
                upstreams[name] = u.children("server").compactMap { s in s.args.first.flatMap(Self.authority).map { ($0.host, $0.port, s.source) } }
            }
            for server in top.children("server") {
                // Where the server passes: its own proxy_pass (stream), or `location /`'s.
                let pass =
                    stream
                    ? server.children("proxy_pass").first
                    : server.children("location").first { $0.args == ["/"] }?.children("proxy_pass").first
                var targets: [(host: String, port: Int, source: String)] = []
                if let target = pass?.args.first {
                    let bare = target.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "https://", with: "")
                    let name = bare.split(separator: "/").first.map(String.init) ?? bare
                    if let listed = upstreams[name] {
                        targets = listed
                    } else if let a = Self.authority(name), let pass {
                        targets = [(a.host, a.port, pass.source)]
                    }
                }
                let names = server.children("server_name").flatMap(\.args)
                for listen in server.children("listen") {
                    guard let first = listen.args.first else { continue }
                    // `[::]:80` repeats an IPv4 listener on IPv6.
                    if first.hasPrefix("[") { continue }
                    let parsed = Self.authority(first) ?? Int(first).map { (host: "", port: $0) }
                    guard let p = parsed else { continue }
                    listeners.append(
                        Listener(
                            port: p.port, address: p.host.isEmpty ? nil : p.host, ssl: listen.args.contains("ssl"), stream: stream,
                            serverNames: names, targets: targets, source: listen.source))
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
