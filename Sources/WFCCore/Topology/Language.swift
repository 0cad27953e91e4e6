/// topology.yaml, version 1: every key, its type, default and meaning (LANGUAGE.md).
public enum Language {
    public static let portRange = 1...65535
    public static let nodeIDRange = 0...63

    static let port = FieldType.integer(portRange)

    public static let clients = ObjectSpec("`clients`", [
        FieldSpec("native", .boolean, default: "true", "Android/iOS/desktop clients: TCP long connection plus HTTP."),
        FieldSpec("web", .boolean, default: "false", "Web and mini-program clients over WebSocket."),
        FieldSpec("https", .boolean, default: "false",
                  "The JS clients are served over HTTPS, so route over HTTPS and WSS; needs `web: true`."),
    ])

    public static let ports = ObjectSpec("`ports`", [
        FieldSpec("http", port, default: "80", "`http_port` and `local_port`: route, short link and files."),
        FieldSpec("tcp", port, default: "1883", "`port`: the TCP long connection of native clients."),
        FieldSpec("websocket", port, default: "8083", "`websocket_port`: WebSocket for JS clients."),
        FieldSpec("secure_websocket", port, default: "8084", "`secure_websocket_port`: WSS on the node (single + https)."),
        FieldSpec("https", port, default: "443", "`https_port` in single mode; the gateway's TLS port otherwise."),
        FieldSpec("admin", port, default: "18080", "`http.admin.port`: the Server API, internal only."),
        FieldSpec("cluster", port, default: "5701", "The cluster cache (Hazelcast): reachable from the other nodes only."),
    ])

    public static let nodePorts = ObjectSpec("a node's `ports`", [
        FieldSpec("tcp", port, "This node's `port` (single-entry needs one per node)."),
        FieldSpec("websocket", port, "This node's `websocket_port` (single-entry needs one per node)."),
        FieldSpec("http", port, "This node's `http_port`, the port clients are told (single-entry: the gateway port of its short links; the node still binds `local_port`, the top-level `ports.http`)."),
    ])

    public static let secretReference = ObjectSpec("a secret", [
        FieldSpec("env", .path, "Read the secret from this environment variable at build time."),
        FieldSpec("file", .path, "Read the secret from this file at build time (relative to topology.yaml)."),
    ])

    public static let tls = ObjectSpec("`tls`", [
        FieldSpec("jks_path", .path, "Absolute path of the JKS keystore on the node (single + https)."),
        FieldSpec("key_store_password", .secret, "The keystore password (single + https)."),
        FieldSpec("key_manager_password", .secret, "The key manager password (single + https)."),
        FieldSpec("certificate", .path, "Absolute path of the PEM certificate chain on the gateway."),
        FieldSpec("certificate_key", .path, "Absolute path of the PEM private key on the gateway."),
    ])

    public static let gateway = ObjectSpec("`gateway`", [
        FieldSpec("public_address", .host, required: true,
                  "The host clients reach; where `authorized_address` resolves."),
        FieldSpec("private_address", .host,
                  "The address the nodes see the gateway's connections come from."),
    ])

    public static let node = ObjectSpec("a node", [
        FieldSpec("name", .nodeName, required: true, "Unique; lowercase letters, digits and hyphens, starting with a letter."),
        FieldSpec("public_address", .host, "Required in multi-node; absent in single-entry."),
        FieldSpec("private_address", .host, "Required in single-entry (the gateway dials it)."),
        FieldSpec("server_ip", .host, "Explicit `server.ip`; must equal what the mode demands."),
        FieldSpec("node_id", .integer(nodeIDRange), default: "position, from 1", "Unique, 0 to 63."),
        FieldSpec("ports", .object(nodePorts), "Per-node `tcp` and `websocket` ports."),
        FieldSpec("websocket_proxy_port", port, "This node's WS port on the gateway."),
        FieldSpec("websocket_proxy_secure_port", port, "This node's WSS port on the gateway."),
    ])

    public static let allowRule = ObjectSpec("a firewall rule", [
        FieldSpec("to", .oneOrList(.target), required: true,
                  "`nodes`, `gateway`, `all`, a node name, or a sequence of those."),
        FieldSpec("ports", .list(.portRange, minCount: 1), required: true, "The ports to open: a port, or a range `LOW-HIGH`."),
        FieldSpec("from", .wordOrList("any", .addressRange), default: "any",
                  "`any`, or a sequence of IPv4/IPv6 CIDRs or addresses."),
        FieldSpec("protocol", .choice(["tcp", "udp"]), default: "tcp", "`tcp` or `udp`."),
    ])

    public static let firewall = ObjectSpec("`firewall`", [
        FieldSpec("backend", .choice(["iptables", "nftables", "both", "none"]), default: "iptables",
                  "Which rule files to emit; `none` emits nothing."),
        FieldSpec("ssh_port", port, default: "22", "Always allowed in derived rules."),
        FieldSpec("allow", .list(.object(allowRule), minCount: 0),
                  "The whole set of openings; absent means wfc derives them."),
        FieldSpec("server_api_from", .list(.addressRange, minCount: 0), default: "none (loopback only)",
                  "The Server API callers (app server, back ends): derived rules open `ports.admin` on every node to these only."),
    ])

    public static let capacity = ObjectSpec("`capacity`", [
        FieldSpec("connections", .integer(1...100_000_000), default: "10000",
                  "The long connections expected at peak across the cluster; sizes the gateway and the host tuning steps."),
    ])

    public static let topology = ObjectSpec("the topology", [
        FieldSpec("version", .integer(1...1), required: true, "The language version; must be `1`."),
        FieldSpec("edition", .choice(["professional", "community"]), default: "professional",
                  "`community`: single mode only, no web clients, no gateway."),
        FieldSpec("mode", .choice(["single", "multi-node", "single-entry"]), required: true, "The deployment mode."),
        FieldSpec("authorized_address", .host, required: true, "The licensed domain or IP; every client's IM host."),
        FieldSpec("network", .choice(["internet", "intranet"]), default: "internet",
                  "`intranet`: private addresses count as public."),
        FieldSpec("clients", .object(clients), "Which clients connect."),
        FieldSpec("ports", .object(ports), "IM ports for every node."),
        FieldSpec("tls", .object(tls), "Certificates; required when `clients.https`."),
        FieldSpec("gateway", .object(gateway), "The NG; required in `multi-node` and `single-entry`."),
        FieldSpec("nodes", .list(.object(node), minCount: 1), required: true, "The IM nodes, in order."),
        FieldSpec("firewall", .object(firewall), "Firewall openings; absent means wfc derives them."),
        FieldSpec("capacity", .object(capacity), "The expected load, for sizing."),
    ])
}
