/// One entry of a snapshot before any symlink is followed.
enum RawEntry: Sendable, Equatable {
    case file
    /// Child names, sorted so that every listing is deterministic.
    case directory([String])
    /// The link's target text exactly as stored (on disk or as a Git blob).
    case symlink(String)
    /// Why the entry could not be read; it is reported and never listed.
    case unreadable(String)
}

/// What a working directory or a Git tree holds, keyed by real repo-relative path ("" is the
/// root). Both modes build one of these and share a single listing algorithm, which is what
/// makes their files, directories and diagnostics identical for identical content.
struct RawTree: Sendable {
    var entries: [String: RawEntry] = [:]
}

/// Joins repo-relative paths without introducing a leading slash for the root.
func joinPath(_ directory: String, _ name: String) -> String {
    directory.isEmpty ? name : directory + "/" + name
}
