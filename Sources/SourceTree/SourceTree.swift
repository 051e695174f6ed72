import Diagnostics

/// A repository's files at one point in time: a working directory or a Git revision.
/// Paths are relative to the repository root, '/'-separated, without a leading "./".
/// Nothing outside the root is ever listed or read.
///
/// Build one with `SourceTree.workingDirectory(at:excluding:)` or
/// `SourceTree.gitRevision(_:in:excluding:)`; both give identical listings for the same content.
public final class SourceTree: Sendable {
    /// Human-readable origin: the directory, or "REV (commit abc1234) of DIR".
    public let origin: String
    /// The commit id when the tree was read from Git, nil for a working directory.
    public let commit: String?
    /// Every regular file (and every symlink that resolves to a file inside the root), sorted by path.
    public let files: [String]
    /// Every directory that contains a listed file at any depth, including "" for the root.
    public let directories: Set<String>
    /// Problems found while listing (symlinks that leave the root, unreadable entries), sorted.
    public let diagnostics: [Diagnostic]

    private let fileSet: Set<String>
    private let reader: any FileContentReader

    init(origin: String, commit: String?, files: [String], diagnostics: [Diagnostic], reader: any FileContentReader) {
        self.origin = origin
        self.commit = commit
        self.files = files.sorted()
        self.fileSet = Set(files)
        var dirs: Set<String> = [""]
        for file in files {
            var path = Substring(file)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                if !dirs.insert(String(path)).inserted { break }
            }
        }
        self.directories = dirs
        self.diagnostics = diagnostics.sorted()
        self.reader = reader
    }

    public func isFile(_ path: String) -> Bool { fileSet.contains(path) }
    public func isDirectory(_ path: String) -> Bool { directories.contains(path) }
    public func exists(_ path: String) -> Bool { isFile(path) || isDirectory(path) }

    /// The bytes of a listed file. Safe to call from many tasks at once.
    public func contents(of path: String) throws(SourceTreeError) -> [UInt8] {
        guard fileSet.contains(path) else { throw .notFound(path) }
        return try reader.contents(of: path)
    }
}

/// Reads file bytes for a `SourceTree`; implementations must be safe to call concurrently.
protocol FileContentReader: Sendable {
    func contents(of path: String) throws(SourceTreeError) -> [UInt8]
}

public enum SourceTreeError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case outsideRoot(String)
    case unreadable(String, reason: String)
    case notARepository(String, reason: String)
    case unknownRevision(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let p): return "no such file in the tree: \(p)"
        case .outsideRoot(let p): return "path leaves the repository root: \(p)"
        case .unreadable(let p, let r): return "cannot read \(p): \(r)"
        case .notARepository(let p, let r): return "\(p) is not a Git repository: \(r)"
        case .unknownRevision(let rev, let r): return "unknown revision \(rev): \(r)"
        }
    }
}
