import SourceTree

/// Files and subdirectories per directory, built once from the tree's sorted file list,
/// with Flux's artifact ignore rules (defaults plus every `.sourceignore`) applied.
struct DirectoryIndex {
    private(set) var files: [String: [String]] = [:]
    private(set) var subdirectories: [String: [String]] = [:]
    private let ignores: [IgnoreRules]

    init(repository: ParsedRepository) {
        var rules = [IgnoreRules.fluxDefaults]
        for path in repository.tree.files where path == ".sourceignore" || path.hasSuffix("/.sourceignore") {
            if let bytes = try? repository.tree.contents(of: path) {
                rules.append(IgnoreRules(parsing: String(decoding: bytes, as: UTF8.self), base: RepositoryPath.parent(of: path)))
            }
        }
        ignores = rules
        var seenDirectories: Set<String> = [""]
        for path in repository.tree.files {
            let parent = RepositoryPath.parent(of: path)
            files[parent, default: []].append(path)
            var child = parent
            while !child.isEmpty, seenDirectories.insert(child).inserted {
                let up = RepositoryPath.parent(of: child)
                subdirectories[up, default: []].append(child)
                child = up
            }
        }
        for key in subdirectories.keys { subdirectories[key]?.sort() }
    }

    func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        ignores.contains { $0.isIgnored(path, isDirectory: isDirectory) }
    }
}

extension KustomizeTraversal {
    /// Flux's generated kustomization for a path without one: every `.yaml`/`.yml` file below it,
    /// except that a subdirectory with its own kustomization file is built as one resource.
    func generatedMembers(of directory: String, index: DirectoryIndex) -> [Member] {
        var members: [Member] = []
        for file in index.files[directory] ?? [] where isManifestName(file) && !index.isIgnored(file, isDirectory: false) {
            members.append(Member(file: file))
        }
        for sub in index.subdirectories[directory] ?? [] where !index.isIgnored(sub, isDirectory: true) {
            if kustomizationFile(in: sub) != nil {
                members += expand(directory: sub)
            } else {
                members += generatedMembers(of: sub, index: index)
            }
        }
        return members
    }

    /// Argo CD's directory source: the YAML files of one directory, or of all below it with `recurse`.
    func directoryMembers(of directory: String, recurse: Bool, index: DirectoryIndex) -> [Member] {
        var members = (index.files[directory] ?? []).filter(isManifestName).map { Member(file: $0) }
        if recurse {
            for sub in index.subdirectories[directory] ?? [] {
                members += directoryMembers(of: sub, recurse: true, index: index)
            }
        }
        return members
    }

    private func isManifestName(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml")
    }
}
