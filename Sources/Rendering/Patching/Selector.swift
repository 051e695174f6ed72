/// A patch `target:` (kustomize's `types.Selector`): group, version, kind, name and namespace are
/// regular expressions matched against the whole value; labels and annotations use Kubernetes
/// label-selector syntax. Empty fields match anything.
public struct Selector: Sendable {
    public var group: String
    public var version: String
    public var kind: String
    public var name: String
    public var namespace: String
    public var labelSelector: LabelSelector?
    public var annotationSelector: LabelSelector?
    private let patterns: Patterns

    public init(node: Node) throws(RenderError) {
        guard node.isMapping else {
            throw RenderError(.invalid, "patch target must be a mapping", at: node.origin)
        }
        func field(_ key: String) -> String { node[key]?.text ?? "" }
        group = field("group")
        version = field("version")
        kind = field("kind")
        name = field("name")
        namespace = field("namespace")
        let labels = field("labelSelector")
        let annotations = field("annotationSelector")
        labelSelector = labels.isEmpty ? nil : try LabelSelector(parsing: labels)
        annotationSelector = annotations.isEmpty ? nil : try LabelSelector(parsing: annotations)
        patterns = try Patterns(group: group, version: version, kind: kind, name: name, namespace: namespace,
                                origin: node.origin)
    }

    /// kustomize's `ResMap.Select`: name and namespace may match the resource's original or
    /// current id; group, version, kind, labels and annotations are matched as they are now.
    public func matches(_ resource: Resource) -> Bool {
        let current = resource.id
        let original = resource.originalID
        guard patterns.namespace.map({ Self.full($0, Self.namespace(of: original)) || Self.full($0, Self.namespace(of: current)) }) ?? true,
              patterns.name.map({ Self.full($0, original.name) || Self.full($0, current.name) }) ?? true,
              patterns.group.map({ Self.full($0, current.gvk.group) }) ?? true,
              patterns.version.map({ Self.full($0, current.gvk.version) }) ?? true,
              patterns.kind.map({ Self.full($0, current.gvk.kind) }) ?? true
        else { return false }
        if let labelSelector, !labelSelector.matches(resource.labels()) { return false }
        if let annotationSelector, !annotationSelector.matches(resource.annotations) { return false }
        return true
    }

    /// kustomize's `EffectiveNamespace`: cluster-scoped kinds get a placeholder no user namespace equals.
    private static func namespace(of id: ResourceID) -> String {
        id.gvk.isClusterScoped ? "_non_namespaceable_" : id.effectiveNamespace
    }

    private static func full(_ regex: Regex<AnyRegexOutput>, _ text: String) -> Bool {
        (try? regex.wholeMatch(in: text)) != nil
    }

    /// Compiled expressions; nil where the selector field is empty.
    private final class Patterns: @unchecked Sendable {
        // Regex values are immutable once compiled; matching does not mutate them.
        let group, version, kind, name, namespace: Regex<AnyRegexOutput>?

        init(group: String, version: String, kind: String, name: String, namespace: String,
             origin: Origin?) throws(RenderError) {
            func compile(_ pattern: String, _ field: String) throws(RenderError) -> Regex<AnyRegexOutput>? {
                guard !pattern.isEmpty else { return nil }
                guard let regex = RegexCache.regex("(?:" + pattern + ")") else {
                    throw RenderError(.invalid, "invalid regular expression in target \(field) '\(pattern)'", at: origin)
                }
                return regex
            }
            self.group = try compile(group, "group")
            self.version = try compile(version, "version")
            self.kind = try compile(kind, "kind")
            self.name = try compile(name, "name")
            self.namespace = try compile(namespace, "namespace")
        }
    }
}
