#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Snapshots a directory on disk into a RawTree with lstat/readlink only: no symlink is
/// followed here, so nothing outside the root is touched while listing.
enum DirectoryScanner {
    static func scan(root: String) throws(SourceTreeError) -> RawTree {
        var tree = RawTree()
        var pending = [""]
        while let directory = pending.popLast() {
            let names: [String]
            switch readDirectory(absolute(root, directory)) {
            case .failure(let failure):
                if directory.isEmpty { throw .unreadable(root, reason: failure.reason) }
                tree.entries[directory] = .unreadable(failure.reason)
                continue
            case .success(let found):
                names = found
            }
            var kept: [String] = []
            // Git never stores '.git' entries, so skipping them keeps both modes identical.
            for name in names where name != "." && name != ".." && name != ".git" {
                let path = joinPath(directory, name)
                guard let entry = inspect(absolute(root, path)) else { continue }
                if case .directory = entry {
                    // A nested repository is a submodule or an unrelated clone: Git records it as a
                    // commit (or not at all), so its files are not part of this tree.
                    if exists(absolute(root, joinPath(path, ".git"))) { continue }
                    pending.append(path)
                } else {
                    tree.entries[path] = entry
                }
                kept.append(name)
            }
            tree.entries[directory] = .directory(kept.sorted())
        }
        return tree
    }

    private static func absolute(_ root: String, _ path: String) -> String {
        path.isEmpty ? root : root + "/" + path
    }

    private struct Failure: Error {
        let reason: String
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// What one entry is, or nil for kinds Git cannot store (FIFOs, sockets, devices): reading a
    /// FIFO would block, and they are never manifests.
    private static func inspect(_ path: String) -> RawEntry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .unreadable(errorText()) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return .directory([])
        case S_IFREG:
            // Opening now turns a permission problem into a listing diagnostic, not a later surprise.
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return .unreadable(errorText()) }
            close(fd)
            return .file
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(path, &buffer, buffer.count)
            guard count >= 0 else { return .unreadable(errorText()) }
            return .symlink(String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        default:
            return nil
        }
    }

    private static func readDirectory(_ path: String) -> Result<[String], Failure> {
        guard let handle = opendir(path) else { return .failure(Failure(reason: errorText())) }
        defer { closedir(handle) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            names.append(name)
        }
        return errno == 0 ? .success(names) : .failure(Failure(reason: errorText()))
    }
}
