import Diagnostics
import Model
import SourceTree
import YAMLTree

/// Finds the units of a repository and the files each one applies.
public enum UnitResolver {
    public static func resolve(_ repository: ParsedRepository, sources: SourceMap = SourceMap()) -> UnitGraph {
        var resolver = Resolution(repository: repository, sources: sources)
        return resolver.run()
    }
}

private struct Resolution {
    let repository: ParsedRepository
    var sources: SourceMap
    let traversal: KustomizeTraversal
    let index: DirectoryIndex
    var units: [Unit] = []
    var diagnostics: [Diagnostic] = []
    var externalReported: Set<String> = []
    let generators: ArtifactGenerators
    var roots = SourceRoots(paths: [:], tree: nil)
    /// Findings about one unit, kept only if the unit turns out to be live.
    var unitFindings: [(unit: Int, diagnostic: Diagnostic)] = []

    init(repository: ParsedRepository, sources: SourceMap) {
        self.repository = repository
        self.sources = sources
        self.traversal = KustomizeTraversal(repository: repository)
        self.index = DirectoryIndex(repository: repository)
        self.generators = ArtifactGenerators(objects: repository.objects)
    }

    mutating func run() -> UnitGraph {
        var declared: [String: FluxSource] = [:]
        for case .fluxSource(let source) in repository.objects where declared[source.name] == nil {
            declared[source.name] = source
            if source.name == "flux-system", let url = source.url { sources.repositoryURLs.insert(SourceMap.normalise(url)) }
        }
        inferArgoRepositoryURLs()
        inferSourceRoots(declared: declared)
        for typed in repository.objects {
            switch typed {
            case .fluxKustomization(let ks): addFlux(ks, declared: declared)
            case .helmRelease(let hr):
                units.append(Unit(kind: .helmRelease, object: hr.object, namespace: hr.namespace, directory: nil,
                                  members: [], targetNamespace: hr.targetNamespace, parent: nil))
            case .argoApplication(let app): addArgo(app)
            default: break
            }
        }
        let owners = linkParents()
        Liveness.mark(&units)
        let all = diagnostics + unitFindings.filter { units[$0.unit].isLive }.map(\.diagnostic) + traversal.diagnostics
        var seen = Set<Diagnostic>()
        return UnitGraph(units: units, diagnostics: all.filter { seen.insert($0).inserted }, owners: owners)
    }

    /// An Argo CD repoURL is this repository when some Application reads an existing directory of it.
    private mutating func inferArgoRepositoryURLs() {
        for case .argoApplication(let app) in repository.objects {
            for source in app.sources {
                guard let url = source.repoURL, let path = source.path.map(Self.clean), !path.isEmpty else { continue }
                if repository.tree.isDirectory(path) { sources.repositoryURLs.insert(SourceMap.normalise(url)) }
            }
        }
    }

    /// The source and the path inside it that a Kustomization really reads, looking through
    /// ArtifactGenerator copies; nil when the path is not known before substitution.
    private func origin(of ks: FluxKustomization) -> (kind: String, name: String, path: String)? {
        guard let ref = ks.sourceRef else { return nil }
        let path = Self.clean(ks.path ?? "")
        guard !path.contains("${") else { return nil }
        if ref.kind == "ExternalArtifact", let mapped = generators.origin(ofPath: path, inArtifact: ref.name) { return mapped }
        return (ref.kind ?? "GitRepository", ref.name, path)
    }

    private mutating func inferSourceRoots(declared: [String: FluxSource]) {
        var paths: [String: [String]] = [:]
        for case .fluxKustomization(let ks) in repository.objects {
            guard let origin = origin(of: ks), sources.root(ofSource: origin.kind, name: origin.name, declared: declared) != nil else { continue }
            paths["\(origin.kind)/\(origin.name)", default: []].append(origin.path)
        }
        roots = SourceRoots(paths: paths, tree: repository.tree)
    }

    private mutating func addFlux(_ ks: FluxKustomization, declared: [String: FluxSource]) {
        var directory: String?
        var members: [Member] = []
        let pathNode = ks.object.spec?["path"]
        if let ref = ks.sourceRef, let origin = origin(of: ks) {
            if let base = sources.root(ofSource: origin.kind, name: origin.name, declared: declared) {
                let root = roots.root(of: "\(origin.kind)/\(origin.name)", default: base)
                switch RepositoryPath.resolve(origin.path, relativeTo: root) {
                case .failure:
                    report(.pathEscape, "spec.path \(ks.path ?? "") leaves the repository root", at: pathNode?.location ?? ks.object.location,
                           object: ks.object, fix: "use a path inside the repository")
                case .success(let target) where repository.tree.isDirectory(target):
                    directory = target
                    members = traversal.kustomizationFile(in: target) != nil
                        ? traversal.expand(directory: target, reachedFrom: pathNode?.location)
                        : traversal.generatedMembers(of: target, index: index)
                    members += components(of: ks, in: target)
                case .success(let target):
                    report(.unitPathMissing, "Kustomization \(ks.name) applies path \(ks.path ?? "") but \(target.isEmpty ? "." : target) is not a directory in the repository",
                           at: pathNode?.location ?? ks.object.location, object: ks.object,
                           fix: Suggestions.nearestDirectory(to: target, in: repository.tree).map { "did you mean \"\($0)\"?" })
                }
            } else {
                reportExternal("\(ref.kind ?? "GitRepository")/\(ref.name)", at: ref.location, object: ks.object)
            }
        }
        units.append(Unit(kind: .fluxKustomization, object: ks.object, namespace: ks.namespace, directory: directory,
                          members: members, targetNamespace: ks.targetNamespace, parent: nil))
    }

