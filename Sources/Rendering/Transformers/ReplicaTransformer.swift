extension Transformers {
    /// The kustomization's `replicas:` entries (`name`, `count`), one kustomize ReplicaCountTransformer each.
    public static func setReplicas(_ replicas: [Node], in map: inout ResourceMap, config: TransformerConfig,
                                   origin: Origin?) throws(RenderError) {
        for replica in replicas {
            let (name, count) = try replicaSetting(replica)
            try setReplicas(name: name, count: count, specs: config.replicas, in: &map,
                            origin: replica["count"]?.origin ?? replica.origin ?? origin, step: "replicas")
        }
    }

    static func replicaSetting(_ node: Node) throws(RenderError) -> (name: String, count: Int64) {
        guard node.isMapping else {
            throw RenderError(.invalid, "a replicas entry must be a mapping with 'name' and 'count'", at: node.origin)
        }
        var count: Int64 = 0
        if let value = node["count"], !value.isNull {
            guard let scalar = value.scalar, scalar.tag == .int,
                  let parsed = ScalarResolver.integerValue(String(scalar.text.filter { $0 != "_" })) else {
                throw RenderError(.invalid, "replicas count must be an integer, not '\(value.text ?? "")'", at: value.origin)
            }
            count = parsed
        }
        return (configString(node["name"]) ?? "", count)
    }

    /// kustomize's ReplicaCountTransformer: objects whose current or earlier name is `name` and
    /// whose kind a spec selects get `count` there; no such object at all is an error.
    static func setReplicas(name: String, count: Int64, specs: [FieldSpec], in map: inout ResourceMap, origin: Origin?,
                            step: String) throws(RenderError) {
        var found = false
        for spec in specs {
            let targets = map.resources.indices.filter { index in
                map.resources[index].allIDs.contains { $0.name == name && $0.gvk.isSelected(by: spec.gvk) }
            }
            found = found || !targets.isEmpty
            let value = Node.scalar(String(count), tag: .int, origin: origin?.changed(by: step))
            for index in targets {
                do throws(RenderError) {
                    try FieldPath.visit(spec, in: &map.resources[index].node, creating: value) { (node: inout Node) throws(RenderError) in
                        guard node.isScalar else {
                            throw RenderError(.transform, "replicas can only be set on a number field", at: node.origin)
                        }
                        node = value
                    }
                } catch {
                    throw error.prefixed("replicas of \(map.resources[index].id): ", at: map.resources[index].source)
                }
            }
        }
        if !found {
            let kinds = specs.map { "\($0.gvk.kind.isEmpty ? "[noKind]" : $0.gvk.kind).\($0.gvk.version.isEmpty ? "[noVer]" : $0.gvk.version).\($0.gvk.group.isEmpty ? "[noGrp]" : $0.gvk.group)" }
            throw RenderError(.transform,
                "resource with name \(name) does not match a config with the following GVK [\(kinds.joined(separator: " "))]",
                at: origin)
        }
    }
}
