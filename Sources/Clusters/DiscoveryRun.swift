import Rendering

/// The state of one cluster's discovery: rendered units, what each declared, and the objects
/// later units may read (`substituteFrom` ConfigMaps and Secrets, source objects).
struct DiscoveryRun {
    let discovery: Discovery
    let cluster: ClusterRoot
    let repositoryURLs: Set<String>

    var units: [ObjectKey: RenderedUnit] = [:]
    /// Who declared each unit (nil for the root), to tell duplicates from cycles.
    var declaredBy: [ObjectKey: ObjectKey?] = [:]
    var diagnostics: [RenderError] = []
    var knownSources: [ObjectKey: Node] = [:]
    /// ArtifactGenerators rendered so far, and the ExternalArtifacts they compose (by artifact key).
    var artifactGenerators: [ObjectKey: Node] = [:]
    var artifactFileSystems: [ObjectKey: ArtifactFileSystem] = [:]
    var configData: [ObjectKey: Node] = [:]
    /// Set once discovery has closed with units still waiting for `substituteFrom` sources.
    var assumeExternalSources = false

    init(discovery: Discovery, cluster: ClusterRoot) {
        self.discovery = discovery
        self.cluster = cluster
        var urls = Set(discovery.options.repositoryURLs.map(RepositoryURL.normalized))
        for url in [cluster.repositoryURL].compactMap({ $0 }) + cluster.extraRepositoryURLs {
            urls.insert(RepositoryURL.normalized(url))
        }
        repositoryURLs = urls
    }