    private mutating func components(of ks: FluxKustomization, in directory: String) -> [Member] {
        var members: [Member] = []
        let nodes = ks.object.spec?["components"]?.elements ?? []
        for node in nodes {
            guard let text = node.string, !text.contains("${") else { continue }
            guard case .success(let target) = RepositoryPath.resolve(text, relativeTo: directory),
                  repository.tree.isDirectory(target) else {
                report(.kustomizeMissingResource, "component \(text) does not exist relative to spec.path", at: node.location,
                       object: ks.object, fix: "components are relative to spec.path; fix the path or set ignoreMissingComponents")
                continue
            }
            members += traversal.expand(directory: target, reachedFrom: node.location)
        }
        return members
    }

    private mutating func addArgo(_ app: ArgoApplication) {
        var directory: String?
        var members: [Member] = []
        for source in app.sources {
            guard let rawPath = source.path, !rawPath.contains("{{") else { continue }
            guard sources.isRepository(url: source.repoURL) else {
                if source.chart == nil { reportExternal(source.repoURL ?? "(no repoURL)", at: source.node.location, object: app.object) }
                continue
            }
            let pathNode = source.node["path"]
            switch RepositoryPath.resolve(Self.clean(rawPath), relativeTo: "") {
            case .failure:
                report(.pathEscape, "source.path \(rawPath) leaves the repository root", at: pathNode?.location ?? app.object.location,
                       object: app.object, fix: "use a path inside the repository")
            case .success(let target) where repository.tree.isDirectory(target):
                directory = directory ?? target
                if traversal.kustomizationFile(in: target) != nil {
                    members += traversal.expand(directory: target, reachedFrom: pathNode?.location)
                } else if !repository.tree.isFile(RepositoryPath.join(target, "Chart.yaml")) {
                    let recurse = source.node.at("directory", "recurse")?.bool ?? false
                    members += traversal.directoryMembers(of: target, recurse: recurse, index: index)
                }
            case .success(let target):
                report(.unitPathMissing, "Application \(app.name) syncs path \(rawPath), which does not exist in the repository",
                       at: pathNode?.location ?? app.object.location, object: app.object,
                       fix: Suggestions.nearestDirectory(to: target, in: repository.tree).map { "did you mean \"\($0)\"?" })
            }
        }
        units.append(Unit(kind: .argoApplication, object: app.object, namespace: app.object.namespace, directory: directory,
                          members: members, targetNamespace: nil, parent: nil))
    }

    /// Links each unit to the unit whose files define it, and fills in namespaces that only the
    /// owner's kustomization or targetNamespace gives.
    private mutating func linkParents() -> [String: [Int]] {
        var owners: [String: [Int]] = [:]
        var memberOf: [String: (unit: Int, member: Member)] = [:]
        for (i, unit) in units.enumerated() {
            for member in unit.members {
                if owners[member.file]?.last != i { owners[member.file, default: []].append(i) }
                if memberOf[member.file] == nil { memberOf[member.file] = (i, member) }
            }
        }
        for i in units.indices {
            guard let owner = memberOf[units[i].object.file], owner.unit != i else { continue }
            units[i].parent = owner.unit
            units[i].namespace = units[owner.unit].targetNamespace ?? owner.member.namespace ?? units[i].object.namespace
        }
        return owners
    }

    private mutating func reportExternal(_ source: String, at location: SourceLocation, object: KubernetesObject) {
        report(.sourceOutsideRepository, "source \(source) is not this repository; the units reading it are not analysed",
               at: location, object: object, fix: "map it with --source \(source)=DIR if its files are in this repository")
    }

    /// Findings made while resolving a unit belong to the unit about to be appended.
    private mutating func report(_ rule: RuleID, _ message: String, at location: SourceLocation, object: KubernetesObject, fix: String?) {
        unitFindings.append((units.count, Diagnostic(rule: rule, message: message, at: location, object: object.reference, fix: fix)))
    }

    /// `./clusters/prod/` becomes `clusters/prod`; Flux reads paths relative to the source root.
    static func clean(_ path: String) -> String {
        path.trimmingSlashes
    }
}
