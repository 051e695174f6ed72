/// One item of `patches:`, its file already read by the engine.
public struct PatchEntry: Sendable {
    /// The patch text (`patch:` inline, or the contents of `path:`).
    public var text: String
    /// The patch file, or for an inline patch the position of its `patch:` value.
    public var origin: Origin
    public var target: Node?
    public var options: Node?
    /// Inline patches have positions relative to their text; they are shifted to `origin`.
    public var isInline: Bool

    public init(text: String, origin: Origin, target: Node? = nil, options: Node? = nil, isInline: Bool = false) {
        self.text = text
        self.origin = origin
        self.target = target
        self.options = options
        self.isInline = isInline
    }

    /// The step name recorded on every value the patch writes.
    var step: String { "patch \(origin.file)" }

    func option(_ name: String) -> Bool { options?[name]?.text == "true" }
}

/// kustomize's PatchTransformer, PatchStrategicMergeTransformer and PatchJson6902Transformer.
public enum PatchTransformer {
    /// A `patches:` item: a strategic-merge patch (one or more YAML documents) or a JSON 6902
    /// patch (one list), told apart by shape as kustomize does. Without `target`, each
    /// strategic-merge document patches the one resource whose current or previous id is the
    /// document's own; with it, every selected resource. An empty patch does nothing.
    public static func apply(_ entry: PatchEntry, to map: inout ResourceMap, schema: PatchSchema) throws(RenderError) {
        let documents = try parse(entry)
        guard !documents.isEmpty else { return }
        let selector = try entry.target.map { node throws(RenderError) in try Selector(node: node) }
        if documents.count == 1, let list = documents.first, list.isSequence {
            guard let selector else {
                throw RenderError(.invalid, "must specify a target for patch \(entry.text)", at: entry.origin)
            }
            let patch = try JSONPatch(operations: list, origin: entry.origin)
            for index in map.resources.indices where selector.matches(map.resources[index]) {
                map.resources[index].rememberID()
                map.resources[index].node = try patch.apply(to: map.resources[index].node, step: entry.step)
            }
            return
        }
        guard documents.allSatisfy(\.isMapping) else {
            throw RenderError(.invalid, "unable to parse SM or JSON patch from [\(entry.text)]", at: entry.origin)
        }
        let change = IdentityChange(name: entry.option("allowNameChange"), kind: entry.option("allowKindChange"))
        for patch in documents {
            if let selector {
                let selected = Set(map.resources.indices.filter { selector.matches(map.resources[$0]) })
                try patchAll(selected, with: patch, in: &map, schema: schema, change: change, step: entry.step)
            } else {
                let id = patchID(patch)
                let index: Int
                do {
                    index = try uniqueTarget(id, in: map, origin: patch.origin ?? entry.origin)
                } catch {
                    throw RenderError(error.kind, "unable to find patch target \(id.name): \(error.message)", at: error.location)
                }
                if let patched = try patchOne(map.resources[index], with: patch, schema: schema, change: change, step: entry.step) {
                    map.resources[index] = patched
                } else {
                    map.resources.remove(at: index)
                }
            }
        }
    }

    /// Legacy `patchesStrategicMerge`: each patch (already parsed, in order) goes to the one
    /// resource with its id.
    public static func applyStrategicMerge(_ patches: [Node], to map: inout ResourceMap, schema: PatchSchema) throws(RenderError) {
        for patch in patches {
            guard patch.isMapping else {
                throw RenderError(.invalid, "a strategic merge patch must be a mapping", at: patch.origin)
            }
            let index = try uniqueTarget(patchID(patch), in: map, origin: patch.origin)
            let step = "patch \(patch.origin?.file ?? "patchesStrategicMerge")"
            try patchAll([index], with: patch, in: &map, schema: schema, change: IdentityChange(), step: step)
        }
    }

    /// Legacy `patchesJson6902` item: `target` must name a resource, and something must match.
    public static func applyJSON6902(_ text: String, origin: Origin, target: Node, to map: inout ResourceMap) throws(RenderError) {
        let selector = try Selector(node: target)
        guard !selector.name.isEmpty else {
            throw RenderError(.invalid, "must specify the target name", at: target.origin ?? origin)
        }
        let patch = try JSONPatch(parsing: text, origin: origin)
        guard !patch.operations.isEmpty else {
            throw RenderError(.invalid, "patch appears to be empty; file=\(origin.file)", at: origin)
        }
        let selected = map.resources.indices.filter { selector.matches(map.resources[$0]) }
        guard !selected.isEmpty else {
            let id = ResourceID(gvk: GVK(group: selector.group, version: selector.version, kind: selector.kind),
                                name: selector.name, namespace: selector.namespace)
            throw RenderError(.missing, "patchesJson6902 target not found for \(id)", at: target.origin ?? origin)
        }
        for index in selected {
            map.resources[index].node = try patch.apply(to: map.resources[index].node, step: "patch \(origin.file)")
        }
    }
}

