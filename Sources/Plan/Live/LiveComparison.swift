/// Whether a server-side dry-run changes the live object, decided as Flux's `ssa` decides drift:
/// labels equal, annotations equal, and everything outside `metadata` and `status` equal. The
/// rest of `metadata` (uid, resourceVersion, generation, managedFields, timestamps, finalizers,
/// owner references) is the server's and never makes an object "changed".
enum LiveComparison {
    /// The part of an object the comparison looks at, which is also what the field diff shows:
    /// apiVersion, kind, name, namespace, labels, annotations, and every other top-level field
    /// but `status`. Empty label and annotation maps are dropped, since Go's semantic equality
    /// treats an empty map like a missing one.
    static func comparable(_ object: PlanJSON) -> PlanJSON {
        guard case .object(var members) = object else { return object }
        members["status"] = nil
        var metadata: [String: PlanJSON] = [:]
        for key in ["name", "namespace", "labels", "annotations"] {
            guard let value = object["metadata"]?[key], !value.isNull else { continue }
            if case .object(let map) = value, map.isEmpty { continue }
            if case .string(let text) = value, text.isEmpty { continue }
            metadata[key] = value
        }
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    static func differs(live: PlanJSON, dryRun: PlanJSON) -> Bool {
        comparable(live) != comparable(dryRun)
    }

    /// The unified diff of the comparable parts, live first; Secret values masked, with the
    /// planned side marking which values change. Empty when nothing differs.
    static func diff(live: PlanJSON, dryRun: PlanJSON, key: String) -> String {
        let before = comparable(live), after = comparable(dryRun)
        guard before != after else { return "" }
        return UnifiedDiff.render(old: PlanDiff.yaml(before, comparedWith: nil), new: PlanDiff.yaml(after, comparedWith: before),
                                  oldName: "live/\(key)", newName: "planned/\(key)")
    }
}
