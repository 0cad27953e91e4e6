import WFCLanguage

extension Rule {
    public static let duplicateNode = Rule(
        code: "WFC107", name: "duplicate-node", severity: .error,
        summary: "two nodes share a name, a node_id or an address",
        explanation: """
            Node names name the generated folders and firewall targets; `node_id` is six \
            bits of every message id, so two nodes with one id can mint the same message \
            id; and two nodes on one address are one host listening twice on every port. \
            A `node_id` left out is the node's position, from 1, so an explicit id can clash \
            with a derived one.
            """,
        failing: [
            """
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
                node_id: ↓1

            """
        ],
        passing: [multiNodeBase])

    static let duplicateNodeCheck = Check(duplicateNode) { c in
        let nodes = c.plan.nodes
        // A copy of an entry is reported once, by its name; the plan leaves it out, so
        // nothing below (nor any other check) speaks of its id or addresses.
        var out = c.plan.copies.map { copy in
            duplicateNode.diagnostic(
                "two nodes are named `\(copy.name.value)`", at: copy.name.span, label: "second node of that name",
                related: [Label(nodes[copy.first].name.span, "first node of that name")],
                helps: ["remove the copy, or give it a name, address and node_id of its own"])
        }
        // First holder of each id and address, by index; each node's fields are read in place,
        // since a node is a large value and copying each one cost more than the check.
        var ids: [Int: Int] = [:], addresses: [String: Span] = [:]
        ids.reserveCapacity(nodes.count)
        addresses.reserveCapacity(2 * nodes.count)
        for i in nodes.indices {
            let id = nodes[i].nodeID, name = nodes[i].name.value
            if let firstIndex = ids[id.value] {
                let first = nodes[firstIndex]
                let own = id.isDefault ? " (from its position)" : ""
                let theirs = first.nodeID.isDefault ? " (from its position)" : ""
                out.append(
                    duplicateNode.diagnostic(
                        "node `\(name)` has node_id \(id.value)\(own), as does `\(first.name.value)`",
                        at: id.span, label: "node_id \(id.value)\(own)",
                        related: [Label(first.nodeID.span, "node_id \(first.nodeID.value)\(theirs)")],
                        helps: ["give every node a distinct `node_id` from 0 to 63"]))
            } else {
                ids[id.value] = i
            }
            // Each address on its own, not through an array of the two (an allocation per node).
            func claim(_ address: Located<Host>?) {
                guard let a = address else { return }
                let key = a.value.identity
                if let first = addresses[key] {
                    out.append(
                        duplicateNode.diagnostic(
                            "address `\(a.value.text)` of node `\(name)` is already used by another node", at: a.span,
                            label: "used twice", related: [Label(first, "first used here")],
                            helps: ["give each node its own address: two nodes on one address are one host listening twice on every port"]))
                } else {
                    addresses[key] = a.span
                }
            }
            claim(nodes[i].publicAddress)
            claim(nodes[i].privateAddress)
        }
        return out
    }
}
