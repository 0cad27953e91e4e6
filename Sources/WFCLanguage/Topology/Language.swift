/// Every default of the language, typed and written once: the specs below document them
/// (`wfc schema` publishes them), the Planner applies them and `wfc init` writes them.
public enum Defaults {
    public static let http = 80, tcp = 1883, websocket = 8083, secureWebsocket = 8084
    public static let https = 443, admin = 18080, cluster = 5701, ssh = 22
    public static let native = true, web = false, httpsClients = false
    public static let sdk = ClientSDK.standard
    public static let shortLink = ShortLink.http
    /// The TCP short link's port: where the standard SDK dials (the vendor's example).
    public static let shortLinkTCP = 80
    public static let longLink = LongLink.tcp
    public static let edition = Edition.professional
    public static let network = Network.internet
    public static let backend = FirewallBackend.iptables
    public static let gatewayBackend = GatewayBackend.nginx
    public static let transport = TransportProtocol.tcp
    /// `local_port` of a node whose host also runs the gateway, which takes 80 (the vendor's
    /// all-in-one HTTPS binds the IM server to 8080 behind nginx).
    public static let localBesideGateway = 8080
    public static let mediaStorage = MediaStorage.builtin
    /// The IM server's own upload limit with built-in storage (vendor FAQ): the gateway's
    /// `client_max_body_size` must not be below it.
    public static let maxUpload = "200m"
    /// A service's route: nginx's own default, written out so that every gateway applies it.
    public static let serviceMaxUpload = "1m"
    /// The vendor's app server: its port, and its body limit (its nginx config, equal to its
    /// multipart limit; client logs reach 100 MB).
    public static let appServerPort = 8888
    public static let appServerMaxUpload = "100m"
    /// Calls (`calls`): the free edition, and a TURN server's port and relay range (the
    /// vendor's `turn_server.md`).
    public static let callsEdition = CallsEdition.free
    public static let callsRelay = CallsRelay.none
    public static let turnPort = 3478
    public static let turnRelayPorts = PortRange(49152, 65535)
    /// The advanced edition's janus: its RTP range (`wf-janus` README) and the recordings'
    /// path inside its container, which the IM server is told and the vendor says to keep.
    public static let rtpPorts = PortRange(20000, 40000)
    public static let recordPath = "/opt/janus/share/janus/recordings"
    /// Long connections expected at peak across the cluster (`capacity.connections`).
    public static let connections = 10_000
}

/// topology.yaml, version 1: every key, its type, default and meaning; `wfc schema` publishes it.
public enum Language {
    public static let portRange = 1...65535
    public static let nodeIDRange = 0...63

    static let port = FieldType.integer(portRange)

    public static let clients = ObjectSpec(
        "`clients`",
        [
            FieldSpec(.native, .boolean, default: .boolean(Defaults.native), "Android/iOS/desktop clients: TCP long connection plus HTTP."),
            FieldSpec(.web, .boolean, default: .boolean(Defaults.web), "Web and mini-program clients over WebSocket."),
            FieldSpec(
                .https, .boolean, default: .boolean(Defaults.httpsClients),
                "The JS clients are served over HTTPS, so route over HTTPS and WSS; needs `web: true`."),
            FieldSpec(
                .sdk, .choice(ClientSDK.allCases.map { $0.rawValue }), default: .word(Defaults.sdk.rawValue),
                "`custom-ports`: the apps are built with the vendor's custom-port SDK (for networks that forbid port 80), so `ports.http` may leave 80 (WFC305)."
            ),
            FieldSpec(
                .shortLink, .choice(ShortLink.allCases.map { $0.rawValue }), default: .word(Defaults.shortLink.rawValue),
                "`tcp` (professional edition): the native apps make short links over the vendor's TCP protocol on `ports.short_link_tcp` (`useTcpShortLink`); HTTP moves off that port and stays for the JS clients, robots and channels; files need an object store (WFC309)."
            ),
            FieldSpec(
                .longLink, .choice(LongLink.allCases.map { $0.rawValue }), default: .word(Defaults.longLink.rawValue),
                "`tls`: the whole deployment's native apps use the TLS long link on `ports.ssl` (`ssl_port`) and HTTPS short links on `ports.https` (`useTls`), never plain TCP beside it; the nodes end TLS with their JKS keystore (WFC409)."
            )
        ])