    mutating func run() -> ClusterRender {
        var ready: [PendingUnit] = []
        if cluster.seeds.isEmpty {
            ready = [PendingUnit(job: .flux(cluster.bootstrap), parent: nil, depth: 0)]
        } else {
            for seed in cluster.seeds {
                do {
                    let objects = ApplicationSetExpansion.isApplicationSet(seed) ? try ApplicationSetExpansion.applications(from: seed) : [seed]
                    for object in objects {
                        guard let job = try Self.job(for: object, namespace: object[path: ["metadata", "namespace"]]?.text) else { continue }
                        ready.append(PendingUnit(job: job, parent: nil, depth: 0, object: object))
                    }
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        for root in ready { declaredBy[root.key] = .some(nil) }
        var unplanned: [PendingUnit] = []
        var built: [BuiltUnit] = []
        while true {
            var progress = false
            var plans: [BuildPlan] = []
            let candidates = ready + unplanned
            unplanned = []
            for unit in candidates {
                switch plan(unit) {
                case .ready(let plan): plans.append(plan)
                case .blocked(let error):
                    var waiting = unit
                    waiting.blocked = error
                    unplanned.append(waiting)
                case .failed(let error):
                    finish(unit, directory: nil, error: error)
                    progress = true
                }
            }
            ready = []
            for (plan, result) in zip(plans, discovery.build(plans)) {
                progress = true
                switch result {
                case .success(var resources):
                    if let artifact = plan.fileSystem as? ArtifactFileSystem {
                        for index in resources.resources.indices {
                            resources.resources[index].node = artifact.locating(resources.resources[index].node)
                        }
                    }
                    built.append(BuiltUnit(plan: plan, resources: resources))
                case .failure(let error):
                    let error = (plan.fileSystem as? ArtifactFileSystem)?.locating(error) ?? error
                    finish(plan.unit, directory: plan.directory, error: located(error, plan.unit.origin))
                }
            }
            // Post-build steps may wait for ConfigMaps other units render; retry until stable.
            var changed = true
            while changed {
                changed = false
                var still: [BuiltUnit] = []
                for unit in built {
                    switch postBuild(unit, waiting: built) {
                    case .ready(let children):
                        ready += children
                        changed = true
                    case .blocked(let error):
                        var waiting = unit
                        waiting.plan.unit.blocked = error
                        still.append(waiting)
                    case .failed(let error):
                        finish(unit.plan.unit, directory: unit.plan.directory, error: error)
                        changed = true
                    }
                }
                if changed { progress = true }
                built = still
            }
            if ready.isEmpty && (!progress || (unplanned.isEmpty && built.isEmpty)) {
                // Nothing rendered provides the remaining substituteFrom sources: the cluster must.
                if !built.isEmpty && !assumeExternalSources {
                    assumeExternalSources = true
                    continue
                }
                break
            }
        }
        // Whatever still waits will never be satisfied.
        for unit in unplanned {
            finish(unit, directory: nil, error: unit.blocked ?? RenderError(.missing, "unresolved source", at: unit.origin))
        }
        for unit in built {
            finish(unit.plan.unit, directory: unit.plan.directory,
                   error: unit.plan.unit.blocked ?? RenderError(.missing, "unresolved substituteFrom", at: unit.plan.unit.origin))
        }
        let ordered = units.values.sorted { ($0.depth, $0.key) < ($1.depth, $1.key) }
        return ClusterRender(cluster: cluster, units: ordered, diagnostics: diagnostics)
    }

    private mutating func finish(_ unit: PendingUnit, directory: String?, error: RenderError) {
        var rendered = RenderedUnit(kind: unit.kind, key: unit.key, parent: unit.parent, depth: unit.depth,
                                    directory: directory, origin: unit.origin, error: error)
        rendered.object = unit.object
        units[unit.key] = rendered
    }

    /// Substitution and `commonMetadata` for a Flux unit, namespace defaulting for an Argo one,
    /// then the next round of units from the output.
    private mutating func postBuild(_ built: BuiltUnit, waiting: [BuiltUnit]) -> Outcome<[PendingUnit]> {
        var resources = built.resources
        let unit = built.plan.unit
        let fallbackNamespace: String
        var dependsOn: [ObjectKey] = []
        var externalInputs: [ObjectKey] = []
        switch unit.job {
        case .flux(let spec):
            fallbackNamespace = spec.namespace
            dependsOn = spec.dependsOn
            if let postBuild = spec.postBuild {
                do {
                    let substitution = try Substitution.resolving(
                        postBuild, namespace: spec.namespace, owner: "\(spec.namespace)/\(spec.name)",
                        strict: discovery.options.strictSubstitution,
                        assumingExternal: assumeExternalSources) { kind, name, namespace in
                            // A Kustomization cannot read variables from its own output: Flux builds before applying.
                            lookup(ObjectKey(kind: kind, namespace: namespace, name: name),
                                   waiting: waiting, excluding: unit.key)
                        }
                    try substitution.apply(to: &resources)
                    externalInputs = substitution.externalSources
                } catch {
                    let error = located(error, spec.origin)
                    return error.kind == .missing ? .blocked(error) : .failed(error)
                }
            }
            applyCommonMetadata(spec, to: &resources)
        case .argo(let spec):
            fallbackNamespace = spec.destinationNamespace ?? "default"
            if let namespace = spec.destinationNamespace {
                for index in resources.resources.indices
                where resources.resources[index].namespace.isEmpty && !resources.resources[index].gvk.isClusterScoped {
                    resources.resources[index].namespace = namespace
                }
            }
        }
        var rendered = RenderedUnit(kind: unit.kind, key: unit.key, parent: unit.parent, depth: unit.depth,
                                    directory: built.plan.directory, origin: unit.origin, resources: resources)
        rendered.dependsOn = dependsOn
        rendered.object = unit.object
        rendered.externalInputs = externalInputs
        let children = discoverChildren(of: &rendered, fallbackNamespace: fallbackNamespace)
        units[unit.key] = rendered
        return .ready(children)
    }

    /// A ConfigMap or Secret rendered so far: finished units first, then builds still waiting.
    private func lookup(_ key: ObjectKey, waiting: [BuiltUnit], excluding builder: ObjectKey) -> Node? {
        if let node = configData[key] { return node }
        for unit in waiting where unit.plan.unit.key != builder {
            let fallback: String
            switch unit.plan.unit.job {
            case .flux(let spec): fallback = spec.namespace
            case .argo(let spec): fallback = spec.destinationNamespace ?? "default"
            }
            for resource in unit.resources.resources
            where resource.kind == key.kind && resource.name == key.name && (resource.namespace.isEmpty ? fallback : resource.namespace) == key.namespace {
                return resource.node
            }
        }
        return nil
    }

    /// `spec.commonMetadata`: labels and annotations set on every object, replacing existing values.
    private func applyCommonMetadata(_ spec: FluxKustomizationSpec, to resources: inout ResourceMap) {
        guard !spec.commonLabels.isEmpty || !spec.commonAnnotations.isEmpty else { return }
        let step = "commonMetadata (\(spec.namespace)/\(spec.name))"
        for index in resources.resources.indices {
            for (field, entries) in [("labels", spec.commonLabels), ("annotations", spec.commonAnnotations)] {
                for entry in entries {
                    var value = entry.value
                    value.origin = value.origin?.changed(by: step)
                    resources.resources[index].node[path: ["metadata", field, entry.key]] = value
                }
            }
        }
    }

    private mutating func discoverChildren(of unit: inout RenderedUnit, fallbackNamespace: String) -> [PendingUnit] {
        var children: [PendingUnit] = []
        for resource in unit.resources.resources {
            let node = resource.node
            let namespace = resource.namespace.isEmpty ? fallbackNamespace : resource.namespace
            let key = ObjectKey(kind: resource.kind, namespace: namespace, name: resource.name)
            let group = resource.gvk.group
            var job: PendingUnit.Job?
            do {
                job = try Self.job(for: node, namespace: resource.namespace.isEmpty ? nil : namespace, fallback: fallbackNamespace)
            } catch {
                diagnostics.append(error)
                continue
            }
            if group == "helm.toolkit.fluxcd.io" && resource.kind == "HelmRelease" { unit.helmReleases.append(key) }
            if group == "source.toolkit.fluxcd.io" {
                unit.sources.append(key)
                knownSources[key] = node
            }
            if group.isEmpty && (resource.kind == "ConfigMap" || resource.kind == "Secret") { configData[key] = node }
            if group == "source.extensions.fluxcd.io" && resource.kind == "ArtifactGenerator" { artifactGenerators[key] = node }
            if ApplicationSetExpansion.isApplicationSet(node) {
                do {
                    for application in try ApplicationSetExpansion.applications(from: node) {
                        guard case .argo(let spec)? = try Self.job(for: application, namespace: application[path: ["metadata", "namespace"]]?.text) else { continue }
                        children += declare(PendingUnit(job: .argo(spec), parent: unit.key, depth: unit.depth + 1, object: application), in: &unit)
                    }
                } catch {
                    diagnostics.append(error)
                }
                continue
            }
            guard let job else { continue }
            children += declare(PendingUnit(job: job, parent: unit.key, depth: unit.depth + 1, object: node), in: &unit)
        }
        unit.children.sort()
        return children
    }

    /// Records a unit the output of `unit` declares; nil when it is `unit` itself or a duplicate.
    private mutating func declare(_ pending: PendingUnit, in unit: inout RenderedUnit) -> [PendingUnit] {
        unit.children.append(pending.key)
        // A Kustomization that renders itself is Flux's bootstrap pattern, not a cycle.
        if pending.key == unit.key {
            if unit.object == nil { unit.object = pending.object }
            return []
        }
        if let earlier = declaredBy[pending.key] {
            diagnostics.append(conflict(pending, declaredIn: unit.key, earlier: earlier))
            return []
        }
        declaredBy[pending.key] = .some(unit.key)
        return [pending]
    }

    /// The build a Flux Kustomization or Argo CD Application object asks for; nil for other objects.
    /// Without a namespace of its own, a Kustomization lands in `fallback` (its parent's) and an
    /// Application in `argocd`.
    static func job(for node: Node, namespace: String?, fallback: String = "flux-system") throws(RenderError) -> PendingUnit.Job? {
        if FluxKustomizationSpec.isKustomization(node) {
            return .flux(try FluxKustomizationSpec(object: node, defaultNamespace: namespace ?? fallback))
        }
        if ArgoApplicationSpec.isApplication(node) {
            return .argo(try ArgoApplicationSpec(object: node, defaultNamespace: namespace ?? "argocd"))
        }
        return nil
    }

    /// A unit declared a second time: a cycle when it is an ancestor of the declaring unit.
    private func conflict(_ unit: PendingUnit, declaredIn parent: ObjectKey, earlier: ObjectKey?) -> RenderError {
        var ancestor: ObjectKey? = parent
        var chain: [ObjectKey] = []
        while let current = ancestor {
            chain.append(current)
            if current == unit.key {
                let path = chain.reversed().map(\.description).joined(separator: " -> ")
                return RenderError(.cycle, "\(unit.key) is rendered again by its own descendant: \(path) -> \(unit.key)", at: unit.origin)
            }
            ancestor = declaredBy[current] ?? nil
        }
        let first = earlier.map(\.description) ?? "the cluster root"
        return RenderError(.conflict, "\(unit.key) is declared twice: by \(first) and by \(parent)", at: unit.origin)
    }
}
