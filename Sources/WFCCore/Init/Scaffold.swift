import WFCLanguage

/// `wfc init`: a commented, valid topology to start from, with placeholder addresses from
/// the documentation ranges (203.0.113.0/24 public, 10.0.0.0/24 private) and example.com names.
public enum Scaffold {
    public struct Options: Sendable {
        public var mode: Mode
        public var nodes: Int
        public var native: Bool
        public var web: Bool
        public var https: Bool
        /// Where editors find the JSON Schema, relative to the topology file.
        public var schema: String

        public init(mode: Mode, nodes: Int, native: Bool = true, web: Bool, https: Bool, schema: String = "topology.schema.json") {
            self.schema = schema
            self.mode = mode
            self.nodes = nodes
            self.native = native
            self.web = web
            self.https = https
        }
    }

    public static func render(_ o: Options) -> String {
        var y: [String] = [
            "# yaml-language-server: $schema=\(o.schema)",
            "# (editors read the schema from there: `wfc schema > \(o.schema)`)", "#"
        ]
        switch o.mode {
        case .single:
            y += ["# One IM server (单机部署) on a public address; clients dial it directly."]
        case .multiNode:
            y += [
                "# \(o.nodes) nodes, each on its own public address (多节点直连), behind one nginx",
                "# gateway at the authorized address that balances HTTP over them."
            ]
        case .singleEntry:
            y += [
                "# Single entry (单入口模式): only the gateway is public; each node's long-connection,",
                "# HTTP (short links) and WebSocket ports are unique, and the gateway maps each to",
                "# its node; port 80 of the gateway balances the route over every node."
            ]
        }
        y += [
            "# Replace the placeholder addresses (documentation ranges) with your own, then run",
            "# `wfc lint` and `wfc build --out build/`.",
            "version: 1",
            "mode: \(o.mode.rawValue)",
            "authorized_address: im.example.com   # the licensed domain; resolves to the entry point",
            "",
            "clients:",
            "  native: \(o.native)   # Android, iOS and desktop apps",
            "  web: \(o.web)   # web and mini-program clients (WebSocket)",
            "  https: \(o.https)   # the web clients' pages are served over HTTPS"
        ]
        if o.https && o.web {
            y.append("")
            if o.mode == .single {
                y += [
                    "# The node serves HTTPS and WSS itself from a JKS keystore; the passwords are",
                    "# read from the environment when `wfc build` runs.",
                    "tls:",
                    "  jks_path: /etc/im-server/config/im.example.com.jks",
                    "  key_store_password: {env: WFC_KEY_STORE_PASSWORD}",
                    "  key_manager_password: {env: WFC_KEY_MANAGER_PASSWORD}"
                ]
            } else {
                y += [
                    "# The gateway terminates TLS for HTTPS and every WSS port.",
                    "tls:",
                    "  certificate: /etc/nginx/certs/im.example.com.pem",
                    "  certificate_key: /etc/nginx/certs/im.example.com.key"
                ]
            }
        }
        if o.mode != .single {
            y += [
                "", "gateway:", "  public_address: 203.0.113.10   # where im.example.com resolves",
                "  private_address: 10.0.0.10   # where the nodes see the gateway's connections from"
            ]
        }
        y += ["", "nodes:"]
        for i in 1...max(1, o.nodes) {
            y.append("  - name: node\(i)")
            // Ids default to the position from 1; a full cluster of 64 needs 0 to 63.
            if o.nodes > Language.nodeIDRange.upperBound { y.append("    node_id: \(i - 1)") }
            if o.mode != .singleEntry { y.append("    public_address: 203.0.113.\(10 + i)") }
            if o.mode != .single { y.append("    private_address: 10.0.0.\(10 + i)") }
            if o.mode == .singleEntry {
                // The vendor's numbering: TCP 11881…, HTTP 10081…, WebSocket 18081…
                y.append(
                    o.web
                        ? "    ports: {tcp: \(11880 + i), http: \(10080 + i), websocket: \(18080 + i)}   # unique per node behind one address"
                        : "    ports: {tcp: \(11880 + i), http: \(10080 + i)}   # unique per node behind one address")
            }
            if o.web, o.https, o.mode == .multiNode {
                y.append("    websocket_proxy_port: \(5016 + i)   # this node's WS port on the gateway")
                y.append("    websocket_proxy_secure_port: \(5016 + o.nodes + i)   # and its WSS port")
            } else if o.web, o.https, o.mode == .singleEntry {
                y.append("    websocket_proxy_secure_port: \(5016 + o.nodes + i)   # this node's WSS port on the gateway")
            }
        }
        y += [
            "", "# Without `allow`, wfc derives every host's openings (plus SSH) from the above.",
            "firewall:", "  backend: \(Defaults.backend.rawValue)   # or nftables, both, none"
        ]
        if o.mode != .single {
            y += [
                "  # The app server's address: the nodes' Server API (18080) opens to it alone.",
                "  # Write `[]` if the app server runs on a node. The nodes reach each other's",
                "  # cluster port (5701) over their private addresses; nothing else does.",
                "  server_api_from: [10.0.0.5]"
            ]
        }
        if o.nodes > 1 {
            y += [
                "", "# Each node keeps the files it received; clients fetch each file from its node.",
                "# For a cluster the vendor recommends object storage: configure MinIO, OSS or Qiniu",
                "# in the IM config and write `storage: object`.",
                "media:", "  storage: \(MediaStorage.builtin.rawValue)"
            ]
        }
        y += [
            "", "# The long connections (native and web) expected at peak across the cluster: they",
            "# size nginx and the host tuning steps of CHECKLIST.md.",
            "capacity:", "  connections: \(Defaults.connections)"
        ]
        return y.joined(separator: "\n") + "\n"
    }
}
