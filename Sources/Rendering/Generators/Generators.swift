/// Reads a file named in a kustomization, relative to its directory, under the engine's load restriction.
public typealias GeneratorFileReader = @Sendable (String) throws(RenderError) -> (path: String, bytes: [UInt8])

/// kustomize's builtin ConfigMap and Secret generators.
public enum Generators {
    /// configMapGenerator then secretGenerator items of a kustomization, with its generatorOptions.
    public static func resources(for kustomization: Kustomization, read: GeneratorFileReader) throws(RenderError) -> [Resource] {
        var global: GeneratorOptions?
        if let options = kustomization["generatorOptions"], !options.isNull {
            global = try GeneratorOptions(parsing: options, field: "generatorOptions")
        }
        var result: [Resource] = []
        for kind in [GeneratedKind.configMap, .secret] {
            guard let list = kustomization[kind.field], !list.isNull else { continue }
            guard list.isSequence else {
                throw RenderError(.invalid, "\(kind.field) must be a list", at: list.origin)
            }
            let fallback = list.origin ?? Origin(file: kustomization.file, line: 1, column: 1)
            for item in list.elements {
                var args = try GeneratorArgs(parsing: item, kind: kind, step: kind.field, legacyEnv: true, fallbackOrigin: fallback)
                args.options = GeneratorOptions.merging(local: args.options, global: global)
                result.append(try generate(args, read: read))
            }
        }
        return result
    }

    /// One builtin generator config from the `generators:` field (kind ConfigMapGenerator/SecretGenerator,
    /// args at top level, metadata.name/namespace).
    public static func resources(forPluginConfig config: Node, read: GeneratorFileReader) throws(RenderError) -> [Resource] {
        let kindName = config["kind"]?.text ?? ""
        let kind: GeneratedKind
        switch kindName {
        case "ConfigMapGenerator": kind = .configMap
        case "SecretGenerator": kind = .secret
        default:
            throw RenderError(.unsupported, "generator kind \(kindName.isEmpty ? "(none)" : kindName) is not a builtin ConfigMap or Secret generator", at: config.origin)
        }
        let fallback = config.origin ?? Origin(file: "", line: 1, column: 1)
        var args = try GeneratorArgs(parsing: config, kind: kind, step: kindName, legacyEnv: false, fallbackOrigin: fallback)
        // The plugin's own name and namespace fields win over its metadata.
        if args.name.isEmpty { args.name = config[path: ["metadata", "name"]]?.text ?? "" }
        if args.namespace.isEmpty { args.namespace = config[path: ["metadata", "namespace"]]?.text ?? "" }
        return [try generate(args, read: read)]
    }

    /// Adds generated resources to a map, honouring behavior create/merge/replace against existing resources
    /// (matching like kustomize, including merging into a generated or non-generated base object and error texts).
    public static func absorb(_ generated: [Resource], into map: inout ResourceMap) throws(RenderError) {
        for resource in generated { try GeneratorMerge.absorb(resource, into: &map) }
    }

    /// At the end of the top-level build: appends "-<hash>" to every resource with needsHashSuffix
    /// (and records the previous id). Clears `needsHashSuffix` on the resources it renames.
    public static func appendHashSuffixes(to map: inout ResourceMap) throws(RenderError) {
        try GeneratorMerge.appendHashSuffixes(to: &map)
    }

    /// kustomize's content hash of a ConfigMap or Secret: the 10-character name suffix.
    public static func hash(of node: Node) throws(RenderError) -> String {
        try ContentHash.hash(of: node)
    }

    private static func generate(_ args: GeneratorArgs, read: GeneratorFileReader) throws(RenderError) -> Resource {
        // kustomize reports a missing name before it reads any source.
        guard !args.name.isEmpty else {
            throw RenderError(.invalid, "a configmap must have a name", at: args.origin)
        }
        let pairs = try KeyValueSources(args: args).pairs(read: read)
        return try GeneratedObject.resource(for: args, pairs: pairs)
    }
}
