public enum Mode: String, Sendable, CaseIterable {
    case single
    case multiNode = "multi-node"
    case singleEntry = "single-entry"
}

public enum Edition: String, Sendable, CaseIterable {
    case professional, community
}

public enum Network: String, Sendable, CaseIterable {
    case internet, intranet
}

public enum FirewallBackend: String, Sendable, CaseIterable {
    case iptables, nftables, both, none
}

/// What a firewall rule's `to` names: a group of hosts, or one node by its name.
public enum FirewallTarget: Sendable, Hashable {
    case all, nodes, gateway
    case node(String)

    /// The group words, as written in topology.yaml.
    public static let groups: [FirewallTarget] = [.nodes, .gateway, .all]

    public init(_ word: String) {
        switch word {
        case "all": self = .all
        case "nodes": self = .nodes
        case "gateway": self = .gateway
        default: self = .node(word)
        }
    }

    public var word: String {
        switch self {
        case .all: return "all"
        case .nodes: return "nodes"
        case .gateway: return "gateway"
        case .node(let name): return name
        }
    }

    /// How specific it is, for choosing the rule a fix extends: a node, then a group, then all.
    package var breadth: Int {
        switch self {
        case .node: return 0
        case .nodes, .gateway: return 1
        case .all: return 2
        }
    }
}

/// What serves the gateway's listeners: a program wfc configures, or a balancer configured
/// elsewhere (a cloud SLB/NLB, an F5) that wfc describes in a listener sheet.
public enum GatewayBackend: String, Sendable, CaseIterable {
    case nginx, haproxy, external
}

public enum TransportProtocol: String, Sendable, CaseIterable {
    case tcp, udp
}

/// Who serves WSS in multi-node with HTTPS pages: the gateway on per-node proxy ports (the
/// seed's layout) or each node itself on its own domain.
public enum WSSServer: String, Sendable, CaseIterable {
    case gateway, nodes
}

/// How a node's IM server runs in Docker: sharing the host's network (`host`: the firewall
/// is as without Docker) or with its ports published (`published`: Docker forwards them past
/// INPUT, so wfc filters `DOCKER-USER` too).
public enum DockerNetwork: String, Sendable, CaseIterable {
    case host, published
}

/// Which calls the apps make: the free edition's peer-to-peer calls relayed by TURN servers.
public enum CallsEdition: String, Sendable, CaseIterable {
    case free, advanced
}

/// How the advanced edition's media reaches janus: straight to its RTP range (`none`), or
/// relayed by a TURN server on janus's LAN, the only public port (`single-port`), forced over
/// TCP between the clients and the TURN server (`tcp`).
public enum CallsRelay: String, Sendable, CaseIterable {
    case none
    case singlePort = "single-port"
    case tcp
}

/// Where uploaded files live: on each node (served at `/fs`) or in an object store.
public enum MediaStorage: String, Sendable, CaseIterable {
    case builtin, object
}

/// The typed AST of topology.yaml (`Language`, published by `wfc schema`). Every field keeps its span; a field that
/// was rejected while decoding is `.invalid` and feeds no check.
public struct Topology: Sendable {
    public var span: Span
    public var version: Field<Int>
    public var edition: Field<Edition>
    public var mode: Field<Mode>
    public var authorizedAddress: Field<Host>
    public var network: Field<Network>
    public var clients: Field<Clients>
    public var ports: Field<PortSettings>
    public var tls: Field<TLSSettings>
    public var gateway: Field<Gateway>
    public var nodes: Field<[Field<NodeSpec>]>
    public var firewall: Field<Firewall>
    public var capacity: Field<Capacity>
    public var media: Field<Media>
    public var services: Field<[Field<Service>]> = .absent
    public var appServer: Field<AppServer> = .absent
    public var calls: Field<Calls> = .absent
    public var accessPoints: Field<[Field<AccessPointSpec>]> = .absent
}

/// One of `access_points`: a layer-4 proxy in another region (全球接入).
public struct AccessPointSpec: Sendable {
    public var span: Span
    public var name: Field<String>
    public var publicAddress: Field<Host>
    public var privateAddress: Field<Host>
    public var backend: Field<GatewayBackend>
    /// Per node, in the order written.
    public var ports: Field<[(node: Located<String>, ports: Field<AccessPointPorts>)]>
}

/// What an access point maps for one node: `http`, `tcp` and `websocket`, all required.
public struct AccessPointPorts: Sendable {
    public var http: Field<Int>
    public var tcp: Field<Int>
    public var websocket: Field<Int>
}

/// `calls`: audio and video, and the hosts that relay them.
public struct Calls: Sendable {
    public var span: Span
    public var edition: Field<CallsEdition>
    public var turn: Field<[Field<TurnSpec>]>
    public var mediaServers: Field<[Field<MediaServerSpec>]> = .absent
    public var spareClientIDs: Field<[Field<String>]> = .absent
    public var recording: Field<Recording> = .absent
    public var relay: Field<CallsRelay> = .absent
}