    public static let ports = ObjectSpec(
        "`ports`",
        [
            FieldSpec(.http, port, default: .integer(Defaults.http), "`http_port` and `local_port`: route, short link and files."),
            FieldSpec(.tcp, port, default: .integer(Defaults.tcp), "`port`: the TCP long connection of native clients."),
            FieldSpec(.websocket, port, default: .integer(Defaults.websocket), "`websocket_port`: WebSocket for JS clients."),
            FieldSpec(.secureWebsocket, port, default: .integer(Defaults.secureWebsocket), "`secure_websocket_port`: WSS on the node (single + https)."),
            FieldSpec(.https, port, default: .integer(Defaults.https), "`https_port` in single mode; the gateway's TLS port otherwise."),
            FieldSpec(.admin, port, default: .integer(Defaults.admin), "`http.admin.port`: the Server API, internal only."),
            FieldSpec(.cluster, port, default: .integer(Defaults.cluster), "The cluster cache (Hazelcast): reachable from the other nodes only."),
            FieldSpec(
                .local, port, default: .described("`http`, or 8080 on the gateway's host"),
                "`local_port`: the HTTP port the nodes bind; clients are still told `http`."),
            FieldSpec(
                .shortLinkTCP, port, default: .integer(Defaults.shortLinkTCP),
                "`short_link_tcp_port` and `short_link_local_tcp_port`, with `clients.short_link: tcp`: the native apps' short links and route (another port than 80 needs `clients.sdk: custom-ports`: WFC311)."
            ),
            FieldSpec(.ssl, port, "`ssl_port`, with `clients.long_link: tls`: the TLS long connection (no default: WFC409 asks for it).")
        ])

    public static let nodePorts = ObjectSpec(
        "a node's `ports`",
        [
            FieldSpec(.tcp, port, "This node's `port` (single-entry needs one per node)."),
            FieldSpec(.websocket, port, "This node's `websocket_port` (single-entry needs one per node)."),
            FieldSpec(
                .http, port,
                "This node's `http_port`, the port clients are told (single-entry: the gateway port of its short links; the node still binds `local_port`, the top-level `ports.http`)."
            ),
            FieldSpec(
                .shortLinkTCP, port,
                "This node's `short_link_tcp_port` with `clients.short_link: tcp` (single-entry: the gateway port of its TCP short links; the node binds the top-level `ports.short_link_tcp`)."
            ),
            FieldSpec(
                .ssl, port,
                "Single-entry with `clients.long_link: tls`: this node's `ssl_port`, which it binds and the gateway passes through at layer 4 (one per node)."),
            FieldSpec(
                .https, port,
                "Single-entry with `clients.long_link: tls`: this node's `https_port` for HTTPS short links, passed through like `ssl` (one per node).")
        ])

    public static let secretReference = ObjectSpec(
        "a secret",
        [
            FieldSpec(.env, .path, "Read the secret from this environment variable at build time."),
            FieldSpec(.file, .path, "Read the secret from this file at build time (relative to topology.yaml).")
        ])

    public static let tls = ObjectSpec(
        "`tls`",
        [
            FieldSpec(.jksPath, .path, "Absolute path of the JKS keystore on the node (single + https)."),
            FieldSpec(.keyStorePassword, .secret, "The keystore password (single + https)."),
            FieldSpec(.keyManagerPassword, .secret, "The key manager password (single + https)."),
            FieldSpec(.certificate, .path, "Absolute path of the PEM certificate chain on the gateway."),
            FieldSpec(.certificateKey, .path, "Absolute path of the PEM private key on the gateway."),
            FieldSpec(
                .wss, .choice(WSSServer.allCases.map { $0.rawValue }), default: .word(WSSServer.gateway.rawValue),
                "Multi-node + https: `gateway` (per-node proxy ports on the gateway) or `nodes` (each node serves WSS on `secure_websocket` with its own `tls` and `domain`)."
            )
        ])

    public static let nodeTLS = ObjectSpec(
        "a node's `tls`",
        [
            FieldSpec(.jksPath, .path, "Absolute path of this node's JKS keystore (for its `domain`)."),
            FieldSpec(.keyStorePassword, .secret, "The keystore password."),
            FieldSpec(.keyManagerPassword, .secret, "The key manager password.")
        ])

