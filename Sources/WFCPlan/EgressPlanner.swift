import WFCLanguage

extension Plan {
    /// `firewall.egress`: every machine that runs a node may connect only to the declared
    /// destinations and, with derived rules, to what the plan itself has it dial. With a
    /// declared `firewall.allow` the operator owns the whole firewall, outbound included:
    /// nothing is added, and WFC510 reports a cluster cut off.
    mutating func applyEgress(_ firewall: Firewall?) {
        guard let entries = firewall?.egress.value else { return }
        var declared: [Egress] = []
        for (index, field) in entries.enumerated() {
            guard let entry = field.value else { continue }
            let destinations = (entry.to.value ?? []).compactMap { $0.value }.flatMap(addresses(of:))
            guard !destinations.isEmpty else { continue }
            let proto = entry.protocol.value ?? Defaults.transport
            let ports: [Located<PortRange>?] = entry.ports.value.map { $0.compactMap { $0.located } } ?? [nil]
            for p in ports {
                declared.append(
                    Egress(destinations: destinations, ports: p?.value, proto: proto, span: p?.span ?? field.located?.span, rule: index))
            }
        }
        let derived = firewall?.allow.value == nil
        let cluster = clusterSources()
        let nodeMachines = Set(hosts.indices.filter { if case .node = hosts[$0].kind { true } else { false } })
        for i in hosts.indices where nodeMachines.contains(machine(of: i)) {
            var egress = declared
            if derived {
                if !cluster.isEmpty {
                    egress.append(
                        Egress(destinations: cluster, ports: PortRange(ports.cluster.value), proto: .tcp, purpose: .cluster))
                }
                egress += dialed(from: machine(of: i))
            }
            hosts[i].egress = egress
        }
    }

    /// What a node's machine dials besides the cluster: with the gateway on it, the other
    /// machines' upstream ports; the Server API and services whose sources name the machine's
    /// own address.
    private func dialed(from m: Int) -> [Egress] {
        let own = Set(addresses(ofHost: m).map { $0.address })
        var out: [Egress] = []
        for f in flows where machine(of: f.host) != m && !f.isLoopback {
            let from: Bool
            switch f.source {
            case .gateway: from = gatewayHost?.machine == m
            case .serverAPICallers(let ranges), .serviceUsers(let ranges?):
                // Named by its own address: a block that merely covers it (`10.0.0.0/8`) says
                // who may call, not that this machine does.
                from = own.contains { a in ranges.contains { $0.address == a && $0.prefix == AddressRange(a).prefix } }
            default: from = false
            }
            guard from else { continue }
            let to = addresses(ofHost: f.host)
            guard !to.isEmpty else { continue }
            out.append(
                Egress(destinations: to, ports: PortRange(f.port.value, f.through), proto: f.proto, purpose: f.purpose))
        }
        return out
    }

    /// A destination's addresses: itself, or a host's or a service's host's IP addresses.
    private func addresses(of d: Destination) -> [AddressRange] {
        switch d {
        case .range(let r): return [r]
        case .name(let name):
            if let h = host(named: name) { return addresses(of: h) }
            if let s = services.first(where: { $0.name.value == name }) { return addresses(ofHost: s.host) }
            return []
        }
    }

    private func addresses(ofHost i: Int) -> [AddressRange] { addresses(of: hosts[i]) }

    /// A host's public and private addresses that are IP literals (a DNS name cannot be a
    /// firewall destination).
    private func addresses(of h: HostPlan) -> [AddressRange] {
        var seen: Set<IPAddress> = []
        return [h.publicAddress, h.privateAddress].compactMap { $0?.value.address }.filter { seen.insert($0).inserted }.map(AddressRange.init)
    }
}
