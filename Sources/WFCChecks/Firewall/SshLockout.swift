import WFCLanguage

extension Rule {
    public static let sshLockout = Rule(
        code: "WFC504", name: "ssh-lockout", severity: .warning,
        summary: "a host's declared openings do not include `ssh_port`",
        explanation: """
            The generated firewall drops everything not opened. A declared set without the \
            SSH port locks the operator out of the host as soon as it is applied. Open \
            `firewall.ssh_port` (22 by default), preferably from the operations network only. \
            The opening must admit the host's own address family: SSH opened only from IPv6 \
            sources (or IPv4-mapped ones such as `::ffff:10.0.0.0/104`) does not let anyone \
            reach an IPv4 host.
            """,
        failing: [
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            firewall:
              ↓allow:
                - to: all
                  ports: [80, 1883]
            """,
            """
            version: 1
            mode: single
            authorized_address: im.example.com
            nodes:
              - name: node1
            firewall:
              ↓allow:
                - to: all
                  ports: [80, 1883]
                - to: all
                  ports: [22]
                  from: ["2001:db8::/32"]
            """
        ],
        passing: [
            declaredSingle,
            declaredSingle.replacingOccurrences(of: "[22, 80, 1883]", with: "[80, 1883]\n    - to: all\n      ports: [22]\n      from: [198.51.100.0/24]")
        ])

    static let sshLockoutCheck = Check(sshLockout) { c in
        guard let allow = c.topology.firewall.located?.value.allow.located else { return [] }
        let ssh = c.plan.sshPort.value
        let locked = c.plan.hosts.filter { $0.machine == nil && c.plan.locksOutSSH($0) }
        guard !locked.isEmpty else { return [] }
        let wrongFamily = locked.contains { h in (h.declared ?? []).contains { $0.port <= ssh && ssh <= $0.through && $0.proto == .tcp } }
        return [
            sshLockout.diagnostic(
                "no rule opens the SSH port \(ssh) on \(list(locked.map { backticked($0.name) }))" + (wrongFamily ? " over its own address family" : ""),
                at: allow.keySpan ?? allow.span, label: "applying this firewall locks SSH out",
                notes: wrongFamily
                    ? ["SSH is opened only from sources of the other address family (or IPv4-mapped IPv6), which never reach this host"] : [],
                helps: ["add `- {to: all, ports: [\(ssh)], from: [<operations network>]}`"])
        ]
    }
}
