import WFCLanguage

/// What the long connections cost the hosts (docs/domain.md, "Long connections at scale"),
/// computed once from `capacity.connections`: nginx's limits, the host tuning of the
/// checklist and WFC307 read it.
public struct Sizing: Sendable {
    /// Long connections at peak across the cluster, and where that number comes from.
    public var connections: Int
    public var span: Span
    public var isDefault: Bool
    /// A node's share when the clients spread evenly.
    public var perNode: Int

    /// The vendor's tuning guide: a listen backlog of 32768 and the wide source-port range.
    public static let somaxconn = 32768
    public static let localPortRange = (low: 1025, high: 65535)
    /// Linux's default `ip_local_port_range` (32768–60999) and the wide one: how many
    /// connections one gateway address can open to one node address and port.
    public static let defaultSourcePorts = 60999 - 32768 + 1
    public static let wideSourcePorts = localPortRange.high - localPortRange.low + 1

    /// The vendor's heap per 100,000 active users (`md/server/server_memory.md`): 12 GB for
    /// the professional edition, 24 GB for the community edition.
    public var heapPer100k: Int = 12

    init(connections: Int, span: Span, isDefault: Bool, nodes: Int, edition: Edition = .professional) {
        self.connections = connections
        self.span = span
        self.isDefault = isDefault
        perNode = (connections + max(1, nodes) - 1) / max(1, nodes)
        heapPer100k = edition == .professional ? 12 : 24
    }

    /// Every proxied connection holds two descriptors in nginx (client and upstream side),
    /// and with `worker_processes auto` one worker may end up carrying most of them.
    public var workerConnections: Int { max(16384, 2 * connections) }
    /// At least twice `worker_connections` (the vendor's guide).
    public var workerRlimitNofile: Int { max(65535, 2 * workerConnections) }
    /// Open files for the nginx and IM services: 1M as the vendor recommends, more when the
    /// load needs it.
    public var gatewayOpenFiles: Int { max(1_048_576, workerRlimitNofile) }
    public var nodeOpenFiles: Int { max(1_048_576, 4 * perNode) }
    /// About twice the connections a host carries (one conntrack entry per proxied
    /// connection on the gateway, docs/domain.md); a node carries its share.
    public var gatewayConntrack: Int { max(262_144, 2 * connections) }
    public var nodeConntrack: Int { max(262_144, 2 * perNode) }

    /// The vendor's sizing (`md/server/README.md`): 16 cores and 32 GB for every 100,000
    /// users online, spread over several smaller nodes; its smallest host is 2 cores, 4 GB.
    public var nodeCores: Int { max(2, (16 * perNode + 99_999) / 100_000) }
    public var nodeMemoryGB: Int { max(4, (32 * perNode + 99_999) / 100_000) }
    /// The JVM heap (`-Xmx`, equal to `-Xms`, as the launch checklist asks): the vendor's
    /// figure per 100,000 active users for the node's share of the connections (wfc counts
    /// a connection as an active user: those online are a part of them), at least 2 GB.
    public var heapGB: Int { max(2, (heapPer100k * perNode + 99_999) / 100_000) }
    /// `messages_map`'s `max-size` in `hazelcast.xml`: 100 messages per active user.
    public var messageCacheEntries: Int { 100 * perNode }
}