    public static let gateway = ObjectSpec(
        "`gateway`",
        [
            FieldSpec(
                .publicAddress, .host,
                "The host clients reach; where `authorized_address` resolves. Required unless `on` is given."),
            FieldSpec(
                .privateAddress, .host,
                "The address the nodes see the gateway's connections come from."),
            FieldSpec(
                .on, .nodeName,
                "A node's name: the gateway runs on that node's host and has its addresses (in `single` mode, the vendor's quick HTTPS)."),
            FieldSpec(
                .backend, .choice(GatewayBackend.allCases.map { $0.rawValue }), default: .word(Defaults.gatewayBackend.rawValue),
                "`nginx`, `haproxy`, or `external`: a load balancer wfc does not configure (cloud SLB/NLB, F5), for which it writes a listener sheet."),
            FieldSpec(
                .sourceRanges, .list(.addressRange, minCount: 1),
                "`external` only: the CIDRs the balancer's connections come from; the nodes admit these instead of a gateway address.")
        ])

    public static let backupPorts = ObjectSpec(
        "a backup's `ports`",
        [
            FieldSpec(.http, port, default: .described("the node's `http_port`"), "The short-link port clients of the other network dial."),
            FieldSpec(.tcp, port, default: .described("the node's `port`"), "The long-connection port they dial."),
            FieldSpec(
                .websocket, port, default: .described("the node's WS (or, with HTTPS, WSS) port"),
                "The WS(S) port they dial; the server needs one even without web clients.")
        ])

    public static let backup = ObjectSpec(
        "a node's `backup`",
        [
            FieldSpec(
                .address, .backupHost, required: true,
                "The address clients of the other network reach this node at: an IPv4 address or a DNS name (the server's `HOST:HTTP:TCP:WS` has no IPv6 form)."
            ),
            FieldSpec(.ports, .object(backupPorts), "The ports they dial there, when a proxy maps them to other numbers.")
        ])

    public static let node = ObjectSpec(
        "a node",
        [
            FieldSpec(.name, .nodeName, required: true, "Unique; lowercase letters, digits and hyphens, starting with a letter."),
            FieldSpec(.publicAddress, .host, "Required in multi-node; absent in single-entry."),
            FieldSpec(.privateAddress, .host, "Required in single-entry (the gateway dials it)."),
            FieldSpec(.serverIP, .host, "Explicit `server.ip`; must equal what the mode demands."),
            FieldSpec(.nodeID, .integer(nodeIDRange), default: .described("position, from 1"), "Unique, 0 to 63."),
            FieldSpec(.ports, .object(nodePorts), "Per-node `tcp` and `websocket` ports."),
            FieldSpec(.websocketProxyPort, port, "This node's WS port on the gateway."),
            FieldSpec(.websocketProxySecurePort, port, "This node's WSS port on the gateway."),
            FieldSpec(
                .portMapping, .portMap,
                "Single mode behind a router's DNAT: outside port → inside port, e.g. `{80: 8080, 1883: 1883}`; `public_address` is the router's outside address."
            ),
            FieldSpec(.domain, .host, "The node's own DNS name (multi-node): `server.ip` becomes it; it must resolve to `public_address`."),
            FieldSpec(.tls, .object(nodeTLS), "The node's own keystore, when it serves WSS itself (`tls.wss: nodes`)."),
            FieldSpec(
                .backup, .oneOrList(.object(backup)),
                "Addresses for clients of other networks (内外双网): each is one `HOST:HTTP:TCP:WS` of `server.backup_address`, comma separated in the order written."
            ),
            FieldSpec(
                .docker, .choice(DockerNetwork.allCases.map { $0.rawValue }),
                "The IM server runs in Docker: `host` (`--net host`; the firewall is as without Docker) or `published` (`-p`: Docker forwards published ports past INPUT, so wfc also filters `DOCKER-USER`)."
            )
        ])

    public static let allowRule = ObjectSpec(
        "a firewall rule",
        [
            FieldSpec(
                .to, .oneOrList(.target), required: true,
                "`nodes`, `gateway`, `all`, a node name, or a sequence of those."),
            FieldSpec(.ports, .list(.portRange, minCount: 1), required: true, "The ports to open: a port, or a range `LOW-HIGH`."),
            FieldSpec(
                .from, .wordOrList("any", .addressRange), default: .word("any"),
                "`any`, or a sequence of IPv4/IPv6 CIDRs or addresses."),
            FieldSpec(.protocol, .choice(TransportProtocol.allCases.map { $0.rawValue }), default: .word(Defaults.transport.rawValue), "`tcp` or `udp`.")
        ])

