extension Transformers {
    /// Sets each label in every field the specs reach (kustomize's LabelTransformer). Values are
    /// always strings, so `version: "1"` stays quoted in the output.
    public static func addLabels(_ labels: [(key: String, value: String)], in map: inout ResourceMap,
                                 specs: [FieldSpec], origin: Origin?, step: String = "labels") throws(RenderError) {
        try setEntries(labels, in: &map, specs: specs, origin: origin, step: step)
    }

    /// The kustomization's `commonAnnotations:` over the configured annotation field specs.
    public static func addAnnotations(_ annotations: [(String, String)], in map: inout ResourceMap,
                                      config: TransformerConfig, origin: Origin?) throws(RenderError) {
        try setEntries(annotations.map { (key: $0.0, value: $0.1) }, in: &map, specs: config.commonAnnotations,
                       origin: origin, step: "commonAnnotations")
    }

    /// The kustomization's `labels:` entries, then its `commonLabels:`, as kustomize configures
    /// its LabelTransformers: an entry reaches `metadata/labels`, plus pod templates with
    /// `includeTemplates`, claim templates with `includeVolumeClaimTemplates`, everything
    /// `commonLabels` reaches (selectors included) with `includeSelectors`, plus its own `fields`.
    static func applyLabels(of kustomization: Kustomization, to map: inout ResourceMap,
                            config: TransformerConfig) throws(RenderError) {
        for entry in kustomization["labels"]?.elements ?? [] {
            let pairs = try stringPairs(entry["pairs"], field: "labels.pairs")
            guard !pairs.isEmpty else { continue }
            try addLabels(pairs, in: &map, specs: try labelSpecs(for: entry, config: config),
                          origin: entry["pairs"]?.origin ?? entry.origin, step: "labels")
        }
        let common = try stringPairs(kustomization["commonLabels"], field: "commonLabels")
        if !common.isEmpty {
            try addLabels(common, in: &map, specs: config.commonLabels, origin: kustomization.origin(of: "commonLabels"),
                          step: "commonLabels")
        }
    }

    /// The field specs of one `labels:` entry.
    public static func labelSpecs(for entry: Node, config: TransformerConfig) throws(RenderError) -> [FieldSpec] {
        var specs = try FieldSpecs.parse(entry["fields"])
        do throws(RenderError) {
            if try flag(entry["includeSelectors"], field: "includeSelectors") {
                try FieldSpecs.merge(config.commonLabels, into: &specs)
            } else {
                if try flag(entry["includeTemplates"], field: "includeTemplates") {
                    try FieldSpecs.merge(config.templateLabels, into: &specs)
                }
                if try flag(entry["includeVolumeClaimTemplates"], field: "includeVolumeClaimTemplates") {
                    try FieldSpecs.merge(config.volumeClaimTemplateLabels, into: &specs)
                }
                try FieldSpecs.merge(FieldSpec(path: ["metadata", "labels"], create: true), into: &specs)
            }
        } catch {
            throw error.prefixed("labels entry: ", at: entry.origin)
        }
        return specs
    }

    /// kustomize's labels/annotations filter: keys in sorted order, each set through every spec,
    /// creating missing maps where a spec says `create`.
    static func setEntries(_ pairs: [(key: String, value: String)], in map: inout ResourceMap, specs: [FieldSpec],
                           origin: Origin?, step: String) throws(RenderError) {
        guard !pairs.isEmpty else { return }
        // A later duplicate key wins, as when kustomize reads the map.
        var values: [String: String] = [:]
        for pair in pairs { values[pair.key] = pair.value }
        let keys = values.keys.sorted()
        for index in map.resources.indices {
            for key in keys {
                let value = Node.string(values[key] ?? "", origin: origin?.changed(by: step))
                for spec in specs {
                    do throws(RenderError) {
                        try FieldPath.visit(spec, in: &map.resources[index].node, creating: .mapping([], origin: origin)) { node in
                            // kustomize's setter leaves a null or scalar where a map should be untouched.
                            if node.isMapping { NodeEdit.set(key, to: value, in: &node) }
                        }
                    } catch {
                        throw error.prefixed("\(step) of \(map.resources[index].id) at path '\(spec.pathString)': ",
                                             at: map.resources[index].source)
                    }
                }
            }
        }
    }
}
