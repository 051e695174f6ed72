/// How a generated ConfigMap or Secret combines with one of the same name from a base.
public enum GeneratorBehavior: String, Sendable, Hashable {
    case create, merge, replace
}

/// Which builtin generator or transformer was configured where, for kustomize's build annotations.
public struct PluginProvenance: Sendable, Hashable {
    public var configuredIn: String
    public var kind: String
    public var name: String?

    public init(configuredIn: String, kind: String, name: String? = nil) {
        self.configuredIn = configuredIn
        self.kind = kind
        self.name = name
    }
}

/// One object in a build: its tree plus the identity history kustomize keeps in internal
/// annotations (previous names, kinds and namespaces), held here as typed fields instead.
public struct Resource: Sendable {
    public var node: Node
    /// Where the object was read or generated.
    public var source: Origin
    /// Earlier ids, oldest first; the id as loaded is `previousIDs.first ?? id`.
    public var previousIDs: [ResourceID] = []
    /// Name prefixes and suffixes applied so far, innermost first (kustomize's internal prefixes/suffixes).
    public var prefixes: [String] = []
    public var suffixes: [String] = []
    /// Set for generated ConfigMaps and Secrets.
    public var behavior: GeneratorBehavior?
    /// Whether a content hash is appended to the name when the build finishes.
    public var needsHashSuffix = false
    /// For generated objects: the file that configured the generator and its kind (and plugin name).
    public var generator: PluginProvenance?
    /// Builtin transformers that ran over this object, in order (kustomize's transformer annotations).
    public var transformations: [PluginProvenance] = []
    /// Variables (legacy `vars`) whose references were resolved inside this object.
    public var referencedVars: [String] = []

    public init(node: Node, source: Origin) {
        self.node = node
        self.source = source
    }

    public var apiVersion: String { node["apiVersion"]?.text ?? "" }
    public var kind: String { node["kind"]?.text ?? "" }
    public var gvk: GVK { GVK(apiVersion: apiVersion, kind: kind) }

    public var name: String {
        get { node[path: ["metadata", "name"]]?.text ?? "" }
        set { node[path: ["metadata", "name"]] = .string(newValue, origin: node[path: ["metadata", "name"]]?.origin) }
    }

    public var namespace: String {
        get { node[path: ["metadata", "namespace"]]?.text ?? "" }
        set {
            if newValue.isEmpty {
                node[path: ["metadata", "namespace"]] = nil
            } else {
                node[path: ["metadata", "namespace"]] = .string(newValue, origin: node[path: ["metadata", "namespace"]]?.origin)
            }
        }
    }

    /// The current identity.
    public var id: ResourceID { ResourceID(gvk: gvk, name: name, namespace: namespace) }

    /// The identity the object had when it entered the build (kustomize's `OrgId`).
    public var originalID: ResourceID { previousIDs.first ?? id }

    /// Current and previous ids (kustomize's "any id").
    public var allIDs: [ResourceID] { previousIDs + [id] }

    /// Records the current id before a transformer renames, re-kinds or re-namespaces the object.
    public mutating func rememberID() {
        let current = id
        if previousIDs.last != current { previousIDs.append(current) }
    }

    public func labels(at path: [String] = ["metadata", "labels"]) -> [String: String] {
        var result: [String: String] = [:]
        for entry in node[path: path]?.entries ?? [] { result[entry.key] = entry.value.text ?? "" }
        return result
    }

    public var annotations: [String: String] { labels(at: ["metadata", "annotations"]) }
}
