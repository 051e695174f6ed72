import CGit2

/// A commit's tree as a RawTree, plus the blob id behind every regular file so that contents
/// can be loaded once the listing says which ones are needed.
struct GitSnapshot {
    var tree = RawTree()
    var blobs: [String: git_oid] = [:]
}

/// Reads a tree object recursively without a checkout. Symlink blobs hold their target text,
/// which becomes a `.symlink` entry so the shared resolver treats it as on disk.
enum GitTreeScanner {
    static func scan(_ root: OpaquePointer, in repository: OpaquePointer) -> GitSnapshot {
        var snapshot = GitSnapshot()
        var pending: [(oid: git_oid, path: String)] = []
        scanEntries(of: root, at: "", repository: repository, into: &snapshot, pending: &pending)
        while let (oid, path) = pending.popLast() {
            var id = oid
            var subtree: OpaquePointer?
            guard git_tree_lookup(&subtree, repository, &id) == 0, let subtree else {
                snapshot.tree.entries[path] = .unreadable(gitLastErrorMessage())
                continue
            }
            defer { git_tree_free(subtree) }
            scanEntries(of: subtree, at: path, repository: repository, into: &snapshot, pending: &pending)
        }
        return snapshot
    }

    private static func scanEntries(
        of tree: OpaquePointer, at directory: String, repository: OpaquePointer,
        into snapshot: inout GitSnapshot, pending: inout [(oid: git_oid, path: String)]
    ) {
        var names: [String] = []
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry),
                  let id = git_tree_entry_id(entry) else { continue }
            let name = String(cString: rawName)
            guard isSafeTreeEntryName(name) else { continue }
            let path = joinPath(directory, name)
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                pending.append((id.pointee, path))
            case GIT_FILEMODE_LINK:
                snapshot.tree.entries[path] = linkEntry(id, repository: repository)
            case GIT_FILEMODE_COMMIT:
                // A submodule: its files live in another repository, as Flux sees it by default.
                continue
            default:
                guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { continue }
                snapshot.tree.entries[path] = .file
                snapshot.blobs[path] = id.pointee
            }
            names.append(name)
        }
        snapshot.tree.entries[directory] = .directory(names.sorted())
    }

    private static func linkEntry(_ id: UnsafePointer<git_oid>, repository: OpaquePointer) -> RawEntry {
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repository, id) == 0, let blob else {
            return .unreadable(gitLastErrorMessage())
        }
        defer { git_blob_free(blob) }
        let bytes = UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
        return .symlink(String(decoding: bytes, as: UTF8.self))
    }
}
