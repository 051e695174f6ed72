extension Transformers {
    /// Runs a builtin transformer configured in a `transformers:` entry (`apiVersion: builtin`)
    /// with its own field specs. Returns false for kinds handled elsewhere or not at all.
    public static func applyPluginConfig(_ plugin: Node, to map: inout ResourceMap,
                                         config: TransformerConfig) throws(RenderError) -> Bool {
        let apiVersion = plugin["apiVersion"]?.text ?? ""
        guard apiVersion == "builtin" || apiVersion.isEmpty, let kind = plugin["kind"]?.text else { return false }
        let name = plugin[path: ["metadata", "name"]]?.text
        let step = name.map { "\(kind) \($0)" } ?? kind
        let origin = plugin.origin
        switch kind {
        case "NamespaceTransformer":
            let namespace = configString(plugin[path: ["metadata", "namespace"]]) ?? ""
            try setNamespace(namespace, specs: try FieldSpecs.parse(plugin["fieldSpecs"]), in: &map,
                             origin: plugin[path: ["metadata", "namespace"]]?.origin ?? origin,
                             unsetOnly: try flag(plugin["unsetOnly"], field: "unsetOnly"),
                             subjects: try roleBindingSubjects(plugin["setRoleBindingSubjects"]), step: step)
        case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
            guard let specsNode = plugin["fieldSpecs"], !specsNode.isNull else {
                throw RenderError(.invalid, "fieldSpecs is not expected to be nil", at: origin)
            }
            let specs = try FieldSpecs.parse(specsNode)
            if kind != "SuffixTransformer" {
                try addAffix(.prefix(configString(plugin["prefix"]) ?? ""), specs: specs, in: &map,
                             origin: plugin["prefix"]?.origin ?? origin, step: step)
            }
            if kind != "PrefixTransformer" {
                try addAffix(.suffix(configString(plugin["suffix"]) ?? ""), specs: specs, in: &map,
                             origin: plugin["suffix"]?.origin ?? origin, step: step)
            }
        case "LabelTransformer":
            try setEntries(try stringPairs(plugin["labels"], field: "labels"), in: &map,
                           specs: try FieldSpecs.parse(plugin["fieldSpecs"]), origin: plugin["labels"]?.origin ?? origin, step: step)
        case "AnnotationsTransformer":
            try setEntries(try stringPairs(plugin["annotations"], field: "annotations"), in: &map,
                           specs: try FieldSpecs.parse(plugin["fieldSpecs"]), origin: plugin["annotations"]?.origin ?? origin, step: step)
        case "ImageTagTransformer":
            let image = plugin["imageTag"] ?? .mapping()
            try setImage(try ImageRule(parsing: image), specs: try FieldSpecs.parse(plugin["fieldSpecs"]), in: &map,
                         origin: image.origin ?? origin, step: step)
        case "ReplicaCountTransformer":
            let replica = plugin["replica"] ?? .mapping()
            let (name, count) = try replicaSetting(replica)
            try setReplicas(name: name, count: count, specs: try FieldSpecs.parse(plugin["fieldSpecs"]), in: &map,
                            origin: replica.origin ?? origin, step: step)
        default:
            return false
        }
        return true
    }

    private static func roleBindingSubjects(_ node: Node?) throws(RenderError) -> RoleBindingSubjects {
        let text = configString(node) ?? ""
        if text.isEmpty { return .defaultOnly }
        guard let mode = RoleBindingSubjects(rawValue: text) else {
            throw RenderError(.invalid,
                "invalid value \"\(text)\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" or \"allServiceAccounts\"",
                at: node?.origin)
        }
        return mode
    }
}
