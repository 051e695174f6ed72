import Rendering
import SourceTree

/// The files of one Flux source as the controllers see them: only what lies under the source's
/// directory (kustomize-controller jails builds to the artifact), minus what source-controller
/// leaves out of the artifact (its default exclusions or the GitRepository's `spec.ignore`,
/// plus every `.sourceignore` file).
public struct SourceFileSystem: RenderFileSystem {
    public let base: any RenderFileSystem
    /// Repository-relative directory that is the artifact's root ("" for the whole repository).
    public let root: String
    public let ignoreRules: IgnoreRules
    /// Equal for two file systems over the same artifact with the same ignore settings, so a
    /// builder may share one engine (and its rendered bases) between them; nil when unknown.
    public private(set) var identity: String?

    /// Every file and directory of the artifact that the rules keep, decided once at creation:
    /// builds ask about the same paths thousands of times.
    private let visible: Visible

    private final class Visible: @unchecked Sendable {
        var files: Set<String> = []
        var directories: Set<String> = []
    }

    public init(base: any RenderFileSystem, root: String = "", ignoreRules: IgnoreRules) {
        self.base = base
        self.root = root
        self.ignoreRules = ignoreRules
        let visible = Visible()
        if base.isDirectory(root) {
            visible.directories.insert(root)
            var pending = [root]
            while let directory = pending.popLast() {
                for child in base.children(of: directory) {
                    if base.isDirectory(child) {
                        guard !ignoreRules.isIgnored(child, isDirectory: true) else { continue }
                        visible.directories.insert(child)
                        pending.append(child)
                    } else if !ignoreRules.isIgnored(child, isDirectory: false) {
                        visible.files.insert(child)
                    }
                }
            }
        }
        self.visible = visible
    }

    /// Reads the `.sourceignore` files under `root`; `specIgnore` (a GitRepository's `spec.ignore`)
    /// replaces Flux's default exclusions when given.
    public init(base: any RenderFileSystem, root: String = "", specIgnore: String? = nil) {
        var rules = specIgnore == nil ? IgnoreRules.fluxDefaults : IgnoreRules(parsing: ".git/", base: root)
        var pending = [root]
        var ignoreFiles: [String] = []
        while let directory = pending.popLast() {
            for child in base.children(of: directory) {
                if base.isDirectory(child) {
                    if !rules.isIgnored(child, isDirectory: true) { pending.append(child) }
                } else if child.hasSuffix("/.sourceignore") || child == ".sourceignore" {
                    ignoreFiles.append(child)
                }
            }
        }
        // Shallower files first, so a nested `.sourceignore` can refine its parent's rules.
        ignoreFiles.sort { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
        for file in ignoreFiles {
            guard let bytes = try? base.read(file) else { continue }
            rules = rules.followed(by: IgnoreRules(parsing: String(decoding: bytes, as: UTF8.self), base: RepositoryPath.parent(of: file)))
        }
        if let specIgnore { rules = rules.followed(by: IgnoreRules(parsing: specIgnore, base: root)) }
        self.init(base: base, root: root, ignoreRules: rules)
        identity = root + "\u{0}" + (specIgnore ?? "\u{1}defaults")
    }

    /// Whether `path` is inside the artifact.
    public func contains(_ path: String) -> Bool {
        root.isEmpty || path == root || path.hasPrefix(root + "/")
    }

    public func isFile(_ path: String) -> Bool {
        visible.files.contains(path)
    }

    public func isDirectory(_ path: String) -> Bool {
        visible.directories.contains(path)
    }

    public func read(_ path: String) throws(RenderError) -> [UInt8] {
        guard isFile(path) else {
            throw RenderError(.missing, "'\(path)' is not in the source artifact (outside '\(root.isEmpty ? "/" : root)' or ignored)")
        }
        return try base.read(path)
    }

    public func children(of directory: String) -> [String] {
        base.children(of: directory).filter { isFile($0) || isDirectory($0) }
    }
}
