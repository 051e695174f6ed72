import SourceTree

/// "Did you mean" suggestions: the closest candidate by edit distance, when it is close enough
/// to be a typo rather than a different name.
public enum Suggestions {
    public static func nearest(to target: String, in candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates where candidate != target {
            let distance = editDistance(target, candidate)
            if distance <= max(2, target.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func nearestDirectory(to target: String, in tree: SourceTree) -> String? {
        let siblings = tree.directories.filter { RepositoryPath.parent(of: $0) == RepositoryPath.parent(of: target) }
        return nearest(to: target, in: siblings.sorted())
    }

    /// Levenshtein distance over Unicode scalars, two rows of memory.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
