#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads working-directory files on demand. Stateless, so any number of tasks may call it.
struct DiskReader: FileContentReader {
    let root: String
    /// Listed path to the real path whose bytes it shows (they differ for symlinked files).
    let realPaths: [String: String]

    func contents(of path: String) throws(SourceTreeError) -> [UInt8] {
        guard let real = realPaths[path] else { throw .notFound(path) }
        let fd = try openBelowRoot(real, listedAs: path)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(path, reason: "not a regular file any more")
        }
        if Int(info.st_size) > Limits.maxFileSize { throw .unreadable(path, reason: Limits.maxFileSizeReason) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            // The file may have grown since fstat; the limit holds for what is actually read.
            if bytes.count > Limits.maxFileSize { throw .unreadable(path, reason: Limits.maxFileSizeReason) }
        }
    }

    /// Opens the file one component at a time with O_NOFOLLOW, so a symlink swapped in after
    /// listing cannot redirect the read outside the root.
    private func openBelowRoot(_ real: String, listedAs path: String) throws(SourceTreeError) -> Int32 {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let components = real.split(separator: "/").map(String.init)
        for (index, name) in components.enumerated() {
            guard fd >= 0 else { break }
            let isLast = index == components.count - 1
            let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (isLast ? 0 : O_DIRECTORY)
            let next = openat(fd, name, flags)
            close(fd)
            fd = next
        }
        guard fd >= 0 else { throw .unreadable(path, reason: String(cString: strerror(errno))) }
        return fd
    }
}
