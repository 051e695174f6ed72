import Rendering

/// Turning a discovered unit into a build: which directory of which source, with which files
/// visible, and which kustomization.
extension DiscoveryRun {
    mutating func plan(_ unit: PendingUnit) -> Outcome<BuildPlan> {
        switch unit.job {
        case .flux(let spec): return planFlux(unit, spec)
        case .argo(let spec): return planArgo(unit, spec)
        }
    }

    private mutating func planFlux(_ unit: PendingUnit, _ spec: FluxKustomizationSpec) -> Outcome<BuildPlan> {
        if spec.sourceRef.kind == "ExternalArtifact" { return planFromArtifact(unit, spec) }
        let source: (root: String, ignore: String?)
        switch sourceRoot(for: spec.sourceRef) {
        case .ready(let value): source = value
        case .blocked(let error): return .blocked(located(error, spec.origin))
        case .failed(let error): return .failed(located(error, spec.origin))
        }
        let files = sourceFileSystem(root: source.root, ignore: source.ignore)
        let directory = SourcePath.join(source.root, spec.path)
        do {
            let kustomization = try GeneratedKustomization.make(for: spec, directory: directory, fileSystem: files)
            return .ready(BuildPlan(unit: unit, directory: directory, kustomization: kustomization,
                                    fileSystem: files, loadRestriction: .none))
        } catch {
            return .failed(located(error, spec.origin))
        }
    }

    /// A Kustomization reading an ExternalArtifact that an ArtifactGenerator composes from sources
    /// in this repository.
    private mutating func planFromArtifact(_ unit: PendingUnit, _ spec: FluxKustomizationSpec) -> Outcome<BuildPlan> {
        let files: ArtifactFileSystem
        switch artifactFileSystem(spec.sourceRef) {
        case .ready(let value): files = value
        case .blocked(let error): return .blocked(located(error, spec.origin))
        case .failed(let error): return .failed(located(error, spec.origin))
        }
        let directory = SourcePath.join("", spec.path)
        do {
            let kustomization = try GeneratedKustomization.make(for: spec, directory: directory, fileSystem: files)
            return .ready(BuildPlan(unit: unit, directory: directory, kustomization: kustomization,
                                    fileSystem: files, loadRestriction: .none))
        } catch {
            return .failed(located(files.locating(error), spec.origin))
        }
    }

    /// The files of an ExternalArtifact, from the ArtifactGenerator in its namespace that declares it.
    private mutating func artifactFileSystem(_ reference: ObjectKey) -> Outcome<ArtifactFileSystem> {
        if let cached = artifactFileSystems[reference] { return .ready(cached) }
        for (key, generator) in artifactGenerators.sorted(by: { $0.key < $1.key }) where key.namespace == reference.namespace {
            guard let artifact = generator[path: ["spec", "artifacts"]]?.elements.first(where: { $0["name"]?.text == reference.name }) else { continue }
            var sources: [String: (files: any RenderFileSystem, root: String)] = [:]
            for source in generator[path: ["spec", "sources"]]?.elements ?? [] {
                guard let alias = source["alias"]?.text, let kind = source["kind"]?.text, let name = source["name"]?.text else { continue }
                let sourceKey = ObjectKey(kind: kind, namespace: source["namespace"]?.text ?? key.namespace, name: name)
                switch sourceRoot(for: sourceKey) {
                case .ready(let root): sources[alias] = (sourceFileSystem(root: root.root, ignore: root.ignore), root.root)
                case .blocked(let error): return .blocked(error)
                case .failed(let error): return .failed(error)
                }
            }
            let copies = artifact["copy"]?.elements.compactMap { copy -> ArtifactFileSystem.Copy? in
                guard let from = copy["from"]?.text, let to = copy["to"]?.text else { return nil }
                return ArtifactFileSystem.Copy(from: from, to: to, exclude: copy["exclude"]?.elements.compactMap(\.text) ?? [])
            } ?? []
            do {
                // Two clusters may each have a generator of this name: the identity is what it copies.
                let identity = copies.map { "\($0.from)>\($0.to)!\($0.exclude.joined(separator: ","))" }.joined(separator: ";")
                    + "|" + sources.keys.sorted().map { "\($0)=\(sources[$0]?.root ?? "")" }.joined(separator: ",")
                let files = try ArtifactFileSystem(identity: identity, name: "\(reference)", copies: copies, sources: sources,
                                                   base: discovery.fileSystem)
                artifactFileSystems[reference] = files
                return .ready(files)
            } catch {
                return .failed(located(error, artifact.origin))
            }
        }
        return .blocked(RenderError(.missing,
            "source \(reference) is neither declared by an ArtifactGenerator in the rendered cluster nor mapped to a local directory"))
    }

