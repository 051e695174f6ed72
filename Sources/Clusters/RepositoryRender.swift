import Rendering
import SourceTree

/// Discovery for a whole repository. Cluster roots come first; then the unit objects no root
/// reaches. Those are applied from outside Git (a bootstrap script, `kubectl apply`, a Flux
/// Operator whose values live elsewhere), so the ones no other unit renders become the entry
/// points of a cluster of their own, one per directory that holds them.
extension Discovery {
    public func renderRepository(_ roots: [ClusterRoot]) -> [ClusterRender] {
        var clusters = render(roots)
        let covered = Set(clusters.flatMap { $0.units.flatMap(Self.files(of:)) })
        // With a bootstrap in the repository, Flux Kustomizations it does not reach are dead
        // definitions (archives, examples); Argo CD Applications are still applied by hand.
        var candidates = UnitObjects.find(in: fileSystem).filter { !covered.contains($0.origin?.file ?? "") }
        if !roots.isEmpty { candidates.removeAll { FluxKustomizationSpec.isKustomization($0) } }
        guard !candidates.isEmpty else { return clusters }

        // A trial render of every candidate shows which of them other candidates render.
        let trial = render(seededRoots(candidates, knownURLs: roots.compactMap(\.repositoryURL)))
        var owners: [String: Set<String>] = [:]
        for unit in trial.flatMap(\.units) {
            guard let own = unit.origin?.file else { continue }
            for file in Self.files(of: unit) where file != own { owners[file, default: []].insert(own) }
        }
        var seeds = candidates.filter { owners[$0.origin?.file ?? ""] == nil }
        // As Flux liveness: when some unowned Kustomizations own others, unowned leaves beside
        // them are definitions nothing applies.
        let treeRoots = Set(owners.values.flatMap { $0 })
        if seeds.contains(where: { FluxKustomizationSpec.isKustomization($0) && treeRoots.contains($0.origin?.file ?? "") }) {
            seeds.removeAll { FluxKustomizationSpec.isKustomization($0) && !treeRoots.contains($0.origin?.file ?? "") }
        }
        clusters += render(seededRoots(seeds, knownURLs: roots.compactMap(\.repositoryURL)))
        return clusters
    }

    /// The files whose objects a unit applies, and the file that declares it.
    static func files(of unit: RenderedUnit) -> [String] {
        unit.resources.resources.compactMap { $0.node.origin?.file } + [unit.origin?.file].compactMap { $0 }
    }

    /// One cluster per directory holding seeds, named after it.
    /// `knownURLs` are this repository's URLs from bootstraps found in it.
    func seededRoots(_ seeds: [Node], knownURLs: [String] = []) -> [ClusterRoot] {
        var byDirectory: [String: [Node]] = [:]
        for seed in seeds { byDirectory[RepositoryPath.parent(of: seed.origin?.file ?? ""), default: []].append(seed) }
        let urls = Array(Set(inferredRepositoryURLs(seeds) + knownURLs)).sorted()
        let roots = byDirectory.keys.sorted().map { directory in
            let group = byDirectory[directory] ?? []
            // A seed Kustomization's source is this repository when the repository does not declare it.
            let sources = Set(group.compactMap { seed -> ObjectKey? in
                guard FluxKustomizationSpec.isKustomization(seed),
                      let spec = try? FluxKustomizationSpec(object: seed, defaultNamespace: "flux-system") else { return nil }
                return spec.sourceRef
            })
            return ClusterRoot(name: "", directory: directory, seeds: group, selfSources: sources, repositoryURLs: urls)
        }
        return ClusterRoots.named(roots)
    }

    /// Git URLs the seed Applications render that are this repository: with no remote to ask,
    /// a URL is taken as this repository when every Application using it names a path that exists here.
    private func inferredRepositoryURLs(_ seeds: [Node]) -> [String] {
        var pathsExist: [String: Bool] = [:]
        let applications = seeds.flatMap { seed -> [Node] in
            ApplicationSetExpansion.isApplicationSet(seed) ? ((try? ApplicationSetExpansion.applications(from: seed)) ?? []) : [seed]
        }
        for seed in applications where ArgoApplicationSpec.isApplication(seed) {
            guard let spec = try? ArgoApplicationSpec(object: seed), !spec.path.isEmpty else { continue }
            let exists = fileSystem.isDirectory(SourcePath.join("", spec.path))
            pathsExist[spec.repoURL] = (pathsExist[spec.repoURL] ?? true) && exists
        }
        return pathsExist.filter(\.value).keys.sorted()
    }
}

/// Flux Kustomization, Argo CD Application and ApplicationSet objects anywhere in the repository, outside
/// dot-directories and Helm chart templates.
enum UnitObjects {
    static func find(in fileSystem: any RenderFileSystem) -> [Node] {
        var found: [Node] = []
        for file in ClusterRoots.yamlFiles(in: fileSystem)
        where !RepositoryPath.isHidden(RepositoryPath.parent(of: file)) && !file.split(separator: "/").dropLast().contains("templates") {
            guard let bytes = try? fileSystem.read(file), mentionsUnit(bytes),
                  let documents = try? Kustomization.parseDocuments(bytes, path: file) else { continue }
            found += documents.filter {
                FluxKustomizationSpec.isKustomization($0) || ArgoApplicationSpec.isApplication($0) || ApplicationSetExpansion.isApplicationSet($0)
            }
        }
        return found
    }

    private static func mentionsUnit(_ bytes: [UInt8]) -> Bool {
        ByteSearch.containsAny(bytes, ["kustomize.toolkit.fluxcd.io", "argoproj.io"])
    }
}
