extension SourceTree {
    /// The files of a directory on disk, `.git` excluded. Symlinks are resolved inside the
    /// directory only; links that leave it or dangle are reported, never followed.
    public static func workingDirectory(at path: String, excluding: [String] = []) throws(SourceTreeError) -> SourceTree {
        let snapshot = try DirectoryScanner.scan(root: path)
        let listing = snapshot.list(excluding: excluding.map(PathGlob.init))
        return SourceTree(
            origin: path,
            commit: nil,
            files: Array(listing.files.keys),
            diagnostics: listing.diagnostics,
            reader: DiskReader(root: path, realPaths: listing.files)
        )
    }
}