    /// The artifact root of a Flux source inside this repository, and its `spec.ignore`.
    private func sourceRoot(for reference: ObjectKey) -> Outcome<(root: String, ignore: String?)> {
        let unnamespaced = ObjectKey(kind: reference.kind, namespace: "", name: reference.name)
        if let directory = discovery.options.sourceDirectories[reference] ?? discovery.options.sourceDirectories[unnamespaced] {
            return .ready((SourcePath.join("", directory), nil))
        }
        let object = knownSources[reference]
        let ignore = object?[path: ["spec", "ignore"]]?.text
        if reference == cluster.bootstrap.sourceRef || (object == nil && cluster.selfSources.contains(reference)) {
            return .ready((cluster.sourceRoot, ignore))
        }
        guard let object else {
            return .blocked(RenderError(.missing,
                "source \(reference) is neither declared in the rendered cluster nor mapped to a local directory"))
        }
        if reference.kind == "GitRepository", let url = object[path: ["spec", "url"]]?.text,
           repositoryURLs.contains(RepositoryURL.normalized(url)) {
            return .ready(("", ignore))
        }
        let url = object[path: ["spec", "url"]]?.text.map { " (\($0))" } ?? ""
        return .failed(RenderError(.foreignSource,
            "source \(reference)\(url) is not this repository; map it to a local directory to render it"))
    }

    private mutating func planArgo(_ unit: PendingUnit, _ spec: ArgoApplicationSpec) -> Outcome<BuildPlan> {
        guard repositoryURLs.contains(RepositoryURL.normalized(spec.repoURL)) else {
            return .failed(RenderError(.foreignSource,
                "its repoURL \(spec.repoURL) is not this repository; map it with repositoryURLs in .shipshape.yaml if it is", at: spec.origin))
        }
        let directory = SourcePath.join("", spec.path)
        let files = discovery.fileSystem
        guard files.isDirectory(directory) else {
            return .failed(RenderError(.missing, "Application \(spec.namespace)/\(spec.name): path '\(spec.path)' does not exist",
                                       at: spec.pathOrigin ?? spec.origin))
        }
        var kustomization: Kustomization
        do {
            if Kustomization.file(in: directory, fileSystem: files) != nil {
                kustomization = try Kustomization.load(from: directory, fileSystem: files)
                spec.patch(&kustomization, fileSystem: files)
            } else if files.isFile(SourcePath.join(directory, "Chart.yaml")) {
                return .failed(RenderError(.unsupported,
                    "Application \(spec.namespace)/\(spec.name): Helm charts are not rendered", at: spec.origin))
            } else {
                kustomization = plainDirectory(directory, recurse: spec.directory?["recurse"]?.text == "true")
            }
        } catch {
            return .failed(located(error, spec.origin))
        }
        return .ready(BuildPlan(unit: unit, directory: directory, kustomization: kustomization,
                                fileSystem: files, loadRestriction: .rootOnly))
    }

    /// Argo CD's plain-directory source: the manifest files of the directory (and below, with `recurse`).
    private func plainDirectory(_ directory: String, recurse: Bool) -> Kustomization {
        var resources: [Node] = []
        var pending = [directory]
        let files = discovery.fileSystem
        while !pending.isEmpty {
            let current = pending.removeFirst()
            for child in files.children(of: current) {
                if files.isDirectory(child) {
                    if recurse { pending.append(child) }
                } else if child.hasSuffix(".yaml") || child.hasSuffix(".yml") || child.hasSuffix(".json") {
                    let relative = directory.isEmpty ? child : String(child.dropFirst(directory.count + 1))
                    resources.append(.string(relative, origin: Origin(file: child, line: 1, column: 1)))
                }
            }
        }
        return GeneratedKustomization.listing(resources, in: directory, generatedBy: "Argo CD directory source")
    }

    /// One file system per (artifact root, ignore rules), shared by every unit of that source.
    private func sourceFileSystem(root: String, ignore: String?) -> SourceFileSystem {
        discovery.sourceFileSystems.fileSystem(root: root, ignore: ignore, base: discovery.fileSystem)
    }
}

/// An error that says where to look: its own position, or else the unit's declaration.
func located(_ error: RenderError, _ origin: Origin?) -> RenderError {
    guard error.location == nil, let origin else { return error }
    return RenderError(error.kind, error.message, at: origin)
}
