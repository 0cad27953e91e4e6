/// Every key of topology.yaml, spelt once. The specs (`Language`) declare each with its type,
/// default and meaning, the builder reads values by it, and a check names a key through it,
/// so a misspelt key is a compile error rather than a value silently absent.
public enum Key: String, Sendable, CaseIterable, CustomStringConvertible {
    case accessPoints = "access_points"
    case address
    case admin
    case allow
    case appServer = "app_server"
    case authorizedAddress = "authorized_address"
    case backend
    case backup
    case calls
    case capacity
    case certificate
    case certificateKey = "certificate_key"
    case clientID = "client_id"
    case clients
    case cluster
    case connections
    case docker
    case domain
    case edition
    case egress
    case env
    case file
    case firewall
    case from
    case gateway
    case hostPath = "host_path"
    case http
    case https
    case interface
    case jksPath = "jks_path"
    case keyManagerPassword = "key_manager_password"
    case keyStorePassword = "key_store_password"
    case local
    case longLink = "long_link"
    case maxUpload = "max_upload"
    case media
    case mediaServers = "media_servers"
    case mode
    case name
    case native
    case network
    case nodeID = "node_id"
    case nodes
    case on
    case password
    case port
    case portMapping = "port_mapping"
    case ports
    case privateAddress = "private_address"
    case `protocol`
    case publicAddress = "public_address"
    case realm
    case recording
    case relay
    case relayPorts = "relay_ports"
    case rtpPorts = "rtp_ports"
    case sdk
    case secureWebsocket = "secure_websocket"
    case shortLink = "short_link"
    case shortLinkTCP = "short_link_tcp"
    case ssl
    case serverAPIFrom = "server_api_from"
    case serverIP = "server_ip"
    case services
    case sourceRanges = "source_ranges"
    case spareClientIDs = "spare_client_ids"
    case sshPort = "ssh_port"
    case storage
    case strategy
    case tcp
    case tls
    case to
    case turn
    case user
    case version
    case web
    case websocket
    case websocketProxyPort = "websocket_proxy_port"
    case websocketProxySecurePort = "websocket_proxy_secure_port"
    case wss

    /// As written in topology.yaml, for messages.
    public var description: String { rawValue }
}

/// A key's place in topology.yaml, as messages name it (`ports.tcp`, `websocket_proxy_port`):
/// keys through `Key`, so a misspelt path is a compile error and a check compares paths, not
/// strings.
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
    // Up to four keys, kept inline (the longest path is three): every port value carries its
    // key path, and an array for each was a heap allocation, and a retain on every copy, for
    // each port of each node.
    private var first: Key?, second: Key?, third: Key?, fourth: Key?

    public var keys: [Key] { [first, second, third, fourth].compactMap { $0 } }

    public init(_ keys: Key...) {
        precondition(keys.count <= 4, "a key path of more than four keys")
        first = keys.first
        second = keys.count > 1 ? keys[1] : nil
        third = keys.count > 2 ? keys[2] : nil
        fourth = keys.count > 3 ? keys[3] : nil
    }

    public var description: String { keys.map { $0.rawValue }.joined(separator: ".") }
}
