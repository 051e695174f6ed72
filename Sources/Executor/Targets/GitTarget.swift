import CGit2
import Foundation
import Plan

/// The rendered-manifests pattern: the plan's hydrated files (`HydratedLayout`) committed to a
/// branch with libgit2, one commit per apply, the source revision in the message. The working
/// tree and index are never touched; an apply that changes nothing makes no commit.
public enum GitTarget {
    public struct Result: Sendable {
        /// The branch tip after the apply.
        public var commit: String
        /// False when the branch already held exactly these files.
        public var committed: Bool
        public var files: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func commit(_ plan: PlanDocument, repository path: String, branch: String) throws(Failure) -> Result {
        git_libgit2_init()
        defer { git_libgit2_shutdown() }
        var repository: OpaquePointer?
        guard git_repository_open_ext(&repository, path, 0, nil) == 0, let repository else {
            throw Failure(description: "\(path) is not inside a Git repository: \(lastError())")
        }
        defer { git_repository_free(repository) }
        guard git_reference_is_valid_name("refs/heads/" + branch) == 1 else { throw Failure(description: "invalid branch name \(branch)") }
        let files = HydratedLayout.files(for: plan)
        var tree = try writeTree(files, in: repository)

        var parent: OpaquePointer?
        var parentOID = git_oid()
        if git_reference_name_to_id(&parentOID, repository, "refs/heads/" + branch) == 0 {
            guard git_commit_lookup(&parent, repository, &parentOID) == 0 else { throw Failure(description: "cannot read \(branch): \(lastError())") }
        }
        defer { if let parent { git_commit_free(parent) } }
        if let parent, let parentTree = git_commit_tree_id(parent), git_oid_equal(parentTree, &tree) == 1 {
            return Result(commit: hex(parentOID), committed: false, files: files.count)
        }
        var treeObject: OpaquePointer?
        guard git_tree_lookup(&treeObject, repository, &tree) == 0, let treeObject else { throw Failure(description: "tree: \(lastError())") }
        defer { git_tree_free(treeObject) }
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_now(&signature, "shipshape", "shipshape@localhost") == 0, let signature else {
            throw Failure(description: "signature: \(lastError())")
        }
        defer { git_signature_free(signature) }
        let revision = plan.source.commit ?? plan.source.requestedRevision ?? "working tree"
        let message = "shipshape apply: hydrated manifests of \(revision)\n\nSource tree \(plan.source.treeHash).\n"
        var commit = git_oid()
        var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
        let status = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&commit, repository, "refs/heads/" + branch, signature, signature, "UTF-8", message, treeObject,
                              buffer.count, buffer.baseAddress)
        }
        guard status == 0 else { throw Failure(description: "commit to \(branch): \(lastError())") }
        return Result(commit: hex(commit), committed: true, files: files.count)
    }

    /// Nested trees built bottom-up from `path → contents`.
    private static func writeTree(_ files: [String: String], in repository: OpaquePointer) throws(Failure) -> git_oid {
        var blobs: [String: String] = [:]
        var directories: [String: [String: String]] = [:]
        for (path, contents) in files {
            if let slash = path.firstIndex(of: "/") {
                directories[String(path[..<slash]), default: [:]][String(path[path.index(after: slash)...])] = contents
            } else {
                blobs[path] = contents
            }
        }
        var builder: OpaquePointer?
        guard git_treebuilder_new(&builder, repository, nil) == 0, let builder else { throw Failure(description: "tree: \(lastError())") }
        defer { git_treebuilder_free(builder) }
        for name in blobs.keys.sorted() {
            var oid = git_oid()
            let bytes = Array((blobs[name] ?? "").utf8)
            guard bytes.withUnsafeBytes({ git_blob_create_from_buffer(&oid, repository, $0.baseAddress, $0.count) }) == 0,
                  git_treebuilder_insert(nil, builder, name, &oid, GIT_FILEMODE_BLOB) == 0 else {
                throw Failure(description: "\(name): \(lastError())")
            }
        }
        for name in directories.keys.sorted() {
            var oid = try writeTree(directories[name] ?? [:], in: repository)
            guard git_treebuilder_insert(nil, builder, name, &oid, GIT_FILEMODE_TREE) == 0 else {
                throw Failure(description: "\(name): \(lastError())")
            }
        }
        var tree = git_oid()
        guard git_treebuilder_write(&tree, builder) == 0 else { throw Failure(description: "tree: \(lastError())") }
        return tree
    }

    private static func hex(_ oid: git_oid) -> String {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, buffer.count, &copy)
        return String(cString: buffer)
    }

    private static func lastError() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "unknown libgit2 error" }
        return String(cString: message)
    }
}
