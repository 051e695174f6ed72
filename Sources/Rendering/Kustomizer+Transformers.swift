/// The generator and transformer stages of one kustomization, in kustomize's fixed order.
extension Kustomizer {
    func runGenerators(_ kustomization: Kustomization, loader: Loader, into accumulation: inout Accumulation,
                       chain: [String]) throws(RenderError) {
        let read = fileReader(loader)
        let generated = try Generators.resources(for: kustomization, read: read).map { resource in
            var resource = resource
            resource.generator = PluginProvenance(configuredIn: kustomization.file, kind: "\(resource.kind)Generator")
            return resource
        }
        try Generators.absorb(generated, into: &accumulation.map)
        for config in try pluginConfigs(kustomization, field: "generators", loader: loader, chain: chain) {
            let kind = config["kind"]?.text ?? ""
            if kind == "IAMPolicyGenerator" {
                try Generators.absorb(try IAMPolicyGenerator.resources(for: config), into: &accumulation.map)
                continue
            }
            guard kind == "ConfigMapGenerator" || kind == "SecretGenerator" else {
                throw PluginConfigs.unsupported(config)
            }
            let provenance = PluginProvenance(configuredIn: config.origin?.file ?? kustomization.file, kind: kind,
                                                 name: config[path: ["metadata", "name"]]?.text)
            let generated = try Generators.resources(forPluginConfig: config, read: read).map { resource in
                var resource = resource
                resource.generator = provenance
                return resource
            }
            try Generators.absorb(generated, into: &accumulation.map)
        }
    }

    func runTransformers(_ kustomization: Kustomization, loader: Loader, into accumulation: inout Accumulation,
                         chain: [String]) throws(RenderError) {
        let config = accumulation.config
        let schema = accumulation.schema
        func record(_ kind: String) {
            let step = PluginProvenance(configuredIn: kustomization.file, kind: kind)
            for index in accumulation.map.resources.indices { accumulation.map.resources[index].transformations.append(step) }
        }

        if let items = kustomization["patchesStrategicMerge"]?.elements, !items.isEmpty {
            var patches: [Node] = []
            for item in items {
                patches += try strategicMergePatches(item, loader: loader)
            }
            try PatchTransformer.applyStrategicMerge(patches, to: &accumulation.map, schema: schema)
            record("PatchStrategicMergeTransformer")
        }
        for item in kustomization["patches"]?.elements ?? [] {
            try PatchTransformer.apply(try patchEntry(item, loader: loader), to: &accumulation.map, schema: schema)
            record("PatchTransformer")
        }
        if let namespace = kustomization.string("namespace"), !namespace.isEmpty {
            try Transformers.setNamespace(namespace, in: &accumulation.map, config: config,
                                          origin: kustomization.origin(of: "namespace"))
            record("NamespaceTransformer")
        }
        let prefix = kustomization.string("namePrefix") ?? ""
        let suffix = kustomization.string("nameSuffix") ?? ""
        if !prefix.isEmpty || !suffix.isEmpty {
            try Transformers.addNameAffixes(prefix: prefix, suffix: suffix, in: &accumulation.map, config: config,
                                            origin: kustomization.origin(of: prefix.isEmpty ? "nameSuffix" : "namePrefix"))
            if !prefix.isEmpty { record("PrefixTransformer") }
            if !suffix.isEmpty { record("SuffixTransformer") }
        }
        try Transformers.applyLabels(of: kustomization, to: &accumulation.map, config: config)
        if kustomization["labels"] != nil || kustomization["commonLabels"] != nil { record("LabelTransformer") }
        if let annotations = kustomization["commonAnnotations"], !annotations.entries.isEmpty {
            try Transformers.addAnnotations(annotations.entries.map { ($0.key, $0.value.text ?? "") },
                                            in: &accumulation.map, config: config,
                                            origin: kustomization.origin(of: "commonAnnotations"))
            record("AnnotationsTransformer")
        }
        for item in kustomization["patchesJson6902"]?.elements ?? [] {
            let origin = item.origin
            let text = try json6902Text(item, inlineKey: "patch", loader: loader, what: "patchesJson6902 entry")
            guard let target = item["target"] else {
                throw RenderError(.invalid, "patchesJson6902 entry needs a target", at: origin)
            }
            try PatchTransformer.applyJSON6902(text, origin: item["path"]?.origin ?? item["patch"]?.origin ?? origin ?? kustomizationOrigin(kustomization),
                                               target: target, to: &accumulation.map)
            record("PatchJson6902Transformer")
        }
        if let replicas = kustomization["replicas"]?.elements, !replicas.isEmpty {
            try Transformers.setReplicas(replicas, in: &accumulation.map, config: config, origin: kustomization.origin(of: "replicas"))
            record("ReplicaCountTransformer")
        }
        if let images = kustomization["images"]?.elements, !images.isEmpty {
            try Transformers.setImages(images, in: &accumulation.map, config: config, origin: kustomization.origin(of: "images"))
            record("ImageTagTransformer")
        }
        if let items = kustomization["replacements"]?.elements, !items.isEmpty {
            try Replacements.apply(try replacementSpecs(items, loader: loader), to: &accumulation.map)
            record("ReplacementTransformer")
        }
        for plugin in try pluginConfigs(kustomization, field: "transformers", loader: loader, chain: chain) {
            try applyTransformerPlugin(plugin, loader: loader, into: &accumulation)
        }
    }

