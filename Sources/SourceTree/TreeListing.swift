import Diagnostics

/// The result of listing a snapshot: each listed path with the real path its bytes come from
/// (they differ for files reached through symlinks), and what went wrong on the way.
struct Listing {
    var files: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
}

/// One directory on the path from the root to the directory being listed. Walking the chain
/// tells whether a directory link points back at a directory we are already inside.
private final class DirectoryChain {
    let real: String
    let parent: DirectoryChain?
    let linkDepth: Int

    init(real: String, parent: DirectoryChain?, linkDepth: Int) {
        self.real = real
        self.parent = parent
        self.linkDepth = linkDepth
    }

    func contains(_ real: String) -> Bool {
        var node: DirectoryChain? = self
        while let current = node {
            if current.real == real { return true }
            node = current.parent
        }
        return false
    }
}

extension RawTree {
    /// Lists every file reachable from the root, following symlinks that stay inside it.
    func list(excluding globs: [PathGlob]) -> Listing {
        var walker = ListingWalker(tree: self, globs: globs)
        walker.run()
        return walker.listing
    }
}

/// Depth-first over an explicit stack, so a deep tree cannot overflow the call stack.
private struct ListingWalker {
    let tree: RawTree
    let globs: [PathGlob]
    var listing = Listing()
    var work: [(listed: String, chain: DirectoryChain)] = [("", DirectoryChain(real: "", parent: nil, linkDepth: 0))]
    var linkedEntries = 0
    /// Real paths of links already reported as too deep: fan-out can reach one link along
    /// thousands of listed paths, and one finding per link says all there is to say.
    var tooDeepLinks: Set<String> = []

    init(tree: RawTree, globs: [PathGlob]) {
        self.tree = tree
        self.globs = globs
    }

    mutating func run() {
        while let (listedDir, chain) = work.popLast() {
            guard case .directory(let names)? = tree.entries[chain.real] else { continue }
            for name in names {
                let listed = joinPath(listedDir, name)
                if chain.linkDepth > 0, !spendLinkBudget(at: listed) { break }
                visit(listed, real: joinPath(chain.real, name), in: chain)
            }
        }
    }

    private mutating func visit(_ listed: String, real: String, in chain: DirectoryChain) {
        switch tree.entries[real] {
        case .file?:
            if !excluded(listed, isDirectory: false) { listing.files[listed] = real }
        case .directory?:
            if !excluded(listed, isDirectory: true) {
                work.append((listed, DirectoryChain(real: real, parent: chain, linkDepth: chain.linkDepth)))
            }
        case .symlink(let target)?:
            if !excluded(listed, isDirectory: false) { follow(listed, real: real, target: target, in: chain) }
        case .unreadable(let reason)?:
            if !excluded(listed, isDirectory: false) { report(.fileUnreadable, listed, "cannot read '\(listed)': \(reason)") }
        case nil:
            break
        }
    }

    /// Lists a link as the file or directory it resolves to inside the root, or reports why not.
    /// Messages name the target path but never anything read from outside the root.
    private mutating func follow(_ listed: String, real: String, target: String, in chain: DirectoryChain) {
        let link = "symbolic link '\(listed)' points to '\(target)'"
        switch tree.resolveLink(target: target, inDirectory: chain.real) {
        case .file(let resolved):
            listing.files[listed] = resolved
        case .directory(let resolved):
            if excluded(listed, isDirectory: true) { return }
            if chain.contains(resolved) {
                report(.fileUnreadable, listed, "\(link), a directory that contains the link; it is not followed, to avoid a loop")
            } else if chain.linkDepth >= Limits.maxLinkDepth {
                guard tooDeepLinks.insert(real).inserted else { return }
                report(.fileUnreadable, listed, "\(link) inside \(Limits.maxLinkDepth) nested directory links; it is not followed")
            } else {
                work.append((listed, DirectoryChain(real: resolved, parent: chain, linkDepth: chain.linkDepth + 1)))
            }
        case .escapes:
            report(.symlinkEscape, listed, "\(link), outside the repository root; it is not followed")
        case .dangling:
            report(.fileUnreadable, listed, "\(link), which does not exist in the repository (a dangling link)")
        case .loop:
            report(.fileUnreadable, listed, "\(link), which cannot be resolved: too many levels of symbolic links (a loop)")
        case .unreadable(let reason):
            report(.fileUnreadable, listed, "\(link), which cannot be read: \(reason)")
        }
    }

    /// Counts one entry beneath a directory link. Past the budget it reports once, and from then
    /// on nothing beneath a directory link is listed; entries reached without one still are.
    private mutating func spendLinkBudget(at listed: String) -> Bool {
        linkedEntries += 1
        if linkedEntries <= Limits.maxEntriesThroughLinks { return true }
        if linkedEntries == Limits.maxEntriesThroughLinks + 1 {
            report(.fileUnreadable, listed, "more than \(Limits.maxEntriesThroughLinks) entries are reachable through directory symbolic links; the rest are not listed")
        }
        return false
    }

    private func excluded(_ path: String, isDirectory: Bool) -> Bool {
        globs.contains { $0.matches(path, isDirectory: isDirectory) }
    }

    private mutating func report(_ rule: RuleID, _ path: String, _ message: String) {
        listing.diagnostics.append(Diagnostic(rule: rule, message: message, at: .startOf(path)))
    }
}
