import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The exit status of a child started with `Process`, waiting until `deadline`; nil when it
/// is still running then. Foundation's own reaping can miss a child when many run at once,
/// leaving an exited zombie that `isRunning` reports as running for ever (seen as a 600 s
/// hang of one CLI test in ten runs): so this also reaps it with `waitpid` itself.
public func exitStatus(of process: Process, until deadline: Date) -> Int32? {
    let pid = process.processIdentifier
    while Date() < deadline {
        if !process.isRunning { return process.terminationStatus }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            // Exited: the code in bits 8-15; killed by a signal: 128 + its number, as a shell says.
            return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        }
        usleep(5_000)
    }
    return nil
}

/// Stops a child that outlived its deadline: SIGTERM, then SIGKILL, reaped either way.
public func stop(_ process: Process) {
    process.terminate()
    if exitStatus(of: process, until: Date().addingTimeInterval(5)) == nil {
        kill(process.processIdentifier, SIGKILL)
        _ = exitStatus(of: process, until: Date().addingTimeInterval(5))
    }
}
