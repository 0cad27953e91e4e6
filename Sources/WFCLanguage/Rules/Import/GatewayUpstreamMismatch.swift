extension Rule {
    /// The node every WFC706 example is imported beside: what its `wildfirechat.conf` binds.
    public static let importExampleNode = "server.ip im.example.com\nport 1883\nhttp_port 80\nlocal_port 80\n"

    public static let gatewayUpstreamMismatch = Rule(
        code: "WFC706", name: "gateway-upstream-mismatch", severity: .error,
        summary: "an imported gateway passes to a port no node listens on, or reaches no node port clients are sent to",
        explanation: """
            A gateway's `proxy_pass` (or an upstream's `server`) must name a port the IM \
            server binds: `local_port` for HTTP, `port` for the long connection, \
            `websocket_port`, or the TLS ports. Operators' trees often keep the vendor's \
            all-in-one upstream `127.0.0.1:8080` beside a server left on `local_port 80`, \
            and every request then ends in 502. `wfc import` compares each target with the \
            node it reaches and reports the gateway's line. The other way round, at the \
            node's line: in single entry a node's long connection, HTTP or WS port that no \
            gateway listener passes to, and a WS or WSS proxy port the gateway does not listen \
            on, are ports clients are sent to and never reach. (The examples are a gateway's \
            nginx configuration, imported beside one node that binds 80 and 1883.)
            """,
        stage: .importing,
        failing: [
            """
            upstream imserver {
                ↓server 127.0.0.1:8080;
            }
            server {
                listen 80;
                server_name im.example.com;
                location / { proxy_pass http://imserver; }
            }
            """,
            """
            server {
                listen 80;
                location / { ↓proxy_pass http://127.0.0.1:8081; }
            }
            """
        ],
        passing: [
            """
            upstream imserver { server 127.0.0.1:80; }
            server {
                listen 443 ssl;
                location / { proxy_pass http://imserver; }
            }
            """
        ])
}
