import SourceTree

/// Where a source's artifact root sits in this repository. A Git source's root is the repository
/// root, but an OCI artifact is often pushed from a subdirectory (`flux push artifact --path
/// ./kubernetes`), and nothing in the repository says which. The root is inferred from the units:
/// the directory under which the most of their paths exist, preferring the repository root.
struct SourceRoots {
    private var roots: [String: String] = [:]

    init(paths: [String: [String]], tree: SourceTree?) {
        guard let tree else { return }
        for (source, list) in paths {
            let unique = Set(list.filter { !$0.isEmpty })
            let atRoot = unique.filter { tree.isDirectory($0) }.count
            guard atRoot < unique.count else { continue }
            var votes: [String: Int] = [:]
            for path in unique where !tree.isDirectory(path) {
                for directory in tree.directories where directory.hasSuffix("/" + path) {
                    votes[String(directory.dropLast(path.count + 1)), default: 0] += 1
                }
            }
            if let best = votes.max(by: { ($0.value, $1.key.count) < ($1.value, $0.key.count) }), best.value > atRoot {
                roots[source] = best.key
            }
        }
    }

    func root(of source: String, default fallback: String) -> String {
        roots[source] ?? fallback
    }
}
