import SourceTree
import Rendering

/// One cluster a repository deploys: the directory Flux renders first and the Kustomization
/// that renders it (the bootstrap `flux-system`, the one a FluxInstance creates, or a stand-in).
public struct ClusterRoot: Sendable {
    public var name: String
    /// The directory Flux renders first, repository-relative.
    public var path: String
    /// The Kustomization that applies `path`; it usually manages itself from inside it.
    public var bootstrap: FluxKustomizationSpec
    /// The URL of the bootstrap GitRepository, when the repository declares it.
    public var repositoryURL: String?
    /// Where the bootstrap source's artifact root sits in this repository: "" for a Git source,
    /// a subdirectory for an OCI artifact pushed from one (`flux push artifact --path ./kubernetes`).
    public var sourceRoot = ""
    /// For a cluster bootstrapped outside Git: the unit objects applied by hand or by another
    /// tool, rendered first in place of `bootstrap`.
    public var seeds: [Node] = []
    /// Sources that read this repository besides the bootstrap's own (the `flux-system`
    /// GitRepository a seed Kustomization names without the repository declaring it).
    public var selfSources: Set<ObjectKey> = []

    public init(name: String, path: String, bootstrap: FluxKustomizationSpec? = nil, repositoryURL: String? = nil) {
        self.name = name
        self.path = path
        self.bootstrap = bootstrap ?? FluxKustomizationSpec(
            name: "flux-system", namespace: "flux-system", path: path,
            sourceRef: ObjectKey(kind: "GitRepository", namespace: "flux-system", name: "flux-system"))
        self.repositoryURL = repositoryURL
    }

    /// A cluster whose entry points are the unit objects `seeds`, found in `directory`.
    public init(name: String, directory: String, seeds: [Node], selfSources: Set<ObjectKey>, repositoryURLs: [String]) {
        self.init(name: name, path: directory)
        self.seeds = seeds
        self.selfSources = selfSources
        self.repositoryURL = repositoryURLs.first
        self.extraRepositoryURLs = Array(repositoryURLs.dropFirst())
    }

    /// More URLs taken to name this repository (inferred for seeded clusters).
    public var extraRepositoryURLs: [String] = []
}

/// Finds cluster roots: Flux bootstraps (`flux-system` GitRepository + Kustomization, as in
/// `gotk-sync.yaml`), Flux Operator `FluxInstance`s with `spec.sync.path`, and paths the user names.
public enum ClusterRoots {
    public static func find(in fileSystem: any RenderFileSystem, extraPaths: [String] = []) -> [ClusterRoot] {
        var found: [ClusterRoot] = []
        for file in yamlFiles(in: fileSystem) {
            guard let bytes = try? fileSystem.read(file), mentionsBootstrap(bytes),
                  let documents = try? Kustomization.parseDocuments(bytes, path: file) else { continue }
            found += roots(in: documents)
        }
        // `flux bootstrap` writes <cluster>/flux-system/gotk-components.yaml; when its sync file
        // is a placeholder (templates, examples), that directory still marks a cluster root.
        let declared = Set(found.map(\.path))
        for file in yamlFiles(in: fileSystem) where file.hasSuffix("flux-system/gotk-components.yaml") {
            let cluster = RepositoryPath.parent(of: RepositoryPath.parent(of: file))
            if !declared.contains(cluster) { found.append(ClusterRoot(name: "", path: cluster)) }
        }
        for path in extraPaths {
            found.append(ClusterRoot(name: "", path: SourcePath.join("", path)))
        }
        return named(deduplicated(found.map { locatingArtifactRoot($0, in: fileSystem) }))
    }

    /// A sync path that does not exist from the repository root belongs to an artifact pushed
    /// from a subdirectory: the root is the shortest directory under which the path exists.
    static func locatingArtifactRoot(_ root: ClusterRoot, in fileSystem: any RenderFileSystem) -> ClusterRoot {
        guard !root.path.isEmpty, !fileSystem.isDirectory(root.path) else { return root }
        var pending = [""]
        var matches: [String] = []
        while let directory = pending.popLast() {
            for child in fileSystem.children(of: directory) where fileSystem.isDirectory(child) {
                if child.hasSuffix("/" + root.path) { matches.append(String(child.dropLast(root.path.count + 1))) }
                if !RepositoryPath.isHidden(child) { pending.append(child) }
            }
        }
        guard let prefix = matches.min(by: { ($0.count, $0) < ($1.count, $1) }) else { return root }
        var copy = root
        copy.sourceRoot = prefix
        copy.path = SourcePath.join(prefix, root.path)
        return copy
    }

