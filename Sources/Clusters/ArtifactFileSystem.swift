import Diagnostics
import Rendering
import SourceTree

/// The files of an ExternalArtifact that a Flux ArtifactGenerator (`source.extensions.fluxcd.io`)
/// composes by copying paths out of other sources, with source-watcher's cp-like rules:
/// - `@src/dir` (no glob) copies the directory itself: `to/dir/…`;
/// - `@src/file` copies into `to/` when `to` ends in a slash (or names a copied directory), else to `to`;
/// - `@src/dir/**` copies the directory's contents: `to/…`;
/// - any other glob matches one path segment per pattern segment and keeps the matched path: `to/<match>/…`;
/// - `exclude` globs drop files, matched against the source path and the path below the pattern's literal prefix.
/// Later copies overwrite earlier ones. Paths are artifact-relative; `repositoryPath(of:)` maps a
/// file back to where it is written in this repository, for diagnostics.
public struct ArtifactFileSystem: RenderFileSystem {
    public struct Copy: Sendable {
        public var from: String
        public var to: String
        public var exclude: [String]

        public init(from: String, to: String, exclude: [String] = []) {
            self.from = from
            self.to = to
            self.exclude = exclude
        }
    }

    /// Artifact path → repository path.
    private var files: [String: String] = [:]
    private var childIndex: [String: Set<String>] = [:]
    private let base: any RenderFileSystem
    /// Shared engines key on this: what the artifact copies from where.
    public let identity: String
    /// The ExternalArtifact, for messages.
    public let name: String

    /// `sources` maps each alias to its file system and its artifact root in this repository.
    public init(identity: String, name: String, copies: [Copy], sources: [String: (files: any RenderFileSystem, root: String)],
                base: any RenderFileSystem) throws(RenderError) {
        self.identity = identity
        self.name = name
        self.base = base
        for copy in copies {
            try apply(copy, sources: sources)
        }
    }

    private mutating func apply(_ copy: Copy, sources: [String: (files: any RenderFileSystem, root: String)]) throws(RenderError) {
        guard copy.from.hasPrefix("@"), let slash = copy.from.firstIndex(of: "/") else {
            throw RenderError(.invalid, "ArtifactGenerator copy source '\(copy.from)' must have the form '@alias/path'")
        }
        let alias = String(copy.from[copy.from.index(after: copy.from.startIndex)..<slash])
        let pattern = String(copy.from[copy.from.index(after: slash)...])
        guard copy.to.hasPrefix("@artifact/") else {
            throw RenderError(.invalid, "ArtifactGenerator copy destination '\(copy.to)' must start with '@artifact/'")
        }
        let destination = SourcePath.join("", String(copy.to.dropFirst("@artifact/".count)))
        guard let source = sources[alias] else {
            throw RenderError(.missing, "ArtifactGenerator source alias '\(alias)' is not declared or not in this repository")
        }
        let excludes = copy.exclude.map(PathGlob.init)
        let segments = pattern.split(separator: "/").map(String.init)
        let literal = segments.prefix { !Self.isGlob($0) }.joined(separator: "/")
        func excluded(_ relative: String) -> Bool {
            let below = literal.isEmpty ? relative : (relative.hasPrefix(literal + "/") ? String(relative.dropFirst(literal.count + 1)) : relative)
            return excludes.contains { $0.matches(relative) || $0.matches(below) }
        }
        let files = source.files
        func repositoryPath(_ relative: String) -> String { SourcePath.join(source.root, relative) }

        if !segments.contains(where: Self.isGlob) {
            let relative = segments.joined(separator: "/")
            let path = repositoryPath(relative)
            if files.isDirectory(path) {
                copyTree(path, relative: relative, into: SourcePath.join(destination, segments.last ?? ""), files: files, root: source.root, excluded: excluded)
            } else if files.isFile(path) {
                if excluded(relative) { return }
                let name = segments.last ?? relative
                let target = copy.to.hasSuffix("/") || isDirectory(destination) ? SourcePath.join(destination, name) : destination
                add(target, repositoryPath: path)
            } else {
                throw RenderError(.missing, "ArtifactGenerator copy: source '\(relative)' does not exist in '\(alias)'")
            }
            return
        }
        // fs.Glob semantics: one path segment per pattern segment, `**` included.
        var matches = [source.root]
        for segment in segments {
            let glob = GlobSegment(segment)
            matches = matches.flatMap { directory in
                files.children(of: directory).filter { glob.matches(RepositoryPath.lastComponent(of: $0)) }
            }
        }
        for match in matches.sorted() {
            let relative = source.root.isEmpty ? match : String(match.dropFirst(source.root.count + 1))
            if excluded(relative) { continue }
            var target = SourcePath.join(destination, relative)
            if pattern.hasSuffix("/**"), relative.hasPrefix(String(pattern.dropLast(3)) + "/") {
                target = SourcePath.join(destination, String(relative.dropFirst(pattern.count - 2)))
            }
            if files.isDirectory(match) {
                copyTree(match, relative: relative, into: target, files: files, root: source.root, excluded: excluded)
            } else {
                add(target, repositoryPath: match)
            }
        }
    }

