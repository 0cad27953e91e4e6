import Glibc  // wfc runs where its outputs run: Linux (netfilter, nginx, systemd)
import WFCCore

enum ExitStatus {
    static let clean: Int32 = 0
    static let problems: Int32 = 1
    static let couldNotRun: Int32 = 2
}

enum Output {
    static func standardOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func standardError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    private static func write(_ text: String, to fd: Int32) {
        _ = FileSystem.writeAll(fd, text.utf8)
    }

    static func exit(_ status: Int32) -> Never {
        Glibc.exit(status)
    }

    /// Keeps a command's results until the process exits, which then frees them all at once:
    /// taking a large lint's plan and diagnostics apart block by block was 2.6% of a
    /// 2,000-node lint (clang's `-disable-free`, for the same reason).
    static func keepUntilExit(_ value: some Any) {
        kept.append(value)
    }
    private nonisolated(unsafe) static var kept: [Any] = []

    /// Colour only for a terminal, and never when NO_COLOR is set to anything non-empty.
    static func useColor(fd: Int32) -> Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return isatty(fd) == 1
    }

    static var workingDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
