import Glibc  // wfc runs where its outputs run: Linux (netfilter, nginx, systemd)
import WFCLanguage

public struct FileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "`\(path)`: \(reason)" }
}

/// The file-system edge of wfc: reading inputs and secrets. Problems are thrown here and
/// turned into messages by the command line.
public enum FileSystem {
    /// All bytes of a file, or of standard input for `-`. Reads at most `limit + 1` bytes
    /// so that an oversized file is reported by the parser without being held whole.
    public static func read(_ path: String, limit: Int = .max) throws(FileError) -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, reason: reason(errno)) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileError(path: path, reason: "it is a directory")
        }
        return try readAll(fd, path: path, limit: limit)
    }

    /// Reads until the end or `limit + 1` bytes.
    private static func readAll(_ fd: Int32, path: String, limit: Int) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, reason: reason(errno))
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// A secret's file: a regular file of at most `limit` bytes.
    public static func readSecretFile(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
        try readRegularFile(path, limit: limit, what: "a secret")
    }

    /// A regular file of at most `limit` bytes, whole or not at all. Opened without blocking,
    /// so a FIFO (or a device) named by mistake is refused instead of hanging the build, and
    /// a larger file is refused instead of cut.
    public static func readRegularFile(_ path: String, limit: Int, what: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, reason: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, reason: reason(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileError(path: path, reason: "it is not a regular file (a FIFO, device or folder cannot hold \(what))")
        }
        let tooLarge = FileError(path: path, reason: "it is larger than \(limit / 1024) KiB, too large to be \(what)")
        guard Int(info.st_size) <= limit else { throw tooLarge }
        // The same descriptor that was checked: the path cannot be swapped for a FIFO meanwhile.
        let bytes = try readAll(fd, path: path, limit: limit)
        guard bytes.count <= limit else { throw tooLarge }
        return bytes
    }

    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The folder part of a path (`.` for a bare file name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `file` as a path from the folder `from`, both taken from the working directory when
    /// relative (`..` and `.` resolved by name, not through links): what a file in `from` names
    /// `file` by, wherever the two are moved together.
    public static func relativePath(to file: String, from folder: String, workingDirectory: String) -> String {
        func parts(_ path: String) -> [Substring] {
            var out: [Substring] = []
            for part in ((path.hasPrefix("/") ? "" : workingDirectory + "/") + path).split(separator: "/") {
                if part == ".." { _ = out.popLast() } else if part != "." { out.append(part) }
            }
            return out
        }
        let target = parts(file), base = parts(folder)
        let common = zip(target, base).prefix { $0 == $1 }.count
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...].map(String.init)).joined(separator: "/")
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }

    /// Replaces a file's contents atomically, for `lint --fix`: through a private temporary
    /// file (mkstemp, beside the file) renamed over it. A symbolic link is followed and its
    /// target edited; owner and mode are kept; a read-only or hard-linked file is refused
    /// (a rename would bypass the one and split the other); and the file must still hold
    /// `expecting`, the bytes the fixes were computed from, or nothing is written.
    public static func replace(_ path: String, with bytes: [UInt8], expecting: [UInt8]) throws(FileError) {
        guard let resolved = realpath(path, nil) else { throw FileError(path: path, reason: reason(errno)) }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(target, &info) == 0 else { throw FileError(path: path, reason: reason(errno)) }
        guard (info.st_mode & 0o222) != 0, access(target, W_OK) == 0 else {
            throw FileError(path: path, reason: "it is read-only; make it writable to fix it")
        }
        guard info.st_nlink <= 1 else {
            throw FileError(path: path, reason: "it has \(info.st_nlink) hard links, which replacing it would split; fix a copy")
        }
        var template = Array("\(directory(of: target))/.\(target.split(separator: "/").last ?? "file").wfc-fix-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw FileError(path: path, reason: "cannot create a temporary file beside it: \(reason(errno))") }
        let temporary = String(decoding: template.map { UInt8(bitPattern: $0) }.prefix { $0 != 0 }, as: UTF8.self)
        func fail(_ why: String) -> FileError {
            close(fd)
            unlink(temporary)
            return FileError(path: path, reason: why)
        }
        guard writeAll(fd, bytes), fsync(fd) == 0 else { throw fail(reason(errno)) }
        // The owner first (it clears set-id bits), then the mode; a non-root user cannot give
        // a file away, which only matters when the owner differs, so that failure counts then.
        if fchown(fd, info.st_uid, info.st_gid) != 0, info.st_uid != geteuid() || info.st_gid != getegid() {
            throw fail("cannot keep its owner: \(reason(errno))")
        }
        guard fchmod(fd, info.st_mode & 0o7777) == 0 else { throw fail(reason(errno)) }
        // Another editor may have saved the file while wfc worked: never overwrite that.
        guard let now = try? read(target), now == expecting else {
            throw fail("it changed while wfc was fixing it; run again")
        }
        guard rename(temporary, target) == 0 else { throw fail(reason(errno)) }
        close(fd)
    }

    /// Creates a new file; an existing one is an error, never overwritten.
    public static func create(_ path: String, contents bytes: [UInt8]) throws(FileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FileError(path: path, reason: errno == EEXIST ? "it exists already (wfc init never overwrites)" : reason(errno))
        }
        defer { close(fd) }
        guard writeAll(fd, bytes) else { throw FileError(path: path, reason: reason(errno)) }
    }

    /// Writes every byte, retrying short and interrupted writes; false on an error.
    public static func writeAll<Bytes: Collection>(_ fd: Int32, _ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        let result = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        return result ?? writeAll(fd, Array(bytes))
    }

    /// Reads an input for a command, or prints why it cannot and says the command could
    /// not run.
    public static func readInput(_ path: String) -> [UInt8]? {
        do {
            return try read(path, limit: Limits.standard.maxBytes)
        } catch {
            _ = writeAll(STDERR_FILENO, "error: cannot read \(error)\n".utf8)
            return nil
        }
    }
}
