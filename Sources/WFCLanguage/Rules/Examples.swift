/// The base topologies the rules' examples start from (`wfc explain` shows each example
/// written out; the example tests run them).
extension Rule {
    package static let minimal = """
        version: 1
        mode: single
        authorized_address: im.example.com
        nodes:
          - name: node1
        """

    package static let multiNodeBase = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        firewall: {server_api_from: []}
        gateway:
          public_address: 203.0.113.10
        nodes:
          - name: node1
            public_address: 203.0.113.11
          - name: node2
            public_address: 203.0.113.12
        """

    package static let singleEntryBase = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        media: {storage: builtin}
        firewall: {server_api_from: []}
        gateway:
          public_address: 203.0.113.10
          private_address: 10.0.0.10
        nodes:
          - name: node1
            private_address: 10.0.0.11
            ports: {tcp: 1883, http: 10081}
          - name: node2
            private_address: 10.0.0.12
            ports: {tcp: 1884, http: 10082}
        """

    package static let multiNodeHTTPSBase = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        firewall: {server_api_from: []}
        clients: {web: true, https: true}
        tls:
          certificate: /etc/nginx/certs/im.pem
          certificate_key: /etc/nginx/certs/im.key
        gateway:
          public_address: 203.0.113.10
        nodes:
          - name: node1
            public_address: 203.0.113.11
            websocket_proxy_port: 5017
            websocket_proxy_secure_port: 5020
          - name: node2
            public_address: 203.0.113.12
            websocket_proxy_port: 5018
            websocket_proxy_secure_port: 5021
        """

    package static let portMappedBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        ports: {local: 8080}
        nodes:
          - name: node1
            public_address: 203.0.113.10
            private_address: 192.168.1.10
            port_mapping: {80: 8080, 1883: 1883}
        """

    package static let singleHTTPSBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        clients: {web: true, https: true}
        tls:
          jks_path: /etc/im-server/config/im.jks
          key_store_password: {env: KEY_STORE_PASSWORD}
          key_manager_password: {env: KEY_MANAGER_PASSWORD}
        nodes:
          - name: node1
        """

    /// The vendor's quick HTTPS: nginx beside the IM server ends TLS with a PEM certificate.
    package static let singleQuickHTTPSBase = """
        version: 1
        mode: single
        authorized_address: im.example.com
        clients: {web: true, https: true}
        tls:
          certificate: /etc/nginx/certs/im.pem
          certificate_key: /etc/nginx/certs/im.key
        gateway:
          on: node1
        nodes:
          - name: node1
        """

    /// Multi-node with HTTPS pages whose nodes serve WSS themselves, each on its own domain.
    package static let nodeWSSBase = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        firewall: {server_api_from: []}
        clients: {web: true, https: true}
        tls:
          certificate: /etc/nginx/certs/im.pem
          certificate_key: /etc/nginx/certs/im.key
          wss: nodes
        gateway:
          public_address: 203.0.113.10
        nodes:
          - name: node1
            public_address: 203.0.113.11
            domain: node1.example.com
            tls: {jks_path: /etc/im-server/config/node1.jks, key_store_password: {env: KS1}, key_manager_password: {env: KM1}}
          - name: node2
            public_address: 203.0.113.12
            domain: node2.example.com
            tls: {jks_path: /etc/im-server/config/node2.jks, key_store_password: {env: KS2}, key_manager_password: {env: KM2}}
        """

    package static let declaredSingle = """
        version: 1
        mode: single
        authorized_address: im.example.com
        nodes:
          - name: node1
        firewall:
          allow:
            - to: all
              ports: [22, 80, 1883]
        """

    package static let declaredCluster = """
        version: 1
        mode: single-entry
        authorized_address: im.example.com
        media: {storage: builtin}
        gateway: {public_address: 203.0.113.10, private_address: 10.0.0.10}
        nodes:
          - {name: node1, private_address: 10.0.0.11, ports: {http: 10081}}
          - {name: node2, private_address: 10.0.0.12, ports: {tcp: 1884, http: 10082}}
        firewall:
          server_api_from: [10.0.5.0/24]
          allow:
            - to: gateway
              ports: [22, 80, 1883, 1884, 10081, 10082]
            - to: nodes
              ports: [18080]
              from: [10.0.5.0/24]
            - to: nodes
              ports: [22]
              from: [10.0.9.0/24]
            - to: node1
              ports: [80, 1883]
              from: [10.0.0.10]
            - to: node2
              ports: [80, 1884]
              from: [10.0.0.10]
        """

    package static let externalBalancer = """
        version: 1
        mode: multi-node
        authorized_address: im.example.com
        media: {storage: builtin}
        gateway:
          public_address: 203.0.113.10
          backend: external
        nodes:
          - {name: node1, public_address: 203.0.113.11, private_address: 10.0.0.11}
          - {name: node2, public_address: 203.0.113.12, private_address: 10.0.0.12}
        firewall:
          server_api_from: []
        """
}
