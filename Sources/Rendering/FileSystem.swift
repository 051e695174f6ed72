import Foundation
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
        contents.lock.lock()
        let cached = contents.bytes[path]
        contents.lock.unlock()
        if let cached { return cached }
        do {
            let bytes = try tree.contents(of: path)
            contents.lock.lock()
            contents.bytes[path] = bytes
            contents.lock.unlock()
            return bytes
        } catch {
            throw RenderError(.missing, "\(error)")
        }
    }

    /// Root finding, unit discovery and every build of every cluster read the same files:
    /// each is read from disk once.
    private final class Contents: @unchecked Sendable {
        let lock = NSLock()
        var bytes: [String: [UInt8]] = [:]
    }

    private let contents = Contents()

    public func children(of directory: String) -> [String] { childIndex[directory] ?? [] }
}
