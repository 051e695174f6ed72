import Foundation

/// Renders kustomizations natively: `build(directory:)` returns what `kustomize build` prints, as
/// resources with provenance. Bases are accumulated once per directory and shared between builds
/// (an overlay per cluster reuses the rendered base), so one instance should serve a whole repository.
public final class Kustomizer: @unchecked Sendable {
    public let fileSystem: RenderFileSystem
    public let options: BuildOptions
    private let lock = NSLock()
    private var cache: [String: Result<Accumulation, RenderError>] = [:]

    public init(fileSystem: RenderFileSystem, options: BuildOptions = BuildOptions()) {
        self.fileSystem = fileSystem
        self.options = options
    }

    /// `kustomize build DIRECTORY`.
    public func build(directory: String) throws(RenderError) -> ResourceMap {
        let kustomization = try Kustomization.load(from: directory, fileSystem: fileSystem)
        return try build(kustomization)
    }

    /// Builds an in-memory kustomization (Flux's generated or patched one).
    public func build(_ kustomization: Kustomization) throws(RenderError) -> ResourceMap {
        // A component built directly behaves as a kustomization (kustomize allows it at the top only).
        try KustomizationCheck.validate(kustomization)
        let loader = Loader(fileSystem: fileSystem, restriction: options.loadRestriction, root: kustomization.directory)
        var accumulation = try accumulate(kustomization, loader: loader, into: Accumulation(), chain: [])
        try Generators.appendHashSuffixes(to: &accumulation.map)
        try Transformers.fixNameReferences(in: &accumulation.map, config: accumulation.config)
        try Vars.resolve(accumulation.vars, in: &accumulation.map, referenceSpecs: accumulation.config.varReference)
        var map = accumulation.map
        try BuildFinish.sort(&map, kustomization: kustomization, reorder: options.reorder)
        BuildFinish.addManagedByLabel(&map, kustomization: kustomization, options: options)
        BuildFinish.annotateOrigins(&map, kustomization: kustomization)
        BuildFinish.annotateTransformations(&map, kustomization: kustomization)
        return map
    }

    // MARK: Accumulation

    /// kustomize's accumulateTarget: resources, components, configurations, generators,
    /// transformers, vars. Components receive the parent's accumulation; kustomizations start empty.
    func accumulate(_ kustomization: Kustomization, loader: Loader, into start: Accumulation,
                    chain: [String]) throws(RenderError) -> Accumulation {
        var accumulation = start
        if let openAPI = kustomization["openapi"], !accumulation.hasCustomSchema {
            try loadSchema(openAPI, loader: loader, into: &accumulation.schema, origin: kustomization.origin(of: "openapi"))
            accumulation.hasCustomSchema = true
        }
        let resources = kustomization.strings("resources") + kustomization.strings("bases")
        for reference in resources {
            try accumulateResource(reference, loader: loader, kustomization: kustomization, into: &accumulation, chain: chain)
        }
        for reference in kustomization.strings("components") {
            try accumulateComponent(reference, loader: loader, kustomization: kustomization, into: &accumulation, chain: chain)
        }
        for reference in kustomization.strings("configurations") {
            let origin = kustomization.origin(of: "configurations")
            let file = try loader.read(reference, at: origin)
            for document in try Kustomization.parseDocuments(file.bytes, path: file.path) {
                try accumulation.config.merge(try TransformerConfig(parsing: document))
            }
        }
        let crds = kustomization.strings("crds")
        if !crds.isEmpty {
            var documents: [Node] = []
            for reference in crds {
                let file = try loader.read(reference, at: kustomization.origin(of: "crds"))
                documents += try Kustomization.parseDocuments(file.bytes, path: file.path)
            }
            try accumulation.config.merge(try TransformerConfig.fromCRDs(documents))
        }
        try Unsupported.check(kustomization)
        try runGenerators(kustomization, loader: loader, into: &accumulation, chain: chain)
        try runTransformers(kustomization, loader: loader, into: &accumulation, chain: chain)
        try Vars.merge(try Vars.parse(kustomization["vars"]), into: &accumulation.vars)
        accumulation.map.resources.removeAll { $0.annotations["config.kubernetes.io/local-config"] == "true" }
        return accumulation
    }