    /// One builtin transformer configured in a `transformers:` entry.
    private func applyTransformerPlugin(_ plugin: Node, loader: Loader, into accumulation: inout Accumulation) throws(RenderError) {
        let kind = plugin["kind"]?.text ?? ""
        switch kind {
        case "PatchTransformer":
            try PatchTransformer.apply(try patchEntry(plugin, loader: loader), to: &accumulation.map, schema: accumulation.schema)
        case "PatchStrategicMergeTransformer":
            var patches: [Node] = []
            for item in plugin["paths"]?.elements ?? [] { patches += try strategicMergePatches(item, loader: loader) }
            if let inline = plugin["patches"]?.text {
                patches += try Kustomization.parseDocuments(Array(inline.utf8), path: plugin.origin?.file ?? loader.root)
            }
            try PatchTransformer.applyStrategicMerge(patches, to: &accumulation.map, schema: accumulation.schema)
        case "PatchJson6902Transformer":
            let text = try json6902Text(plugin, inlineKey: "jsonOp", loader: loader, what: "PatchJson6902Transformer")
            try PatchTransformer.applyJSON6902(text, origin: plugin.origin ?? Origin(file: loader.root, line: 1, column: 1),
                                               target: plugin["target"] ?? .mapping(), to: &accumulation.map)
        case "ReplacementTransformer":
            try Replacements.apply(try replacementSpecs(plugin["replacements"]?.elements ?? [], loader: loader), to: &accumulation.map)
        case "SortOrderTransformer":
            throw RenderError(.unsupported,
                "unable to load builtin SortOrderTransformer.builtin.[noGrp]/\(plugin[path: ["metadata", "name"]]?.text ?? "").[noNs]: use sortOptions in the kustomization instead",
                at: plugin.origin)
        default:
            if try Transformers.applyPluginConfig(plugin, to: &accumulation.map, config: accumulation.config) { return }
            throw PluginConfigs.unsupported(plugin)
        }
    }

    // MARK: Inputs

    func fileReader(_ loader: Loader) -> GeneratorFileReader {
        { (reference: String) throws(RenderError) -> (path: String, bytes: [UInt8]) in
            try loader.read(reference, at: nil)
        }
    }

    /// A JSON 6902 patch given inline (`patch:` in the kustomization, `jsonOp:` in a plugin config) or by `path:`.
    private func json6902Text(_ item: Node, inlineKey: String, loader: Loader, what: String) throws(RenderError) -> String {
        if let inline = item[inlineKey]?.text { return inline }
        guard let reference = item["path"]?.text else {
            throw RenderError(.invalid, "\(what) needs '\(inlineKey)' or 'path'", at: item.origin)
        }
        return String(decoding: try loader.read(reference, at: item.origin).bytes, as: UTF8.self)
    }

    /// A `patchesStrategicMerge` item: a file path, or an inline patch (kustomize tries the path first).
    private func strategicMergePatches(_ item: Node, loader: Loader) throws(RenderError) -> [Node] {
        guard let text = item.text else {
            if item.isMapping { return [item] }
            throw RenderError(.invalid, "patchesStrategicMerge entries are paths or inline patches", at: item.origin)
        }
        if !text.contains("\n"), let path = try? loader.resolve(text, at: item.origin), fileSystem.isFile(path) {
            let file = try loader.read(text, at: item.origin)
            return try Kustomization.parseDocuments(file.bytes, path: file.path)
        }
        let documents = try Kustomization.parseDocuments(Array(text.utf8), path: item.origin?.file ?? loader.root)
        guard documents.contains(where: \.isMapping) else {
            throw RenderError(.missing, "'\(Kustomization.displayPath((try? loader.resolve(text, at: nil)) ?? text))' doesn't exist", at: item.origin)
        }
        return documents.map { $0.shifted(into: item.origin) }
    }