    /// Roots declared by the objects of one file.
    static func roots(in documents: [Node]) -> [ClusterRoot] {
        var roots: [ClusterRoot] = []
        let repositories = documents.filter { $0["kind"]?.text == "GitRepository" }
        for object in documents {
            if FluxKustomizationSpec.isKustomization(object),
               let spec = try? FluxKustomizationSpec(object: object, defaultNamespace: "flux-system"),
               spec.name == "flux-system", spec.sourceRef.kind == "GitRepository", spec.sourceRef.name == "flux-system" {
                let url = repositories.first { $0[path: ["metadata", "name"]]?.text == spec.sourceRef.name }?[path: ["spec", "url"]]?.text
                roots.append(ClusterRoot(name: "", path: SourcePath.join("", spec.path), bootstrap: spec, repositoryURL: url))
            } else if let sync = instanceSync(of: object) ?? valuesSync(of: object), let path = sync["path"]?.text {
                let namespace = object[path: ["metadata", "namespace"]]?.text ?? "flux-system"
                let name = sync["name"]?.text ?? namespace
                let spec = FluxKustomizationSpec(name: name, namespace: namespace, path: path,
                    sourceRef: ObjectKey(kind: sync["kind"]?.text ?? "GitRepository", namespace: namespace, name: name),
                    origin: sync.origin ?? object.origin)
                roots.append(ClusterRoot(name: "", path: SourcePath.join("", path), bootstrap: spec, repositoryURL: sync["url"]?.text))
            }
        }
        return roots
    }

    /// `instance.sync` of a flux-instance chart values file (fed to the HelmRelease through a
    /// generated ConfigMap): a document that is not an object.
    static func valuesSync(of document: Node) -> Node? {
        guard document["kind"] == nil, document["apiVersion"] == nil else { return nil }
        return document[path: ["instance", "sync"]]
    }

    /// `spec.sync` of a FluxInstance, or `instance.sync` in the values of a HelmRelease of the
    /// flux-instance chart, which renders a FluxInstance in the release's namespace.
    static func instanceSync(of object: Node) -> Node? {
        let kind = object["kind"]?.text
        let apiVersion = object["apiVersion"]?.text ?? ""
        if kind == "FluxInstance" && apiVersion.hasPrefix("fluxcd.controlplane.io/") {
            return object[path: ["spec", "sync"]]
        }
        if kind == "HelmRelease" && apiVersion.hasPrefix("helm.toolkit.fluxcd.io/") {
            return object[path: ["spec", "values", "instance", "sync"]]
        }
        return nil
    }

    /// A cheap filter before parsing: bootstrap files name `flux-system`, `FluxInstance` or its chart.
    private static func mentionsBootstrap(_ bytes: [UInt8]) -> Bool {
        ByteSearch.containsAny(bytes, ["flux-system", "FluxInstance", "flux-instance", "instance:"])
    }

    static func yamlFiles(in fileSystem: any RenderFileSystem) -> [String] {
        var files: [String] = []
        var pending = [""]
        while let directory = pending.popLast() {
            for child in fileSystem.children(of: directory) {
                if fileSystem.isDirectory(child) {
                    pending.append(child)
                } else if child.hasSuffix(".yaml") || child.hasSuffix(".yml") {
                    files.append(child)
                }
            }
        }
        return files.sorted()
    }

    /// One root per path; a bootstrap found in the repository wins over a bare path.
    private static func deduplicated(_ roots: [ClusterRoot]) -> [ClusterRoot] {
        var byPath: [String: ClusterRoot] = [:]
        for root in roots where byPath[root.path] == nil || byPath[root.path]?.bootstrap.origin == nil {
            if byPath[root.path] != nil && root.bootstrap.origin == nil { continue }
            byPath[root.path] = root
        }
        return byPath.values.sorted { $0.path < $1.path }
    }

    /// The directory's last component, or the whole path where two roots would share a name.
    static func named(_ roots: [ClusterRoot]) -> [ClusterRoot] {
        func short(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? "root" }
        var counts: [String: Int] = [:]
        for root in roots { counts[short(root.path), default: 0] += 1 }
        return roots.map { root in
            var copy = root
            let name = short(root.path)
            copy.name = counts[name] == 1 ? name : (root.path.isEmpty ? "root" : root.path)
            return copy
        }
    }
}