    private mutating func copyTree(_ directory: String, relative: String, into target: String, files: any RenderFileSystem,
                                   root: String, excluded: (String) -> Bool) {
        addDirectory(target)
        for child in files.children(of: directory) {
            let name = RepositoryPath.lastComponent(of: child)
            let childRelative = SourcePath.join(relative, name)
            if excluded(childRelative) { continue }
            if files.isDirectory(child) {
                copyTree(child, relative: childRelative, into: SourcePath.join(target, name), files: files, root: root, excluded: excluded)
            } else {
                add(SourcePath.join(target, name), repositoryPath: child)
            }
        }
    }

    private mutating func add(_ path: String, repositoryPath: String) {
        files[path] = repositoryPath
        addDirectory(RepositoryPath.parent(of: path))
        childIndex[RepositoryPath.parent(of: path), default: []].insert(path)
    }

    private mutating func addDirectory(_ path: String) {
        var current = path
        while !current.isEmpty {
            let parent = RepositoryPath.parent(of: current)
            let (inserted, _) = childIndex[parent, default: []].insert(current)
            if childIndex[current] == nil { childIndex[current] = [] }
            if !inserted { break }
            current = parent
        }
        if childIndex[""] == nil { childIndex[""] = [] }
    }

    static func isGlob(_ segment: String) -> Bool { segment.contains { "*?[]".contains($0) } }

    /// Where an artifact file is written in this repository.
    public func repositoryPath(of path: String) -> String? { files[path] }

    public func isFile(_ path: String) -> Bool { files[path] != nil }
    public func isDirectory(_ path: String) -> Bool { path.isEmpty || (childIndex[path] != nil && files[path] == nil) }

    public func read(_ path: String) throws(RenderError) -> [UInt8] {
        guard let original = files[path] else {
            throw RenderError(.missing, "'\(path)' is not in \(name)")
        }
        return try base.read(original)
    }

    public func children(of directory: String) -> [String] { (childIndex[directory] ?? []).sorted() }

    /// Rewrites artifact paths in origins to the repository files they were copied from.
    public func locating(_ node: Node) -> Node {
        var copy = node
        if let origin = copy.origin, let original = files[origin.file] {
            copy.origin = Origin(file: original, line: origin.line, column: origin.column, changedBy: origin.changedBy)
        }
        switch copy.value {
        case .scalar: break
        case .sequence(let items): copy.value = .sequence(items.map(locating))
        case .mapping(let entries):
            copy.value = .mapping(entries.map { Node.Entry(key: $0.key, value: locating($0.value)) })
        }
        return copy
    }

    /// Maps the error's position to the repository and says which artifact its paths are in.
    public func locating(_ error: RenderError) -> RenderError {
        var copy = error
        copy.message += " (paths inside \(name))"
        if let location = error.location, let original = files[location.file] {
            copy.location = SourceLocation(file: original, line: location.line, column: location.column)
        }
        return copy
    }
}
