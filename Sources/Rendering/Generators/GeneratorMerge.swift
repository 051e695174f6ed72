/// How generated objects join a build (kustomize's `resWrangler.AbsorbAll`) and how their
/// names get the content hash at the end (kustomize's `HashTransformer`).
enum GeneratorMerge {
    static func absorb(_ incoming: Resource, into map: inout ResourceMap) throws(RenderError) {
        let id = incoming.id
        let matches = map.indexes(anyID: id)
        switch matches.count {
        case 0:
            if incoming.behavior == .merge || incoming.behavior == .replace {
                throw RenderError(.conflict, "id \(goSyntax(id)) does not exist; cannot merge or replace", at: incoming.source)
            }
            try map.append(incoming)
        case 1:
            let index = matches[0]
            let existing = map.resources[index]
            var combined = incoming
            switch incoming.behavior {
            case .replace:
                combined.takeIdentityAndMetadata(from: existing)
            case .merge:
                combined.takeIdentityAndMetadata(from: existing)
                combined.mergeStringMap("data", from: existing)
                combined.mergeStringMap("binaryData", from: existing)
                // A merge keeps the object's origin; a replacement is a new object.
                combined.source = existing.source
                combined.generator = existing.generator
            case .create, nil:
                throw RenderError(.conflict, "id \(goSyntax(id)) exists; behavior must be merge or replace", at: incoming.source)
            }
            map.resources[index] = combined
        default:
            let candidates = matches.map { map.resources[$0].id.description }.joined(separator: " ")
            throw RenderError(.conflict, "found multiple objects [\(candidates)] that could accept merge of \(id)", at: incoming.source)
        }
    }

    static func appendHashSuffixes(to map: inout ResourceMap) throws(RenderError) {
        for index in map.resources.indices where map.resources[index].needsHashSuffix {
            let suffix = try ContentHash.hash(of: map.resources[index].node)
            map.resources[index].rememberID()
            map.resources[index].name += "-" + suffix
            // Done once per build; clearing it keeps a second call from hashing again.
            map.resources[index].needsHashSuffix = false
        }
    }

    /// Go's `%#v` of a kyaml `resid.ResId`, which kustomize prints in merge errors.
    static func goSyntax(_ id: ResourceID) -> String {
        let q = KeyValidation.goQuoted
        return "resid.ResId{Gvk:resid.Gvk{Group:\(q(id.gvk.group)), Version:\(q(id.gvk.version)), Kind:\(q(id.gvk.kind)), "
            + "isClusterScoped:\(id.gvk.isClusterScoped)}, Name:\(q(id.name)), Namespace:\(q(id.namespace))}"
    }
}

extension Resource {
    /// kustomize's `CopyMergeMetaDataFieldsFrom`: labels and annotations merged with this
    /// object's winning, name and namespace (with their history) taken from `existing`.
    mutating func takeIdentityAndMetadata(from existing: Resource) {
        for field in ["labels", "annotations"] {
            let merged = Self.mergedStrings(existing.node[path: ["metadata", field]], node[path: ["metadata", field]])
            node[path: ["metadata", field]] = merged.isEmpty ? nil : .mapping(merged, origin: node[path: ["metadata", field]]?.origin)
        }
        node[path: ["metadata", "name"]] = existing.node[path: ["metadata", "name"]] ?? .string("")
        node[path: ["metadata", "namespace"]] = existing.node[path: ["metadata", "namespace"]].flatMap { ($0.text ?? "").isEmpty ? nil : $0 }
        previousIDs = existing.previousIDs
        prefixes = existing.prefixes
        suffixes = existing.suffixes
        referencedVars = existing.referencedVars
        behavior = existing.behavior
        // Observed kustomize behaviour: the result is hashed only when both the existing object
        // and the generator ask for it (a plain base ConfigMap, or an overlay that disables the
        // hash, both leave the name alone).
        needsHashSuffix = needsHashSuffix && existing.needsHashSuffix
    }

    /// kustomize's `MergeDataMapFrom`: union of both maps as strings, this object's values winning.
    mutating func mergeStringMap(_ field: String, from existing: Resource) {
        let merged = Self.mergedStrings(existing.node[field], node[field])
        node[field] = merged.isEmpty ? nil : .mapping(merged, origin: node[field]?.origin ?? existing.node[field]?.origin)
    }

    /// Both maps' entries as string scalars, sorted by key; `winner`'s values replace `base`'s.
    private static func mergedStrings(_ base: Node?, _ winner: Node?) -> [Node.Entry] {
        var result: [String: Node] = [:]
        for map in [base, winner] {
            for entry in map?.entries ?? [] {
                result[entry.key] = .string(entry.value.scalar?.text ?? "", origin: entry.value.origin)
            }
        }
        return result.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .compactMap { key in result[key].map { Node.Entry(key: key, value: $0) } }
    }
}
