/// Where a symlink's target leads inside a snapshot.
enum LinkResolution: Equatable {
    case file(String)
    case directory(String)
    case escapes
    case dangling
    case loop
    case unreadable(String)
}

extension RawTree {
    /// Resolves a target the way the kernel would, but only inside the snapshot: each component
    /// is looked up here, links met on the way are expanded, and '..' at the root is an escape
    /// rather than a step into the real parent. Nothing outside the root is ever consulted.
    func resolveLink(target: String, inDirectory directory: String) -> LinkResolution {
        var stack = directory.split(separator: "/").map(String.init)
        var pending: [String] = []
        var hops = 0
        var next: String? = target
        while true {
            if let text = next {
                // Absolute targets name a place on the machine that made the link, never repository
                // content (Flux clones elsewhere), so they leave the root even if they happen to point back.
                if text.hasPrefix("/") { return .escapes }
                if text.isEmpty { return .dangling }
                pending.append(contentsOf: text.split(separator: "/").map(String.init).reversed())
                next = nil
            }
            guard let name = pending.popLast() else { break }
            if name == "." { continue }
            if name == ".." {
                if stack.popLast() == nil { return .escapes }
                continue
            }
            let path = (stack + [name]).joined(separator: "/")
            switch entries[path] {
            case nil:
                return .dangling
            case .file?:
                // A file followed by more components is ENOTDIR for the kernel: nothing there.
                return pending.isEmpty ? .file(path) : .dangling
            case .directory?:
                stack.append(name)
            case .symlink(let inner)?:
                hops += 1
                if hops > Limits.maxLinkHops { return .loop }
                next = inner
            case .unreadable(let reason)?:
                return .unreadable(reason)
            }
        }
        return .directory(stack.joined(separator: "/"))
    }
}
