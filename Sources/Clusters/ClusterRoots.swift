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

    public init(name: String, path: String, bootstrap: FluxKustomizationSpec? = nil, repositoryURL: String? = nil) {
        self.name = name
        self.path = path
        self.bootstrap = bootstrap ?? FluxKustomizationSpec(
            name: "flux-system", namespace: "flux-system", path: path,
            sourceRef: ObjectKey(kind: "GitRepository", namespace: "flux-system", name: "flux-system"))
        self.repositoryURL = repositoryURL
    }
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
        return named(deduplicated(found))
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
            } else if object["kind"]?.text == "FluxInstance",
                      (object["apiVersion"]?.text ?? "").hasPrefix("fluxcd.controlplane.io/"),
                      let sync = object[path: ["spec", "sync"]], let path = sync["path"]?.text {
                let namespace = object[path: ["metadata", "namespace"]]?.text ?? "flux-system"
                let name = sync["name"]?.text ?? namespace
                let spec = FluxKustomizationSpec(name: name, namespace: namespace, path: path,
                    sourceRef: ObjectKey(kind: sync["kind"]?.text ?? "GitRepository", namespace: namespace, name: name),
                    origin: object.origin)
                roots.append(ClusterRoot(name: "", path: SourcePath.join("", path), bootstrap: spec, repositoryURL: sync["url"]?.text))
            }
        }
        return roots
    }

    /// A cheap filter before parsing: bootstrap files name `flux-system` or `FluxInstance`.
    private static func mentionsBootstrap(_ bytes: [UInt8]) -> Bool {
        bytes.firstRange(of: Array("flux-system".utf8)) != nil || bytes.firstRange(of: Array("FluxInstance".utf8)) != nil
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
    private static func named(_ roots: [ClusterRoot]) -> [ClusterRoot] {
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
