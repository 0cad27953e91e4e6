extension Rule {
    public static let unmodelledNetworkKey = Rule(
        code: "WFC705", name: "unmodelled-network-key", severity: .warning,
        summary: "an imported IM config sets a network key the imported topology does not carry",
        explanation: """
            `wfc import` carries the network keys of the layouts it knows into the topology: \
            addresses, ports, proxy ports, the keystore, backup addresses, the TCP short link's and \
            the TLS long link's ports, the advanced edition's `conference.*` keys. One it cannot \
            carry: a `conference.record_path` other than the recordings' path inside the vendor's \
            janus container, which wfc always writes (the host folder is `calls.recording`): a build from the imported \
            topology would not write them, and merging with `--im-base` would comment them out. \
            The finding names each such key at its line so that it can be added to the topology \
            by hand. (An example starting `# wildfirechat.conf` is a node's IM config, imported \
            alone.)
            """,
        stage: .importing,
        failing: [
            """
            # wildfirechat.conf
            server.ip im.example.com
            conference.client_list 3f6c1e0a-media-1
            ↓conference.record_path /data/recordings
            """,
            """
            # wildfirechat.conf
            server.ip im.example.com
            conference.record_strategy 2
            ↓conference.record_path /opt/janus/recordings
            """
        ],
        passing: [
            "# wildfirechat.conf\nserver.ip im.example.com\nport 1883\nwebsocket_port 8083\nssl_port 8883\nserver.backup_address 198.51.100.20:81:1881:8081\n"
                + "conference.client_list media-1\nconference.record_path /opt/janus/share/janus/recordings\n"
        ])
}
