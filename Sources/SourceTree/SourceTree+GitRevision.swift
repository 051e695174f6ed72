import CGit2

extension SourceTree {
    /// The files of one revision of a Git repository (normal or bare), read from the object
    /// database without a checkout. Any revision `git rev-parse` accepts works: "HEAD", a
    /// branch, a tag, a short id, "HEAD~1". Contents are read eagerly, so the tree holds no
    /// libgit2 handle and reading is thread-safe.
    public static func gitRevision(_ revision: String, in repositoryPath: String, excluding: [String] = []) throws(SourceTreeError) -> SourceTree {
        // Reference counted; declared first so its defer runs after every object is freed.
        git_libgit2_init()
        defer { git_libgit2_shutdown() }

        var repository: OpaquePointer?
        let flags = UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
        guard git_repository_open_ext(&repository, repositoryPath, flags, nil) == 0, let repository else {
            throw .notARepository(repositoryPath, reason: gitLastErrorMessage())
        }
        defer { git_repository_free(repository) }

        var object: OpaquePointer?
        guard git_revparse_single(&object, repository, revision) == 0, let object else {
            throw .unknownRevision(revision, reason: gitLastErrorMessage())
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else {
            throw .unknownRevision(revision, reason: gitLastErrorMessage())
        }
        defer { git_object_free(commit) }
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commit) == 0, let tree else {
            throw .unknownRevision(revision, reason: gitLastErrorMessage())
        }
        defer { git_tree_free(tree) }

        let commitID = git_object_id(commit).map(gitHex) ?? ""
        let snapshot = GitTreeScanner.scan(tree, in: repository)
        let listing = snapshot.tree.list(excluding: excluding.map(PathGlob.init))
        return SourceTree(
            origin: "\(revision) (commit \(commitID.prefix(7))) of \(repositoryPath)",
            commit: commitID,
            files: Array(listing.files.keys),
            diagnostics: listing.diagnostics,
            reader: BlobReader.load(listing.files, from: snapshot, repository: repository)
        )
    }
}