    public static let egressRule = ObjectSpec(
        "an outbound rule",
        [
            FieldSpec(
                .to, .oneOrList(.destination), required: true,
                "An address or CIDR block, a node's name, `gateway` or a service's name (its host's address), or a sequence of those."),
            FieldSpec(.ports, .list(.portRange, minCount: 1), default: .described("every port"), "The destination ports: a port, or a range `LOW-HIGH`."),
            FieldSpec(.protocol, .choice(TransportProtocol.allCases.map { $0.rawValue }), default: .word(Defaults.transport.rawValue), "`tcp` or `udp`.")
        ])

    public static let firewall = ObjectSpec(
        "`firewall`",
        [
            FieldSpec(
                .backend, .choice(FirewallBackend.allCases.map { $0.rawValue }), default: .word(Defaults.backend.rawValue),
                "Which rule files to emit; `none` emits nothing."),
            FieldSpec(.sshPort, port, default: .integer(Defaults.ssh), "Always allowed in derived rules."),
            FieldSpec(
                .allow, .list(.object(allowRule), minCount: 0),
                "The whole set of openings; absent means wfc derives them."),
            FieldSpec(
                .serverAPIFrom, .list(.caller, minCount: 0), default: .described("none (loopback only)"),
                "The Server API callers (app server, back ends), as addresses, CIDRs or names of `services`: derived rules open `ports.admin` on every node to these only."
            ),
            FieldSpec(
                .egress, .list(.object(egressRule), minCount: 0), default: .described("none (outbound open)"),
                "Where the nodes may connect to: when given, each node's host closes its outbound traffic except to these, to answers to inbound connections and, with derived rules, to what the plan needs (the other nodes' cluster port, the gateway's upstreams on its host). DNS, NTP, the database, the push service and the object store are yours to list."
            )
        ])

    public static let capacity = ObjectSpec(
        "`capacity`",
        [
            FieldSpec(
                .connections, .integer(1...100_000_000), default: .integer(Defaults.connections),
                "The long connections expected at peak across the cluster; sizes the gateway and the host tuning steps.")
        ])

    public static let media = ObjectSpec(
        "`media`",
        [
            FieldSpec(
                .storage, .choice(MediaStorage.allCases.map { $0.rawValue }), default: .word(Defaults.mediaStorage.rawValue),
                "`builtin` (files on each node, served at `/fs`) or `object` (MinIO, OSS, Qiniu: configured outside wfc)."),
            FieldSpec(
                .maxUpload, .size, default: .word(Defaults.maxUpload),
                "The gateway's `client_max_body_size`: at least the server's own upload limit.")
        ])

    public static let service = ObjectSpec(
        "a service",
        [
            FieldSpec(.name, .nodeName, required: true, "Unique; lowercase letters, digits and hyphens, starting with a letter."),
            FieldSpec(.on, .serviceHost, required: true, "The one host it runs on: a node's name, or `gateway`."),
            FieldSpec(.ports, .list(.portRange, minCount: 1), required: true, "The ports it listens on: a port, or a range `LOW-HIGH`."),
            FieldSpec(
                .from, .wordOrList("any", .addressRange), default: .word("any"),
                "Who may reach it: `any`, or a sequence of IPv4/IPv6 CIDRs or addresses."),
            FieldSpec(.protocol, .choice(TransportProtocol.allCases.map { $0.rawValue }), default: .word(Defaults.transport.rawValue), "`tcp` or `udp`."),
            FieldSpec(
                .domain, .host,
                "A name the gateway on the same host serves and proxies to the first port (the vendor's all-in-one: `app.example.com` → 8888)."),
            FieldSpec(
                .maxUpload, .size, default: .word(Defaults.serviceMaxUpload),
                "The largest request body the gateway passes on its `domain` route (nginx's own default is 1m; the app server's client logs need 50m or more).")
        ])