/// One of `calls.media_servers`: the vendor's janus build (`wf-janus`).
public struct MediaServerSpec: Sendable {
    public var span: Span
    public var name: Field<String>
    public var publicAddress: Field<Host>
    public var privateAddress: Field<Host>
    public var clientID: Field<String>
    public var rtpPorts: Field<PortRange>
    public var interface: Field<String>
}

/// `calls.recording`: janus records conferences into the host folder mounted at the vendor's path.
public struct Recording: Sendable {
    public var strategy: Field<Int>
    public var hostPath: Field<String>
}

/// One of `calls.turn`: a coturn server.
public struct TurnSpec: Sendable {
    public var span: Span
    public var name: Field<String>
    public var publicAddress: Field<Host>
    public var privateAddress: Field<Host>
    public var port: Field<Int>
    public var relayPorts: Field<PortRange>
    public var user: Field<String>
    public var password: Field<Secret>
    public var realm: Field<Host>
}

/// Another program on an IM host (app server, admin console, object store): its ports are
/// listeners like the IM server's.
public struct Service: Sendable {
    public var span: Span
    public var name: Field<String>
    /// A node's name, or `gateway`.
    public var on: Field<String>
    public var ports: Field<[Field<PortRange>]>
    public var from: Field<Sources>
    public var `protocol`: Field<TransportProtocol>
    /// A name the gateway on the same host serves and proxies to the first port.
    public var domain: Field<Host>
    public var maxUpload: Field<String> = .absent
}

/// `app_server`: the vendor's app server.
public struct AppServer: Sendable {
    public var span: Span
    /// A node's name, or `gateway`; absent on a host of its own.
    public var on: Field<String>
    public var port: Field<Int>
    public var domain: Field<Host>
    public var maxUpload: Field<String>
    /// On a host of its own.
    public var privateAddress: Field<Host> = .absent
    public var publicAddress: Field<Host> = .absent
}

public struct Media: Sendable {
    public var storage: Field<MediaStorage>
    /// An nginx size: digits with an optional `k`, `m` or `g`.
    public var maxUpload: Field<String>
}

public struct Capacity: Sendable {
    public var connections: Field<Int>
}

public struct Clients: Sendable {
    public var native: Field<Bool>
    public var web: Field<Bool>
    public var https: Field<Bool>
    public var sdk: Field<ClientSDK> = .absent
    public var shortLink: Field<ShortLink> = .absent
    public var longLink: Field<LongLink> = .absent
}

/// How the native apps' long connection travels: plain TCP (the default), or TLS for the
/// whole deployment, never beside plain TCP (the vendor's TLS and KCP blog).
public enum LongLink: String, Sendable, CaseIterable {
    case tcp, tls
}

/// How the native apps make short links: HTTP (the default), or the professional edition's
/// TCP short link for networks that forbid plain HTTP (the vendor's 基于TCP的短链接 blog).
public enum ShortLink: String, Sendable, CaseIterable {
    case http, tcp
}

/// Which SDK the apps are built with: the standard one, whose route request dials 80, or the
/// custom-port SDK the vendor builds for networks that forbid 80 (`md/faq/general.md`).
public enum ClientSDK: String, Sendable, CaseIterable {
    case standard
    case customPorts = "custom-ports"
}

public struct PortSettings: Sendable {
    public var http: Field<Int>
    public var tcp: Field<Int>
    public var websocket: Field<Int>
    public var secureWebsocket: Field<Int>
    public var https: Field<Int>
    public var admin: Field<Int>
    public var cluster: Field<Int>
    /// `local_port`: the HTTP port the nodes bind when it differs from `http_port`.
    public var local: Field<Int> = .absent
    /// `short_link_tcp_port`: the TCP short link's port (`clients.short_link: tcp`).
    public var shortLinkTCP: Field<Int> = .absent
    /// `ssl_port`: the TLS long connection (`clients.long_link: tls`).
    public var ssl: Field<Int> = .absent
}

public struct TLSSettings: Sendable {
    public var span: Span
    public var jksPath: Field<String>
    public var keyStorePassword: Field<Secret>
    public var keyManagerPassword: Field<Secret>
    public var certificate: Field<String>
    public var certificateKey: Field<String>
    public var wss: Field<WSSServer> = .absent
}

/// A node's own keystore (`nodes[].tls`), for WSS it serves itself.
public struct NodeTLS: Sendable {
    public var span: Span
    public var jksPath: Field<String>
    public var keyStorePassword: Field<Secret>
    public var keyManagerPassword: Field<Secret>
}