// MARK: Strategic merge on resources

extension PatchTransformer {
    /// `options.allowNameChange` / `allowKindChange`.
    struct IdentityChange {
        var name = false
        var kind = false
    }

    /// kustomize's `Resource.ApplySmPatch`: the merge may not rename, re-kind (unless allowed)
    /// or move the resource to another namespace. Returns nil when the patch deletes it.
    static func patchOne(_ resource: Resource, with patch: Node, schema: PatchSchema,
                         change: IdentityChange, step: String) throws(RenderError) -> Resource? {
        var resource = resource
        let kept = (name: resource.node[path: ["metadata", "name"]],
                    namespace: resource.node[path: ["metadata", "namespace"]],
                    kind: resource.node["kind"])
        if change.name || change.kind { resource.rememberID() }
        guard var merged = try StrategicMerge.apply(patch, to: resource.node, gvk: resource.gvk,
                                                    schema: schema, step: step) else { return nil }
        if !change.kind { merged["kind"] = kept.kind }
        if !change.name { Self.setMetadata(&merged, "name", kept.name) }
        Self.setMetadata(&merged, "namespace", kept.namespace)
        resource.node = merged
        return resource
    }

    private static func setMetadata(_ node: inout Node, _ key: String, _ value: Node?) {
        if node["metadata"] == nil && value == nil { return }
        node[path: ["metadata", key]] = value
    }

    /// kustomize's `ResMap.ApplySmPatch`: patches the selected resources with a copy of the patch
    /// carrying each one's apiVersion, drops deleted ones, and refuses resulting duplicate ids.
    static func patchAll(_ selected: Set<Int>, with patch: Node, in map: inout ResourceMap, schema: PatchSchema,
                         change: IdentityChange, step: String) throws(RenderError) {
        var survivors: [Resource] = []
        for (index, resource) in map.resources.enumerated() {
            guard selected.contains(index) else {
                survivors.append(resource)
                continue
            }
            var copy = patch
            copy["apiVersion"] = .string(resource.apiVersion, origin: patch["apiVersion"]?.origin ?? patch.origin)
            copy["kind"] = .string(patch["kind"]?.text ?? "", origin: patch["kind"]?.origin ?? patch.origin)
            if let patched = try patchOne(resource, with: copy, schema: schema, change: change, step: step) {
                survivors.append(patched)
            }
        }
        var rebuilt = ResourceMap()
        for resource in survivors { try rebuilt.append(resource) }
        map = rebuilt
    }

    /// The id a target-less strategic-merge patch names (kustomize's patch `OrgId`).
    static func patchID(_ patch: Node) -> ResourceID {
        ResourceID(gvk: GVK(apiVersion: patch["apiVersion"]?.text ?? "", kind: patch["kind"]?.text ?? ""),
                   name: patch[path: ["metadata", "name"]]?.text ?? "",
                   namespace: patch[path: ["metadata", "namespace"]]?.text ?? "")
    }

    /// kustomize's `GetById`: exactly one resource whose current or previous id matches.
    static func uniqueTarget(_ id: ResourceID, in map: ResourceMap, origin: Origin?) throws(RenderError) -> Int {
        let matches = map.indexes(anyID: id)
        if matches.count == 1 { return matches[0] }
        let problem = matches.isEmpty ? "no matches for Id \(id)" : "multiple matches for Id \(id)"
        throw RenderError(.conflict, "\(problem); failed to find unique target for patch \(id)", at: origin)
    }

    /// Parses the patch text into documents; inline patches get positions in the kustomization.
    static func parse(_ entry: PatchEntry) throws(RenderError) -> [Node] {
        let documents = try Kustomization.parseDocuments(Array(entry.text.utf8), path: entry.origin.file)
        guard entry.isInline else { return documents.filter { !$0.isNull } }
        let base = entry.origin
        return documents.filter { !$0.isNull }.map { document in
            document.mapNodes { node in
                var node = node
                let line = node.origin?.line ?? 1
                let column = node.origin?.column ?? 1
                // A block scalar's text starts on the line after `patch:`.
                node.origin = Origin(file: base.file, line: base.line + line, column: base.column + column + 1)
                return node
            }
        }
    }
}
