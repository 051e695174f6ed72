/// Line diffs in unified format (`diff -u`), by Myers' O(ND) algorithm after trimming the common
/// prefix and suffix. Past `maximumEdits` it gives up on a minimal script and reports the middle
/// as replaced: plan manifests can be CRDs of thousands of lines.
public enum UnifiedDiff {
    enum Edit: Equatable {
        case same(String), removed(String), added(String)
    }

    static let maximumEdits = 2000

    /// The unified diff of `old` and `new` (each split into lines), with `context` lines around
    /// each change; empty when they are equal.
    public static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let edits = self.edits(lines(old), lines(new))
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(edits, context: context) { out += hunk }
        return out
    }

    /// Lines added and removed.
    public static func counts(old: String, new: String) -> (added: Int, removed: Int) {
        var added = 0, removed = 0
        for edit in edits(lines(old), lines(new)) {
            switch edit {
            case .added: added += 1
            case .removed: removed += 1
            case .same: break
            }
        }
        return (added, removed)
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        let middle = myers(a, b) ?? (a.map(Edit.removed) + b.map(Edit.added))
        return old[..<prefix].map(Edit.same) + middle + old[(old.count - suffix)...].map(Edit.same)
    }

    /// The shortest edit script, or nil when it needs more than `maximumEdits` edits.
    private static func myers(_ a: [String], _ b: [String]) -> [Edit]? {
        let n = a.count, m = b.count
        if n == 0 { return b.map(Edit.added) }
        if m == 0 { return a.map(Edit.removed) }
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break outer }
            }
        }
        guard found else { return nil }
        // Walk the trace back from (n, m).
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                edits.append(.same(a[x - 1]))
                x -= 1; y -= 1
            }
            if d > 0 {
                if x == previousX { edits.append(.added(b[y - 1])) } else { edits.append(.removed(a[x - 1])) }
            }
            x = previousX; y = previousY
        }
        return edits.reversed()
    }

    private static func hunks(_ edits: [Edit], context: Int) -> [String] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard let first = changed.first else { return [] }
        // Group changes whose context windows touch.
        var groups: [(Int, Int)] = []
        var start = first, end = first
        for index in changed.dropFirst() {
            if index - end > 2 * context { groups.append((start, end)); start = index }
            end = index
        }
        groups.append((start, end))

        // Line numbers before each edit.
        var oldLine = [Int](), newLine = [Int]()
        var o = 1, n = 1
        for edit in edits {
            oldLine.append(o); newLine.append(n)
            switch edit {
            case .same: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        return groups.map { group in
            let lower = max(0, group.0 - context), upper = min(edits.count - 1, group.1 + context)
            var body = "", oldCount = 0, newCount = 0
            for edit in edits[lower...upper] {
                switch edit {
                case .same(let line): body += " \(line)\n"; oldCount += 1; newCount += 1
                case .removed(let line): body += "-\(line)\n"; oldCount += 1
                case .added(let line): body += "+\(line)\n"; newCount += 1
                }
            }
            // `diff -u` numbers an empty side from the line before it.
            let oldStart = oldCount == 0 ? oldLine[lower] - 1 : oldLine[lower]
            let newStart = newCount == 0 ? newLine[lower] - 1 : newLine[lower]
            return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
        }
    }
}