    public static let appServer = ObjectSpec(
        "`app_server`",
        [
            FieldSpec(.on, .serviceHost, "The host it runs on: a node's name, or `gateway`; absent, a host of its own (`private_address`)."),
            FieldSpec(
                .privateAddress, .host,
                "On a host of its own: the address the gateway and the nodes see it at (it calls the Server API from there)."),
            FieldSpec(.publicAddress, .host, "On a host of its own: where clients reach it when no gateway serves its `domain`."),
            FieldSpec(.port, port, default: .integer(Defaults.appServerPort), "Its HTTP port (`server.port` in its `application.properties`)."),
            FieldSpec(
                .domain, .host,
                "The name the gateway serves it under (HTTPS with the gateway's certificate when `clients.https`); without it, clients dial its port directly."),
            FieldSpec(
                .maxUpload, .size, default: .word(Defaults.appServerMaxUpload),
                "The body limit on its route (the vendor's nginx config; client logs reach 100 MB, and under 50m is WFC607).")
        ])

    public static let accessPointPorts = ObjectSpec(
        "an access point's ports for a node",
        [
            FieldSpec(.http, port, required: true, "The short-link port it maps to the node's: the `HTTP` field of the node's backup entry."),
            FieldSpec(.tcp, port, required: true, "The long-connection port it maps to the node's `port`: the `TCP` field."),
            FieldSpec(
                .websocket, port, required: true,
                "The WebSocket port it maps to the node's: the `WS` field, never empty in `server.backup_address` even without web clients.")
        ])

    public static let accessPoint = ObjectSpec(
        "an access point",
        [
            FieldSpec(.name, .nodeName, required: true, "Unique among all hosts; lowercase letters, digits and hyphens, starting with a letter."),
            FieldSpec(
                .publicAddress, .backupHost, required: true,
                "Where clients of its region reach it: the `HOST` of every backup entry it gives (an IPv4 address or a DNS name)."),
            FieldSpec(.privateAddress, .host, "Its address on the enterprise network, where it dials the nodes and they admit it."),
            FieldSpec(
                .backend, .choice(GatewayBackend.allCases.map { $0.rawValue }), default: .word(Defaults.gatewayBackend.rawValue),
                "`nginx` (`stream`), `haproxy` (`mode tcp`), or `external`: a layer-4 balancer wfc does not configure, for which it writes a listener sheet."),
            FieldSpec(
                .ports, .byNode(.object(accessPointPorts)), required: true,
                "Per node, `{node1: {http: 81, tcp: 1881, websocket: 8081}}`: each node's entry in `server.backup_address` and its layer-4 listeners (WFC310).")
        ])

    public static let turn = ObjectSpec(
        "a TURN server",
        [
            FieldSpec(.name, .nodeName, required: true, "Unique among all hosts; lowercase letters, digits and hyphens, starting with a letter."),
            FieldSpec(.publicAddress, .host, required: true, "Where clients reach it: `external-ip`, and the address in their `ICE_SERVERS`."),
            FieldSpec(.privateAddress, .host, "Its own address behind 1:1 NAT: `listening-ip` and `relay-ip` (`external-ip PUBLIC/PRIVATE`)."),
            FieldSpec(.port, port, default: .integer(Defaults.turnPort), "`listening-port`, over TCP and UDP."),
            FieldSpec(
                .relayPorts, .portRange, default: .word(Defaults.turnRelayPorts.description),
                "`min-port`-`max-port`: the UDP ports it relays calls on (at least 10,000: WFC609)."),
            FieldSpec(.user, .nodeName, required: true, "The long-term credential's user name (`user=NAME:PASSWORD`), which the apps are given too."),
            FieldSpec(.password, .secret, required: true, "Its password: read at build time, written only into `turnserver.conf`."),
            FieldSpec(.realm, .host, default: .described("`authorized_address`"), "`realm`.")
        ])

    public static let mediaServer = ObjectSpec(
        "a media server",
        [
            FieldSpec(.name, .nodeName, required: true, "Unique among all hosts; lowercase letters, digits and hyphens, starting with a letter."),
            FieldSpec(
                .publicAddress, .host,
                "The public IP clients send media to: janus's `DOCKER_IP` (an IP, never a domain). Required unless `calls.relay` keeps janus private (WFC005)."
            ),
            FieldSpec(
                .privateAddress, .host,
                "Its address on the nodes' network, where it reaches them and they admit it; with `calls.relay`, its `DOCKER_IP`, where the TURN servers relay to (required then: WFC005)."
            ),
            FieldSpec(
                .clientID, .identifier, default: .described("its name"),
                "`client_id` in its MQTT transport, listed in every node's `conference.client_list`; unique (the vendor suggests a random UUID)."),
            FieldSpec(
                .rtpPorts, .portRange, default: .word(Defaults.rtpPorts.description),
                "`media.rtp_port_range`: the UDP ports of its media (at least 5,000: WFC601; above 10,000 recommended: WFC608)."),
            FieldSpec(
                .interface, .identifier, "`nat.ice_enforce_list`: the network interface with the public address (`eth0`); absent, janus gathers on every one.")
        ])

