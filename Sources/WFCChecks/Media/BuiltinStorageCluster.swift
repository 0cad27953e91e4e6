import WFCLanguage
import WFCPlan

extension Rule {
    public static let builtinStorageCluster = Rule(
        code: "WFC610", name: "builtin-storage-cluster", severity: .warning,
        summary: "a cluster left on built-in file storage by default",
        explanation: """
            With built-in storage each IM node keeps the files it received on its own disk, and \
            the other nodes cannot serve them (the vendor's FAQ): a node that is down takes its \
            files with it, and a lost disk loses them. wfc routes each node's files to that node \
            (`/media/<node>/` on the gateway), so clients always fetch a file where it is; it \
            cannot make it survive the node. The vendor recommends object storage (MinIO, OSS, \
            Qiniu) for a cluster. The default is built-in: say which one the cluster uses, \
            `media.storage: object` (configure the store in the IM config) or `builtin`, and \
            the warning goes.
            """,
        failing: [
            """
            version: 1
            mode: multi-node
            authorized_address: im.example.com
            firewall: {server_api_from: []}
            gateway:
              public_address: 203.0.113.10
            ↓nodes:
              - name: node1
                public_address: 203.0.113.11
              - name: node2
                public_address: 203.0.113.12
            """
        ],
        passing: [multiNodeBase, multiNodeBase.replacingOccurrences(of: "storage: builtin", with: "storage: object"), minimal])

    static let builtinStorageClusterCheck = Check(builtinStorageCluster) { c in
        // A written `storage` is the operator's choice, builtin included.
        guard c.plan.nodes.count > 1, c.plan.mode.value != .single, c.topology.media.value?.storage.isAbsent ?? true, let nodes = c.topology.nodes.located
        else { return [] }
        func write(_ storage: String) -> String {
            c.topology.media.located == nil ? "write `media: {storage: \(storage)}`" : "add `storage: \(storage)` to `media`"
        }
        return [
            builtinStorageCluster.diagnostic(
                "\(c.plan.nodes.count) nodes keep uploaded files on built-in storage, each on its own disk", at: nodes.keySpan ?? nodes.span,
                label: "each of these nodes keeps the files it received",
                notes: [
                    "a node that is down or loses its disk takes its files with it; the vendor recommends object storage for a cluster"
                ],
                helps: [
                    "use object storage: configure MinIO, OSS or Qiniu in the IM config and \(write("object"))",
                    "or keep built-in storage knowingly: \(write("builtin"))"
                ])
        ]
    }
}
