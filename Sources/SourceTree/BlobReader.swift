import CGit2

/// A blob's bytes, or why they are not available.
enum BlobContent: Sendable {
    case bytes([UInt8])
    case tooLarge
    case failed(String)
}

/// Serves file contents read eagerly from Git. Immutable after construction, so it is safe to
/// share between tasks without a lock, and no libgit2 handle outlives the constructor.
struct BlobReader: FileContentReader {
    /// Listed path to the real path whose bytes it shows (they differ for symlinked files).
    let realPaths: [String: String]
    let blobs: [String: BlobContent]

    func contents(of path: String) throws(SourceTreeError) -> [UInt8] {
        guard let real = realPaths[path], let blob = blobs[real] else { throw .notFound(path) }
        switch blob {
        case .bytes(let bytes): return bytes
        case .tooLarge: throw .unreadable(path, reason: Limits.maxFileSizeReason)
        case .failed(let reason): throw .unreadable(path, reason: reason)
        }
    }

    /// Loads the blobs behind `realPaths`, each once however many listed paths show it.
    /// Sizes come from the object header first, so an oversized blob is never inflated.
    static func load(_ realPaths: [String: String], from snapshot: GitSnapshot, repository: OpaquePointer) -> BlobReader {
        var database: OpaquePointer?
        guard git_repository_odb(&database, repository) == 0, let database else {
            let failure = BlobContent.failed(gitLastErrorMessage())
            return BlobReader(realPaths: realPaths, blobs: Dictionary(uniqueKeysWithValues: Set(realPaths.values).map { ($0, failure) }))
        }
        defer { git_odb_free(database) }
        var blobs: [String: BlobContent] = [:]
        for real in Set(realPaths.values) {
            guard var id = snapshot.blobs[real] else { continue }
            blobs[real] = read(&id, database: database, repository: repository)
        }
        return BlobReader(realPaths: realPaths, blobs: blobs)
    }

    private static func read(_ id: inout git_oid, database: OpaquePointer, repository: OpaquePointer) -> BlobContent {
        var size = 0
        var type = GIT_OBJECT_ANY
        guard git_odb_read_header(&size, &type, database, &id) == 0 else { return .failed(gitLastErrorMessage()) }
        if size > Limits.maxFileSize { return .tooLarge }
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repository, &id) == 0, let blob else { return .failed(gitLastErrorMessage()) }
        defer { git_blob_free(blob) }
        let bytes = UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
        return .bytes(Array(bytes))
    }
}
