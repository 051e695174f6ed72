/// Arithmetic on repo-relative paths ('/'-separated, no leading slash, "" for the root), for
/// references found in manifests such as kustomization `resources` or Flux `spec.path`.
public enum RepositoryPath {
    /// Joins `reference` to `directory` and normalises '.', '..' and repeated slashes.
    /// A reference that climbs above the root, or an absolute one (which names a place on the
    /// machine, not in the repository), is `.outsideRoot(reference)`.
    public static func resolve(_ reference: String, relativeTo directory: String) -> Result<String, SourceTreeError> {
        if reference.hasPrefix("/") { return .failure(.outsideRoot(reference)) }
        var stack: [Substring] = []
        for part in directory.split(separator: "/") + reference.split(separator: "/") {
            switch part {
            case ".":
                continue
            case "..":
                if stack.popLast() == nil { return .failure(.outsideRoot(reference)) }
            default:
                stack.append(part)
            }
        }
        return .success(stack.joined(separator: "/"))
    }

    /// The directory holding `path`: "" for a top-level entry (and for the root itself).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The last component of a path: the file or directory name.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `a/b`, without a stray slash when either side is empty or already has one.
    public static func join(_ a: String, _ b: String) -> String {
        let head = a.hasSuffix("/") ? String(a.dropLast()) : a
        let tail = b.hasPrefix("/") ? String(b.dropFirst()) : b
        if head.isEmpty { return tail }
        if tail.isEmpty { return head }
        return head + "/" + tail
    }

    /// Under or at a dot-directory such as `.archive/`, which Flux bootstraps never point at.
    public static func isHidden(_ directory: String) -> Bool {
        directory.split(separator: "/").contains { $0.hasPrefix(".") }
    }
}
