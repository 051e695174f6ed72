import KubeClient

/// Between the API client's JSON (server order, numbers as written) and the plan's (unordered
/// objects, canonical numbers), so live objects can be compared with and stored beside manifests.
enum JSONBridge {
    static func plan(_ value: KubeClient.JSON) -> PlanJSON {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text): return .number(canonicalNumber(text))
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(plan))
        case .object(let members):
            var out: [String: PlanJSON] = [:]
            // Duplicate keys cannot come from a conforming server; the last one wins, as in Go.
            for member in members { out[member.key] = plan(member.value) }
            return .object(out)
        }
    }

    static func kube(_ value: PlanJSON) -> KubeClient.JSON {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text): return .number(text)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(kube))
        case .object(let members):
            // Sorted so the request body, like the plan, does not depend on dictionary order.
            return .object(PlanJSON.sortedKeys(members).compactMap { key in
                members[key].map { (key: key, value: kube($0)) }
            })
        }
    }

    /// The plan's spelling of a number: integers in decimal, others in Swift's shortest form
    /// (what `ManifestConversion` gives a rendered manifest), so `1` and `1.0` from the server
    /// compare as they would in Go's semantic equality only when they are the same kind of number.
    static func canonicalNumber(_ text: String) -> String {
        if let integer = Int(text) { return String(integer) }
        if let value = Double(text), value.isFinite { return String(value) }
        return text
    }
}
