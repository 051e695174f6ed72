extension Transformers {
    /// The kustomization's `namePrefix:` and `nameSuffix:` (kustomize's PrefixTransformer, then
    /// SuffixTransformer, over the configured field specs). CRDs, APIServices and Namespaces keep
    /// their names; renamed objects remember the affix so name references can be matched later.
    public static func addNameAffixes(prefix: String, suffix: String, in map: inout ResourceMap,
                                      config: TransformerConfig, origin: Origin?,
                                      suffixOrigin: Origin? = nil) throws(RenderError) {
        if !prefix.isEmpty {
            try addAffix(.prefix(prefix), specs: config.namePrefix, in: &map, origin: origin, step: "namePrefix")
        }
        if !suffix.isEmpty {
            try addAffix(.suffix(suffix), specs: config.nameSuffix, in: &map, origin: suffixOrigin ?? origin, step: "nameSuffix")
        }
    }

    enum NameAffix {
        case prefix(String), suffix(String)

        var text: String {
            switch self {
            case .prefix(let text), .suffix(let text): return text
            }
        }

        func applied(to name: String) -> String {
            switch self {
            case .prefix(let text): return text + name
            case .suffix(let text): return name + text
            }
        }
    }

    /// Kinds whose names are never affixed; matched against the id the object was loaded with.
    private static let unaffixedKinds = [
        GVK(kind: "CustomResourceDefinition"),
        GVK(group: "apiregistration.k8s.io", kind: "APIService"),
        GVK(kind: "Namespace"),
    ]

    static func addAffix(_ affix: NameAffix, specs: [FieldSpec], in map: inout ResourceMap, origin: Origin?,
                         step: String) throws(RenderError) {
        for index in map.resources.indices {
            let original = map.resources[index].originalID.gvk
            if unaffixedKinds.contains(where: { original.isSelected(by: $0) }) { continue }
            for spec in specs where original.isSelected(by: spec.gvk) {
                if spec.path == ["metadata", "name"], !affix.text.isEmpty {
                    switch affix {
                    case .prefix(let text): map.resources[index].prefixes.append(text)
                    case .suffix(let text): map.resources[index].suffixes.append(text)
                    }
                    map.resources[index].rememberID()
                }
                do throws(RenderError) {
                    try FieldPath.visit(spec, in: &map.resources[index].node, creating: .string("", origin: origin)) {
                        (node: inout Node) throws(RenderError) in
                        guard node.isScalar else {
                            throw RenderError(.transform, "a name \(step) can only change a string field", at: node.origin)
                        }
                        node = NodeEdit.string(affix.applied(to: node.text ?? ""), replacing: node, origin: origin, step: step)
                    }
                } catch {
                    throw error.prefixed("\(step) of \(map.resources[index].id) at path '\(spec.pathString)': ",
                                         at: map.resources[index].source)
                }
            }
        }
    }
}