    public static let recording = ObjectSpec(
        "`calls.recording`",
        [
            FieldSpec(.strategy, .integer(0...2), required: true, "`conference.record_strategy`: 0 never, 1 always, 2 as the caller chooses."),
            FieldSpec(
                .hostPath, .path, required: true,
                "The folder on each media server mounted at the container's recordings path (`conference.record_path` stays that path).")
        ])

    public static let calls = ObjectSpec(
        "`calls`",
        [
            FieldSpec(
                .edition, .choice(CallsEdition.allCases.map { $0.rawValue }), default: .word(Defaults.callsEdition.rawValue),
                "`free`: calls go peer to peer, relayed by the `turn` servers across NATs; `advanced`: through the vendor's janus media servers (`media_servers`)."
            ),
            FieldSpec(
                .turn, .list(.object(turn), minCount: 0),
                "The TURN servers (coturn) clients relay calls through; the free edition and `relay` need one (WFC604)."),
            FieldSpec(
                .mediaServers, .list(.object(mediaServer), minCount: 0),
                "The advanced edition's janus media servers, each independent, and public unless `relay` keeps them behind the TURN servers."),
            FieldSpec(
                .relay, .choice(CallsRelay.allCases.map { $0.rawValue }), default: .word(Defaults.callsRelay.rawValue),
                "`advanced` only: `single-port` puts the `turn` servers in front of janus on its LAN, the only public port their 3478 over TCP and UDP (janus stays private); `tcp` does the same and the apps reach the TURN servers over TCP."
            ),
            FieldSpec(
                .spareClientIDs, .list(.identifier, minCount: 0),
                "Client ids listed in `conference.client_list` ahead of media servers added later."),
            FieldSpec(.recording, .object(recording), "Conference recording on the media servers.")
        ])

    public static let topology = ObjectSpec(
        "the topology",
        [
            FieldSpec(.version, .integer(1...1), required: true, "The language version; must be `1`."),
            FieldSpec(
                .edition, .choice(Edition.allCases.map { $0.rawValue }), default: .word(Defaults.edition.rawValue),
                "`community`: single mode only, no web clients, no gateway."),
            FieldSpec(.mode, .choice(Mode.allCases.map { $0.rawValue }), required: true, "The deployment mode."),
            FieldSpec(.authorizedAddress, .host, required: true, "The licensed domain or IP; every client's IM host."),
            FieldSpec(
                .network, .choice(Network.allCases.map { $0.rawValue }), default: .word(Defaults.network.rawValue),
                "`intranet`: private addresses count as public."),
            FieldSpec(.clients, .object(clients), "Which clients connect."),
            FieldSpec(.ports, .object(ports), "IM ports for every node."),
            FieldSpec(.tls, .object(tls), "Certificates; required when `clients.https`."),
            FieldSpec(.gateway, .object(gateway), "The NG; required in `multi-node` and `single-entry`."),
            FieldSpec(.nodes, .list(.object(node), minCount: 1), required: true, "The IM nodes, in order."),
            FieldSpec(.firewall, .object(firewall), "Firewall openings; absent means wfc derives them."),
            FieldSpec(.capacity, .object(capacity), "The expected load, for sizing."),
            FieldSpec(.media, .object(media), "File storage: built-in or an object store, and the upload limit."),
            FieldSpec(.services, .list(.object(service), minCount: 0), "Other programs on the IM hosts (console, object store, push service)."),
            FieldSpec(
                .appServer, .object(appServer),
                "The vendor's app server (login, QR login, client logs): its route on the gateway and its Server API access."),
            FieldSpec(.calls, .object(calls), "Audio and video calls, and the TURN servers that relay them."),
            FieldSpec(
                .accessPoints, .list(.object(accessPoint), minCount: 0),
                "Layer-4 proxies in other regions (全球接入): each maps every node's ports to its own and becomes an entry of the node's `server.backup_address`.")
        ])
}
