import CSupport
import Glibc  // wfc runs where its outputs run: Linux (netfilter, nginx, systemd)
import WFCEmit

public struct WriteError: Error, CustomStringConvertible {
    public let description: String
}

/// Writes a build atomically: everything goes into a temporary folder beside the output
/// folder, which then takes the output's place in one rename (an exchange where the old
/// output exists), so the output is always either the old complete build or the new one.
public enum OutputWriter {
    /// The file that marks a folder as wfc's own output, safe to replace.
    public static let marker = ".wfc-output"
    static let markerText = "This folder is written by `wfc build` and replaced whole on every build.\n"

    /// `input`: the topology's path, which the output folder must not hold: replacing the
    /// folder would delete it.
    public static func write(_ artifacts: [Artifact], to output: String, force: Bool, input: String? = nil) throws(WriteError) {
        var out = output
        while out.count > 1, out.hasSuffix("/") { out.removeLast() }
        let parent = FileSystem.directory(of: out)
        let base = String(out.split(separator: "/").last ?? "build")
        var info = stat()
        let exists = lstat(out, &info) == 0
        if exists {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw WriteError(description: "`\(out)` exists and is not a folder")
            }
            if let input, let held = realPath(input), let folder = realPath(out),
                held == folder || held.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
            {
                throw WriteError(
                    description:
                        "refusing to replace `\(out)`: it holds the topology `\(input)`, which replacing the folder would delete (even with --force); choose another --out"
                )
            }
            let entries = self.entries(out)
            if !force, access(out + "/" + marker, F_OK) != 0, !entries.isEmpty {
                let shown = entries.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (entries.count > 5 ? " and \(entries.count - 5) more" : "")
                throw WriteError(
                    description:
                        "refusing to replace `\(out)`: it was not written by wfc (no \(marker) in it) and holds \(shown); --force would delete all of it; choose another --out"
                )
            }
        }
        try makeDirectories(parent)
        // In a folder anyone may write to, another user could swap the build for their own
        // between two steps; the sticky bit (as on /tmp) stops that.
        var parentInfo = stat()
        if stat(parent, &parentInfo) == 0, parentInfo.st_mode & S_IWOTH != 0, parentInfo.st_mode & S_ISVTX == 0 {
            throw WriteError(
                description:
                    "refusing to write into `\(parent)`: anyone may write there and it has no sticky bit, so another user could replace the build; choose another --out"
            )
        }
        removeStaleTemporaries(in: parent, base: base)
        // A fresh private folder of an unpredictable name (mkdtemp, 0700); its name keeps the
        // pid so that a killed build's leftovers can be told from a running one's.
        var template = Array("\(parent)/.\(base).wfc-\(getpid())-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw failure("cannot create a temporary folder in `\(parent)`") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(WriteError) {
            for artifact in artifacts {
                try writeFile(temporary + "/" + artifact.path, artifact.contents, mode: artifact.mode)
            }
            try writeFile(temporary + "/" + marker, markerText, mode: 0o644)
            // Private while it was written; an output folder like any other once complete.
            guard chmod(temporary, 0o755) == 0 else { throw failure("cannot set the mode of `\(temporary)`") }
            if exists {
                if wfc_exchange_paths(temporary, out) != 0 {
                    // No atomic exchange here: move the old output aside, then the new one in.
                    let old = temporary + "-old"
                    guard rename(out, old) == 0 else { throw failure("cannot move `\(out)` aside") }
                    guard rename(temporary, out) == 0 else {
                        let reason = failure("cannot move the new build to `\(out)`")
                        _ = rename(old, out)
                        throw reason
                    }
                    removeTree(old)
                }
                removeTree(temporary)
            } else {
                guard rename(temporary, out) == 0 else { throw failure("cannot create `\(out)`") }
            }
        } catch {
            removeTree(temporary)
            throw error
        }
    }

    private static func failure(_ what: String) -> WriteError {
        WriteError(description: "\(what): \(String(cString: strerror(errno)))")
    }

    private static func makeDirectory(_ path: String) throws(WriteError) {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw failure("cannot create `\(path)`") }
    }

    /// `mkdir -p`.
    private static func makeDirectories(_ path: String) throws(WriteError) {
        var folder = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            folder += "/" + part
            if access(folder, F_OK) != 0 { try makeDirectory(folder) }
        }
    }

    private static func writeFile(_ path: String, _ contents: String, mode: UInt32) throws(WriteError) {
        try makeDirectories(FileSystem.directory(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw failure("cannot write `\(path)`") }
        defer { close(fd) }
        // The umask must not widen or narrow what the artifact asks for (0600 for secrets).
        guard fchmod(fd, mode_t(mode)) == 0 else { throw failure("cannot set the mode of `\(path)`") }
        guard FileSystem.writeAll(fd, contents.utf8), fsync(fd) == 0 else { throw failure("cannot write `\(path)`") }
    }

    /// The names in a folder, sorted, without `.` and `..`.
    private static func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A killed build leaves `.<base>.wfc-<pid>-<random>` (it may hold secrets), or that name
    /// with `-old`, beside the output: remove those whose process is gone. Only names of this
    /// exact form.
    static func removeStaleTemporaries(in parent: String, base: String) {
        let prefix = ".\(base).wfc-"
        for name in entries(parent) where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isNumber }
            let tail = rest.dropFirst(digits.count)
            guard !digits.isEmpty, tail.hasPrefix("-"), tail.count == 7 || (tail.count == 11 && tail.hasSuffix("-old")),
                let pid = Int32(digits), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            removeTree(parent + "/" + name)
        }
    }

    /// `rm -rf` without following symbolic links.
    static func removeTree(_ path: String) {
        _ = wfc_remove_tree(path)
    }
}
