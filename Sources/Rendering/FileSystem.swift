import SourceTree

/// The files a build may read. Paths are repository-relative ('/'-separated, "" is the root).
public protocol RenderFileSystem: Sendable {
    func isFile(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    func read(_ path: String) throws(RenderError) -> [UInt8]
    /// Immediate children of a directory (full paths), sorted.
    func children(of directory: String) -> [String]
}

/// A `SourceTree` (working directory or Git revision) as a build's file system.
public final class TreeFileSystem: RenderFileSystem {
    public let tree: SourceTree
    private let childIndex: [String: [String]]

    public init(tree: SourceTree) {
        self.tree = tree
        var index: [String: [String]] = [:]
        for path in tree.files { index[RepositoryPath.parent(of: path), default: []].append(path) }
        for path in tree.directories where !path.isEmpty { index[RepositoryPath.parent(of: path), default: []].append(path) }
        for key in index.keys { index[key]?.sort() }
        childIndex = index
    }

    public func isFile(_ path: String) -> Bool { tree.isFile(path) }
    public func isDirectory(_ path: String) -> Bool { path.isEmpty || tree.isDirectory(path) }

    public func read(_ path: String) throws(RenderError) -> [UInt8] {
        do {
            return try tree.contents(of: path)
        } catch {
            throw RenderError(.missing, "\(error)")
        }
    }

    public func children(of directory: String) -> [String] { childIndex[directory] ?? [] }
}
