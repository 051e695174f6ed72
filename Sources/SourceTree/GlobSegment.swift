/// One '/'-free piece of a glob, matched against one path component with fnmatch rules:
/// `*` any run, `?` one character, `[a-z]`/`[!a]`/`[^a]` classes, `\` escapes the next character.
/// Works on Unicode scalars, as Go's `filepath.Match` works on runes.
public struct GlobSegment: Sendable, Hashable {
    let pattern: [Unicode.Scalar]
    let isDoubleStar: Bool
    let containsDoubleStar: Bool
    let isEmpty: Bool

    public init<S: StringProtocol>(_ text: S) {
        pattern = Array(text.unicodeScalars)
        isDoubleStar = text == "**"
        containsDoubleStar = text.contains("**")
        isEmpty = text.isEmpty
    }

    public func matches<S: StringProtocol>(_ name: S) -> Bool {
        let name = Array(name.unicodeScalars)
        var p = 0, n = 0
        // Where to retry after the last '*' if the rest fails: classic single-star backtracking,
        // linear in practice and never exponential.
        var retry: (p: Int, n: Int)?
        while n < name.count {
            if p < pattern.count, pattern[p] == "*" {
                p += 1
                retry = (p, n)
                continue
            }
            if p < pattern.count, let next = advance(p, over: name[n]) {
                p = next
                n += 1
                continue
            }
            guard let star = retry else { return false }
            retry = (star.p, star.n + 1)
            p = star.p
            n = star.n + 1
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The pattern index after matching one character at `p`, or nil when it does not match.
    private func advance(_ p: Int, over c: Unicode.Scalar) -> Int? {
        switch pattern[p] {
        case "?": return p + 1
        case "\\": return p + 1 < pattern.count && pattern[p + 1] == c ? p + 2 : nil
        case "[": return matchClass(from: p, c)
        default: return pattern[p] == c ? p + 1 : nil
        }
    }

    /// Matches a bracket class; an unclosed class is malformed and matches nothing.
    private func matchClass(from start: Int, _ c: Unicode.Scalar) -> Int? {
        var i = start + 1
        var negated = false
        if i < pattern.count, pattern[i] == "!" || pattern[i] == "^" {
            negated = true
            i += 1
        }
        var found = false
        var first = true
        while i < pattern.count {
            if pattern[i] == "]", !first { return found != negated ? i + 1 : nil }
            first = false
            var low = pattern[i]
            if low == "\\", i + 1 < pattern.count {
                i += 1
                low = pattern[i]
            }
            var high = low
            if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                i += 2
                high = pattern[i]
            }
            if low <= c, c <= high { found = true }
            i += 1
        }
        return nil
    }
}