    private func patchEntry(_ item: Node, loader: Loader) throws(RenderError) -> PatchEntry {
        if let inline = item["patch"]?.text {
            let origin = item["patch"]?.origin ?? item.origin ?? Origin(file: loader.root, line: 1, column: 1)
            return PatchEntry(text: inline, origin: origin, target: item["target"], options: item["options"], isInline: true)
        }
        guard let reference = item["path"]?.text else {
            throw RenderError(.invalid, "a patch needs 'path' or 'patch'", at: item.origin)
        }
        let file = try loader.read(reference, at: item["path"]?.origin)
        return PatchEntry(text: String(decoding: file.bytes, as: UTF8.self), origin: Origin(file: file.path, line: 1, column: 1),
                          target: item["target"], options: item["options"])
    }

    /// `replacements:` items are inline specs or `path:` references to files of specs.
    private func replacementSpecs(_ items: [Node], loader: Loader) throws(RenderError) -> [Node] {
        var specs: [Node] = []
        for item in items {
            if let reference = item["path"]?.text, item["source"] == nil {
                let file = try loader.read(reference, at: item.origin)
                for document in try Kustomization.parseDocuments(file.bytes, path: file.path) {
                    specs += document.isSequence ? document.elements : [document]
                }
            } else {
                specs.append(item)
            }
        }
        return specs
    }

    /// Plugin configs named by `generators:` / `transformers:`: inline YAML, files, or kustomization directories.
    private func pluginConfigs(_ kustomization: Kustomization, field: String, loader: Loader,
                               chain: [String]) throws(RenderError) -> [Node] {
        var configs: [Node] = []
        for item in kustomization[field]?.elements ?? [] {
            guard let text = item.text else {
                if item.isMapping { configs.append(item) }
                continue
            }
            if Loader.isRemote(text) {
                throw RenderError(.unsupported, "remote \(field) entry '\(text)' is not fetched", at: item.origin)
            }
            if text.contains("\n") || text.contains(": ") {
                let inline = (try? Kustomization.parseDocuments(Array(text.utf8), path: kustomization.file)) ?? []
                if inline.contains(where: { $0["kind"] != nil }) {
                    configs += inline.filter(\.isMapping).map { $0.shifted(into: item.origin) }
                    continue
                }
            }
            let path = try loader.resolve(text, at: item.origin)
            if fileSystem.isDirectory(path) {
                let sub = try Kustomizer(fileSystem: fileSystem, options: BuildOptions(loadRestriction: options.loadRestriction, reorder: Reorder.none))
                    .build(directory: path)
                configs += sub.resources.map(\.node)
            } else {
                let file = try loader.read(text, at: item.origin)
                configs += try Kustomization.parseDocuments(file.bytes, path: file.path).filter(\.isMapping)
            }
        }
        return configs
    }

    private func kustomizationOrigin(_ kustomization: Kustomization) -> Origin {
        kustomization.node.origin ?? Origin(file: kustomization.file, line: 1, column: 1)
    }
}

enum PluginConfigs {
    static func unsupported(_ config: Node) -> RenderError {
        let kind = config["kind"]?.text ?? "?"
        let apiVersion = config["apiVersion"]?.text ?? ""
        if apiVersion == "builtin" || apiVersion.isEmpty {
            return RenderError(.unsupported, "unable to load builtin \(kind): not supported by Shipshape", at: config.origin)
        }
        return RenderError(.unsupported,
            "external plugins disabled; unable to load external plugin '\(kind)' (\(apiVersion)): exec and KRM function plugins are not run",
            at: config.origin)
    }
}

extension Node {
    /// Inline YAML parsed from a scalar has positions relative to the scalar; map them into the file.
    func shifted(into origin: Origin?) -> Node {
        guard let origin else { return self }
        return mapNodes { node in
            var node = node
            if let inner = node.origin {
                node.origin = Origin(file: origin.file, line: origin.line + inner.line, column: inner.column, changedBy: inner.changedBy)
            }
            return node
        }
    }
}
