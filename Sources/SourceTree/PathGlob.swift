/// An exclusion pattern matched against repo-relative paths: `*` stays within one segment,
/// `**` spans any number of segments (including none), `?` and `[abc]` match one character.
/// A pattern without a slash matches a name at any depth, as in .gitignore; a leading or middle
/// slash anchors it to the root; a trailing slash restricts it to directories. A pattern that
/// matches a directory also matches everything under it.
public struct PathGlob: Sendable, Hashable {
    public let pattern: String
    private let segments: [GlobSegment]
    private let anchored: Bool
    private let directoryOnly: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = Substring(pattern)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        directoryOnly = text.hasSuffix("/")
        let parts = text.split(separator: "/")
        anchored = text.hasPrefix("/") || parts.count > 1
        segments = parts.map { GlobSegment($0) }
    }

    /// Whether the path, or one of the directories above it, matches.
    public func matches(_ path: String) -> Bool {
        matches(path, isDirectory: false)
    }

    /// With `isDirectory`, the path itself may satisfy a directory-only pattern.
    func matches(_ path: String, isDirectory: Bool) -> Bool {
        guard let first = segments.first else { return false }
        let names = path.split(separator: "/")
        // A directory-only pattern needs the matched prefix to be a directory: a strict prefix
        // always is, the whole path only when the caller says so.
        let longest = directoryOnly && !isDirectory ? names.count - 1 : names.count
        guard longest > 0 else { return false }
        if !anchored {
            return names[0..<longest].contains { first.matches($0) }
        }
        return matchedPrefixLengths(names).contains { $0 >= 1 && $0 <= longest }
    }

    /// Every number of leading path segments the whole pattern can consume. Tracking the set of
    /// reachable positions keeps `**` linear instead of backtracking.
    private func matchedPrefixLengths(_ names: [Substring]) -> Set<Int> {
        var reachable: Set<Int> = [0]
        for segment in segments {
            var next = Set<Int>()
            if segment.isDoubleStar {
                if let lowest = reachable.min() { next = Set(lowest...names.count) }
            } else {
                for position in reachable where position < names.count && segment.matches(names[position]) {
                    next.insert(position + 1)
                }
            }
            reachable = next
            if reachable.isEmpty { break }
        }
        return reachable
    }
}
