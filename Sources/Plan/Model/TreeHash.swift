import SourceTree

/// The identity of a tree's content: SHA-256 over every file's path and bytes in path order.
/// A working directory and a Git revision with the same files hash equally, which a Git tree id
/// would not give (it also covers modes and files the tree listing leaves out).
public enum TreeHash {
    /// Each file contributes `path NUL length NUL bytes`: lengths make the framing unambiguous.
    public static func compute(_ tree: SourceTree) throws(SourceTreeError) -> String {
        var digest = StreamingDigest()
        for path in tree.files {
            let bytes = try tree.contents(of: path)
            digest.update(path)
            digest.update([0])
            digest.update(String(bytes.count))
            digest.update([0])
            digest.update(bytes)
        }
        return digest.finalized()
    }
}