public struct Gateway: Sendable {
    public var span: Span
    public var publicAddress: Field<Host>
    public var privateAddress: Field<Host>
    /// The node whose host the gateway runs on; its addresses are the gateway's.
    public var on: Field<String> = .absent
    public var backend: Field<GatewayBackend> = .absent
    /// `external`: where the balancer's connections to the nodes come from.
    public var sourceRanges: Field<[Field<AddressRange>]> = .absent
}

public struct NodeSpec: Sendable {
    public var span: Span
    public var name: Field<String>
    public var publicAddress: Field<Host>
    public var privateAddress: Field<Host>
    public var serverIP: Field<Host>
    public var nodeID: Field<Int>
    @Boxed public var ports: Field<NodePorts>
    public var websocketProxyPort: Field<Int>
    public var websocketProxySecurePort: Field<Int>
    /// A router's DNAT in front of a single server: outside port → inside port.
    public var portMapping: Field<[PortMapping]> = .absent
    /// Its own DNS name (multi-node): `server.ip`, and the name its certificate is for.
    public var domain: Field<Host> = .absent
    @Boxed public var tls: Field<NodeTLS> = .absent
    /// Addresses for clients of other networks (`server.backup_address`, comma separated, in
    /// order): one mapping or a sequence of them.
    public var backup: Field<[Field<Backup>]> = .absent
    /// The IM server runs in Docker.
    public var docker: Field<DockerNetwork> = .absent
}

/// `nodes[].backup`: where clients of the other network reach this node. Its ports may
/// differ from the node's own (they are advertised as given); absent ones are the node's.
public struct Backup: Sendable {
    public var address: Field<Host>
    public var http: Field<Int>
    public var tcp: Field<Int>
    public var websocket: Field<Int>
}

/// One port a router maps: clients dial `outside` on the public address, the host gets `inside`.
public struct PortMapping: Sendable, Hashable {
    public var outside: Int
    public var inside: Int
    public var outsideSpan: Span
    public var insideSpan: Span
}

public struct NodePorts: Sendable {
    public var http: Field<Int> = .absent
    public var span: Span
    public var tcp: Field<Int>
    public var websocket: Field<Int>
    public var shortLinkTCP: Field<Int> = .absent
    /// Single entry with the TLS long link: its own `ssl_port` and `https_port`.
    public var ssl: Field<Int> = .absent
    public var https: Field<Int> = .absent
}

public struct Firewall: Sendable {
    public var span: Span
    public var backend: Field<FirewallBackend>
    public var sshPort: Field<Int>
    public var allow: Field<[Field<AllowRule>]>
    /// The Server API callers; `[]` says on purpose that there are none but the nodes.
    public var serverAPIFrom: Field<[Field<AddressRange>]>
    /// Services named in `server_api_from` (they call from their host's address).
    public var serverAPIServices: [Located<String>] = []
    /// Where the nodes may connect to; absent: outbound open.
    public var egress: Field<[Field<EgressRule>]> = .absent
}

/// One `firewall.egress` entry.
public struct EgressRule: Sendable {
    public var span: Span
    public var to: Field<[Field<Destination>]>
    /// Absent: every port.
    public var ports: Field<[Field<PortRange>]>
    public var `protocol`: Field<TransportProtocol>
}

/// Where an egress rule lets traffic go: addresses, or a host or service by name.
public enum Destination: Sendable, Hashable {
    case range(AddressRange)
    case name(String)
}

public struct AllowRule: Sendable {
    public var span: Span
    public var to: Field<[Field<String>]>
    public var ports: Field<[Field<PortRange>]>
    public var from: Field<Sources>
    public var `protocol`: Field<TransportProtocol>
}

/// Where a firewall opening admits traffic from.
public enum Sources: Sendable {
    case any
    case ranges([Field<AddressRange>])
}

extension Topology {
    /// Each node's `tls` that is written, in the order written. Read in place: a node's spec
    /// is a KiB or more, and copying each of ten thousand to read this one field was most of
    /// the checks that read it.
    public var nodeTLS: [Located<NodeTLS>] {
        var out: [Located<NodeTLS>] = []
        guard case .present(let list) = nodes else { return out }
        for i in list.value.indices {
            guard case .present(let node) = list.value[i], case .present(let tls) = node.value.tls else { continue }
            out.append(tls)
        }
        return out
    }

    /// The `tls` of the first node of each name, for looking nodes up by name (read in place,
    /// as `nodeTLS`).
    public var nodeTLSByName: [String: NodeTLS?] {
        var out: [String: NodeTLS?] = [:]
        guard case .present(let list) = nodes else { return out }
        for i in list.value.indices {
            guard case .present(let node) = list.value[i], let name = node.value.name.value, out[name] == nil else { continue }
            out[name] = .some(node.value.tls.value)
        }
        return out
    }
}
