/// kustomize's `GeneratorOptions`: what a kustomization's `generatorOptions` or one entry's
/// `options` may set on generated objects.
struct GeneratorOptions: Sendable, Equatable {
    /// Keys with their value nodes, in the order written (the emitter sorts them anyway).
    var labels: [Node.Entry] = []
    var annotations: [Node.Entry] = []
    var disableNameSuffixHash = false
    var immutable = false

    init() {}

    init(parsing node: Node, field: String) throws(RenderError) {
        guard node.isMapping else {
            if node.isNull { return }
            throw RenderError(.invalid, "\(field) must be a mapping", at: node.origin)
        }
        labels = try Self.stringMap(node["labels"], field: "\(field).labels")
        annotations = try Self.stringMap(node["annotations"], field: "\(field).annotations")
        disableNameSuffixHash = try Self.flag(node["disableNameSuffixHash"], field: "\(field).disableNameSuffixHash")
        immutable = try Self.flag(node["immutable"], field: "\(field).immutable")
    }

    /// kustomize's `MergeGlobalOptionsIntoLocal`: local labels and annotations win key by key;
    /// a global `true` switch cannot be turned off locally, because a Go bool cannot tell an
    /// explicit `false` from an absent one.
    static func merging(local: GeneratorOptions?, global: GeneratorOptions?) -> GeneratorOptions? {
        guard let global else { return local }
        var merged = local ?? GeneratorOptions()
        for entry in global.labels where !merged.labels.contains(where: { $0.key == entry.key }) {
            merged.labels.append(entry)
        }
        for entry in global.annotations where !merged.annotations.contains(where: { $0.key == entry.key }) {
            merged.annotations.append(entry)
        }
        merged.disableNameSuffixHash = merged.disableNameSuffixHash || global.disableNameSuffixHash
        merged.immutable = merged.immutable || global.immutable
        return merged
    }

    private static func stringMap(_ node: Node?, field: String) throws(RenderError) -> [Node.Entry] {
        guard let node, !node.isNull else { return [] }
        guard node.isMapping else { throw RenderError(.invalid, "\(field) must be a map of strings", at: node.origin) }
        var result: [Node.Entry] = []
        for entry in node.entries {
            guard let scalar = entry.value.scalar else {
                throw RenderError(.invalid, "\(field).\(entry.key) must be a string", at: entry.value.origin)
            }
            let text = scalar.tag == .null ? "" : scalar.text
            result.append(Node.Entry(key: entry.key, value: .string(text, origin: entry.value.origin)))
        }
        return result
    }

    private static func flag(_ node: Node?, field: String) throws(RenderError) -> Bool {
        guard let node, !node.isNull else { return false }
        guard let scalar = node.scalar, scalar.tag == .bool else {
            throw RenderError(.invalid, "\(field) must be true or false", at: node.origin)
        }
        return scalar.text.lowercased() == "true"
    }
}

/// Which object a generator entry makes.
enum GeneratedKind: String, Sendable {
    case configMap = "ConfigMap"
    case secret = "Secret"

    /// The kustomization field that configures it, used as the step name in origins.
    var field: String { self == .configMap ? "configMapGenerator" : "secretGenerator" }
}

/// One `configMapGenerator`/`secretGenerator` item (kustomize's `ConfigMapArgs`/`SecretArgs`),
/// read from the kustomization or from a builtin generator config.
struct GeneratorArgs: Sendable {
    var kind: GeneratedKind
    var name = ""
    var namespace = ""
    var behavior: GeneratorBehavior?
    var literals: [Node] = []
    var files: [Node] = []
    var envs: [Node] = []
    /// Secrets only; kustomize defaults it to `Opaque`.
    var secretType: String?
    var options: GeneratorOptions?
    /// The generator entry, for diagnostics and provenance.
    var origin: Origin
    /// Names the step in the origins of generated values.
    var step: String

    init(kind: GeneratedKind, origin: Origin, step: String) {
        self.kind = kind
        self.origin = origin
        self.step = step
    }

    /// Reads one entry. `legacyEnv` says whether the deprecated single `env` field counts:
    /// kustomize folds it into `envs` when it loads a kustomization file, but not for
    /// generator configs given under `generators:`.
    init(parsing node: Node, kind: GeneratedKind, step: String, legacyEnv: Bool, fallbackOrigin: Origin) throws(RenderError) {
        let origin = node.origin ?? fallbackOrigin
        self.init(kind: kind, origin: origin, step: step)
        guard node.isMapping else {
            throw RenderError(.invalid, "each \(kind.field) item must be a mapping", at: origin)
        }
        name = try Self.string(node["name"], field: "name")
        namespace = try Self.string(node["namespace"], field: "namespace")
        // kustomize maps any other value, or none, to "unspecified", which acts like create.
        behavior = GeneratorBehavior(rawValue: try Self.string(node["behavior"], field: "behavior"))
        literals = try Self.list(node["literals"], field: "literals")
        files = try Self.list(node["files"], field: "files")
        envs = try Self.list(node["envs"], field: "envs")
        if legacyEnv, let env = node["env"], !env.isNull {
            guard env.text != nil else { throw RenderError(.invalid, "env must be a string", at: env.origin) }
            if !(env.text ?? "").isEmpty { envs.append(env) }
        }
        if kind == .secret, let type = node["type"], !type.isNull {
            secretType = try Self.string(type, field: "type")
        }
        if let options = node["options"], !options.isNull {
            self.options = try GeneratorOptions(parsing: options, field: "options")
        }
    }

    private static func string(_ node: Node?, field: String) throws(RenderError) -> String {
        guard let node, !node.isNull else { return "" }
        guard let text = node.text else { throw RenderError(.invalid, "\(field) must be a string", at: node.origin) }
        return text
    }

    private static func list(_ node: Node?, field: String) throws(RenderError) -> [Node] {
        guard let node, !node.isNull else { return [] }
        guard node.isSequence else { throw RenderError(.invalid, "\(field) must be a list of strings", at: node.origin) }
        for item in node.elements where item.text == nil && !item.isNull {
            throw RenderError(.invalid, "\(field) must be a list of strings", at: item.origin)
        }
        // A null item decodes to "" in kustomize, which then fails as a malformed source.
        return node.elements.map { $0.isNull ? .string("", origin: $0.origin) : $0 }
    }
}
