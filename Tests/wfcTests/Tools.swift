import Foundation
import Testing

/// The outside programs some tests run (nginx, gixy, iptables, nft, check-jsonschema,
/// pre-commit), found on the PATH. Outside CI a missing one skips the test with the command
/// that installs it; with `CI=true` it is a failure, so CI can never pass by skipping.
enum Tools {
    static let install: [String: String] = [
        "nginx": "apt-get install nginx-light libnginx-mod-stream",
        "haproxy": "apt-get install haproxy",
        "ansible-playbook": "apt-get install ansible-core",
        "ansible-inventory": "apt-get install ansible-core",
        "gixy": "pip install gixy",
        "iptables-restore": "apt-get install iptables",
        "ip6tables-restore": "apt-get install iptables",
        "nft": "apt-get install nftables",
        "openssl": "apt-get install openssl",
        "keytool": "apt-get install default-jre-headless",
        "unshare": "apt-get install util-linux",
        "zsh": "apt-get install zsh",
        "fish": "apt-get install fish",
        "man": "apt-get install man-db",
        "check-jsonschema": "pip install check-jsonschema",
        "valgrind": "apt-get install valgrind",
        "strip": "apt-get install binutils",
        "python3": "apt-get install python3",
        "janus": "apt-get install janus",
        "timeout": "apt-get install coreutils",
        "sh": "apt-get install dash"
    ]

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func which(_ tool: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin:/usr/local/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The tool's path. When it is missing: a recorded failure in CI, otherwise the running
    /// test is skipped (cancelled) with the reason and the install command.
    static func require(_ tool: String) throws -> String {
        if let path = which(tool) { return path }
        try unavailable("`\(tool)` is not installed: \(install[tool] ?? "install it")")
    }

    /// What the tests cannot run here: a failure in CI, a skip with the reason elsewhere.
    static func unavailable(_ reason: String) throws -> Never {
        let reason = reason + " (with CI=true this fails)"
        if inCI { throw Missing(reason: reason) }
        try Test.cancel(Comment(rawValue: "skipped: " + reason))
    }

    /// These talk to the kernel's netfilter even to test a file, which takes root.
    static let needRoot: Set<String> = ["iptables-restore", "ip6tables-restore", "nft"]

    /// Runs a tool to its end; see `require` for a missing one (or missing root).
    static func run(_ tool: String, _ arguments: [String], stdin: Data? = nil) throws -> Run {
        let path = try require(tool)
        if needRoot.contains(tool), getuid() != 0 {
            try unavailable("`\(tool)` needs root to check a file: run the tests as root")
        }
        return try #require(try launch(URL(fileURLWithPath: path), arguments, stdin: stdin))
    }

    struct Missing: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }
}
