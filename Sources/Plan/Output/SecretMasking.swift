/// Secret values never reach a summary, a diff or a PR comment: the keys stay, each value becomes
/// a marker. When a Secret is compared with another version of itself, a changed value gets a
/// different marker, so the diff still says *which* keys changed without saying how.
public enum SecretMasking {
    public static let masked = "**masked**"
    public static let maskedChanged = "**masked, changed**"

    /// `manifest` with Secret `data` and `stringData` values masked; other kinds unchanged.
    /// - Parameter base: the other version of the same Secret, if any: values that differ from it
    ///   are marked changed.
    public static func masked(_ manifest: PlanJSON, comparedWith base: PlanJSON? = nil) -> PlanJSON {
        guard isSecret(manifest), case .object(var members) = manifest else { return manifest }
        for field in ["data", "stringData"] {
            guard case .object(let values)? = members[field] else {
                if let value = members[field], !value.isNull { members[field] = .string(masked) }
                continue
            }
            var out: [String: PlanJSON] = [:]
            for (key, value) in values {
                let changed = base.map { value != previousValue(of: key, field: field, in: $0) } ?? false
                out[key] = .string(changed ? maskedChanged : masked)
            }
            members[field] = .object(out)
        }
        // kubectl's client-side apply copies the whole Secret, values included, into this annotation.
        let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
        if case .object(var metadata)? = members["metadata"], case .object(var annotations)? = metadata["annotations"],
           annotations[lastApplied] != nil {
            annotations[lastApplied] = .string(masked)
            metadata["annotations"] = .object(annotations)
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }

    static func isSecret(_ manifest: PlanJSON) -> Bool {
        manifest["kind"]?.stringValue == "Secret" && manifest["apiVersion"]?.stringValue == "v1"
    }

    private static func previousValue(of key: String, field: String, in base: PlanJSON) -> PlanJSON? {
        guard isSecret(base) else { return nil }
        return base[field]?[key]
    }
}
