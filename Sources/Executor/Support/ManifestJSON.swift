import KubeClient
import Plan

/// The plan's manifests as request bodies. Keys are sorted so requests are deterministic.
enum ManifestJSON {
    static func json(_ value: PlanJSON) -> JSON {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text): return .number(text)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(json))
        case .object(let members):
            return .object(members.keys.sorted().compactMap { key in members[key].map { (key: key, value: json($0)) } })
        }
    }
}

extension JSON {
    /// The value of a `metadata.labels`/`metadata.annotations` entry.
    func metadataEntry(_ field: String, _ key: String) -> String? { self[path: "metadata", field, key]?.string }

    /// Sets `metadata.<field>.<key>`, creating the maps on the way.
    mutating func setMetadataEntry(_ field: String, _ key: String, _ value: String) {
        var metadata = self["metadata"] ?? .object([])
        var entries = metadata[field] ?? .object([])
        if entries.members == nil { entries = .object([]) }
        entries[key] = .string(value)
        metadata[field] = entries
        self["metadata"] = metadata
    }

    /// A condition's `status` (`True`, `False`, `Unknown`) and reason, by type.
    func condition(_ type: String) -> (status: String, reason: String, message: String)? {
        guard let found = self[path: "status", "conditions"]?.array?.first(where: { $0["type"]?.string == type }) else { return nil }
        return (found["status"]?.string ?? "", found["reason"]?.string ?? "", found["message"]?.string ?? "")
    }

    /// An integer field, treating absence as `fallback` (kstatus's defaults).
    func integer(_ keys: String..., default fallback: Int = 0) -> Int {
        var node: JSON? = self
        for key in keys { node = node?[key] }
        return node?.int ?? fallback
    }
}