    private func accumulateResource(_ reference: String, loader: Loader, kustomization: Kustomization,
                                    into accumulation: inout Accumulation, chain: [String]) throws(RenderError) {
        let origin = entryOrigin(kustomization, "resources", reference) ?? entryOrigin(kustomization, "bases", reference)
        if Loader.isRemote(reference) {
            throw RenderError(.unsupported,
                "remote resource '\(reference)' is not fetched: Shipshape renders local sources only", at: origin)
        }
        let path = try loader.resolve(reference, at: origin)
        if fileSystem.isFile(path) {
            let file = try loader.read(reference, at: origin)
            do {
                try accumulation.map.append(contentsOf: try ResourceFile.resources(in: file.bytes, path: file.path))
            } catch {
                throw RenderError(error.kind, "merging resources from '\(reference)': \(error.message)", at: error.location)
            }
            return
        }
        guard fileSystem.isDirectory(path) else {
            throw RenderError(.missing,
                "accumulating resources: accumulation err='accumulating resources from '\(reference)': open \(Kustomization.displayPath(path)): no such file or directory'",
                at: origin)
        }
        let child = try accumulateBase(path, loader: loader, origin: origin, chain: chain)
        do {
            try accumulation.absorb(child)
        } catch {
            throw RenderError(error.kind, "accumulating resources: recursed merging from path '\(Kustomization.displayPath(path))': \(error.message)",
                              at: error.location ?? origin.map { .init(file: $0.file, line: $0.line, column: $0.column) })
        }
    }

    /// A base directory, accumulated once per Kustomizer and reused.
    private func accumulateBase(_ directory: String, loader: Loader, origin: Origin?, chain: [String]) throws(RenderError) -> Accumulation {
        if chain.contains(directory) || directory == loader.root {
            throw RenderError(.cycle, "cycle detected: '\(Kustomization.displayPath(directory))' includes itself through \(chain.map { Kustomization.displayPath($0) }.joined(separator: " -> "))", at: origin)
        }
        lock.lock()
        let cached = cache[directory]
        lock.unlock()
        if let cached { return try cached.get() }
        let result: Result<Accumulation, RenderError>
        do throws(RenderError) {
            let kustomization: Kustomization
            do throws(RenderError) {
                kustomization = try Kustomization.load(from: directory, fileSystem: fileSystem)
            } catch {
                throw RenderError(.missing, "accumulating resources: \(error.message)", at: origin)
            }
            guard kustomization.kind == .kustomization else {
                throw RenderError(.invalid, "expected kind != 'Component' for path '\(Kustomization.displayPath(directory))'", at: origin)
            }
            try KustomizationCheck.validate(kustomization)
            result = .success(try accumulate(kustomization, loader: loader.child(directory), into: Accumulation(), chain: chain + [loader.root]))
        } catch {
            result = .failure(error)
        }
        lock.lock()
        cache[directory] = result
        lock.unlock()
        return try result.get()
    }

    private func accumulateComponent(_ reference: String, loader: Loader, kustomization: Kustomization,
                                     into accumulation: inout Accumulation, chain: [String]) throws(RenderError) {
        let origin = entryOrigin(kustomization, "components", reference)
        if Loader.isRemote(reference) {
            throw RenderError(.unsupported, "remote component '\(reference)' is not fetched", at: origin)
        }
        let path = try loader.resolve(reference, at: origin)
        guard fileSystem.isDirectory(path) else {
            throw RenderError(.missing, "accumulating components: loader.New: must build at directory: '\(Kustomization.displayPath(path))'", at: origin)
        }
        let component = try Kustomization.load(from: path, fileSystem: fileSystem)
        guard component.kind == .component else {
            throw RenderError(.invalid,
                "accumulating components: accumulateDirectory: \"expected kind 'Component' for path '\(Kustomization.displayPath(path))' but got '\(component.kind.rawValue)'\"",
                at: origin)
        }
        try KustomizationCheck.validate(component)
        if chain.contains(path) {
            throw RenderError(.cycle, "cycle detected: component '\(Kustomization.displayPath(path))' includes itself", at: origin)
        }
        accumulation = try accumulate(component, loader: loader.child(path), into: accumulation, chain: chain + [loader.root])
    }

    private func loadSchema(_ openAPI: Node, loader: Loader, into schema: inout PatchSchema, origin: Origin?) throws(RenderError) {
        guard let reference = openAPI["path"]?.text else { return }
        if Loader.isRemote(reference) {
            throw RenderError(.unsupported, "remote OpenAPI schema '\(reference)' is not fetched", at: origin)
        }
        let file = try loader.read(reference, at: origin)
        guard let document = try Kustomization.parseDocuments(file.bytes, path: file.path).first else { return }
        // A custom schema replaces kustomize's built-in Kubernetes one rather than extending it.
        var custom = PatchSchema.empty
        try custom.add(openAPI: document)
        schema = custom
    }

    /// The origin of one list entry, for diagnostics that point at the line naming it.
    func entryOrigin(_ kustomization: Kustomization, _ key: String, _ value: String) -> Origin? {
        kustomization[key]?.elements.first(where: { $0.text == value })?.origin
    }
}
