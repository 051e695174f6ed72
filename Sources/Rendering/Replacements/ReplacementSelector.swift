/// A replacement's `source`, `select` or `reject` (kustomize's `types.Selector`): group, version,
/// kind, name and namespace are regular expressions matched against the whole value (so a plain
/// name still means itself), plus optional label and annotation selector expressions.
struct ReplacementSelector {
    var group = "", version = "", kind = "", name = "", namespace = ""
    var labelSelector = "", annotationSelector = ""

    private var patterns: [ReplacementPattern?] = []
    private var labels: ReplacementLabelQuery?
    private var annotations: ReplacementLabelQuery?

    init(_ node: Node) throws(RenderError) {
        guard node.isMapping else {
            throw RenderError(.invalid, "a replacement selector must be a mapping, not a \(node.kindName)", at: node.origin)
        }
        group = try ReplacementSpec.string("group", in: node) ?? ""
        version = try ReplacementSpec.string("version", in: node) ?? ""
        kind = try ReplacementSpec.string("kind", in: node) ?? ""
        name = try ReplacementSpec.string("name", in: node) ?? ""
        namespace = try ReplacementSpec.string("namespace", in: node) ?? ""
        labelSelector = try ReplacementSpec.string("labelSelector", in: node) ?? ""
        annotationSelector = try ReplacementSpec.string("annotationSelector", in: node) ?? ""
        for text in [group, version, kind, name, namespace] {
            patterns.append(text.isEmpty ? nil : try ReplacementPattern(text))
        }
        if !labelSelector.isEmpty { labels = try ReplacementLabelQuery(labelSelector) }
        if !annotationSelector.isEmpty { annotations = try ReplacementLabelQuery(annotationSelector) }
    }

    /// No group, version, kind, name or namespace (kustomize's `ResId.IsEmpty`).
    var isEmptyID: Bool { patterns.allSatisfy { $0 == nil } }

    var hasMetadataSelectors: Bool { labels != nil || annotations != nil }

    /// The selector printed as kustomize's `ResId.String()`.
    var idDescription: String {
        ResourceID(gvk: GVK(group: group, version: version, kind: kind), name: name, namespace: namespace).description
    }

    /// Whether `id` matches every field that is set.
    func selects(_ id: ResourceID) -> Bool {
        let values = [id.gvk.group, id.gvk.version, id.gvk.kind, id.name, id.namespace]
        for (index, pattern) in patterns.enumerated() {
            guard let pattern else { continue }
            if pattern.matchesWhole(values[index]) { continue }
            // An unset namespace is the default one for namespaced kinds, as in kustomize's IsNsEquals.
            if index == 4, namespace == "default", id.namespace.isEmpty, !id.gvk.isClusterScoped { continue }
            return false
        }
        return true
    }

    /// Whether the object's labels and annotations satisfy the selector expressions (empty ones match).
    func matchesMetadata(of resource: Resource) -> Bool {
        if let labels, !labels.matches(resource.labels()) { return false }
        if let annotations, !annotations.matches(resource.annotations) { return false }
        return true
    }
}
