import CEL
import Rendering

extension PolicyRule {
    /// Keys of `overrides` the rule does not document: a configuration error, since a typo
    /// would otherwise leave the default in force silently.
    public func undocumentedParams(in overrides: Node) -> [String] {
        let documented = Set(params?.keys ?? [])
        return overrides.keys.filter { !documented.contains($0) }
    }

    /// The rule's defaults with `overrides` merged one key deep: a key given replaces the
    /// default entirely (lists and maps are not merged element-wise). A null override keeps
    /// the default. Later layers win (repository-wide, then per cluster, then an example's).
    public func mergedParams(_ layers: [Node?]) -> Node {
        var merged = params?.isMapping == true ? params ?? .mapping() : .mapping()
        for layer in layers {
            guard let layer, layer.isMapping else { continue }
            for entry in layer.entries where !entry.value.isNull {
                merged[entry.key] = entry.value
            }
        }
        return merged
    }

    /// `params` as rules read it.
    public func paramsValue(_ layers: [Node?] = []) -> CEL.Value {
        CEL.Value(node: mergedParams(layers))
    }
}
