/// Kind lists for kustomize's legacy sort: kinds in `orderFirst` lead in list order, kinds in
/// `orderLast` trail in list order, every other kind sits between them.
public struct LegacySortOptions: Sendable, Hashable {
    public var orderFirst: [String]
    public var orderLast: [String]

    public init(orderFirst: [String], orderLast: [String]) {
        self.orderFirst = orderFirst
        self.orderLast = orderLast
    }

    /// The fixed lists kustomize applies when legacy order is chosen without lists of its own.
    public static let standard = LegacySortOptions(
        orderFirst: [
            "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
            "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
            "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
            "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
        ],
        orderLast: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]
    )

    /// Rank of each listed kind: negative for `orderFirst`, positive for `orderLast`, and 0 (the
    /// default) for the rest. A kind listed twice keeps its last rank, `orderLast` winning.
    var ranks: [String: Int] {
        var ranks: [String: Int] = [:]
        for (index, kind) in orderFirst.enumerated() { ranks[kind] = index - orderFirst.count }
        for (index, kind) in orderLast.enumerated() { ranks[kind] = index + 1 }
        return ranks
    }
}

/// The order of a build's output, as kustomization `sortOptions` chooses it.
public enum ResourceSortOrder: Sendable, Hashable {
    /// Accumulation order, untouched.
    case fifo
    case legacy(LegacySortOptions)

    /// Reads a kustomization's `sortOptions` mapping. An explicit `legacySortOptions` (even `{}`)
    /// replaces the standard lists; only an absent or null one falls back to them.
    public init(sortOptions: Node) throws(RenderError) {
        let order = sortOptions["order"]?.text ?? ""
        let custom = sortOptions["legacySortOptions"].flatMap { $0.isNull ? nil : $0 }
        switch order {
        case "fifo":
            if custom != nil {
                throw RenderError(.invalid, "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'", at: sortOptions.origin)
            }
            self = .fifo
        case "legacy":
            guard let custom else {
                self = .legacy(.standard)
                return
            }
            self = .legacy(LegacySortOptions(
                orderFirst: custom["orderFirst"]?.elements.compactMap(\.text) ?? [],
                orderLast: custom["orderLast"]?.elements.compactMap(\.text) ?? []
            ))
        default:
            throw RenderError(.invalid, "the field 'sortOptions.order' must be one of [fifo, legacy]", at: sortOptions["order"]?.origin ?? sortOptions.origin)
        }
    }

    public func apply(to resources: [Resource]) -> [Resource] {
        switch self {
        case .fifo: resources
        case .legacy(let options): ResourceOrder.legacy(resources, options: options)
        }
    }
}

/// kustomize's legacy resource order (`SortOrderTransformer` with `order: legacy`).
public enum ResourceOrder {
    /// Groups resources by GVK (listed kinds by rank, then `group_version_kind` strings with `~G`,
    /// `~V`, `~K` for empty parts, the core Namespace ahead of custom ones), and orders each group
    /// by `namespace|name` with `~X`/`~N` for empty parts. Go sorts this without stability, but no two resources in a build share an id,
    /// so the order is fully determined; ties keep input order here.
    public static func legacy(_ resources: [Resource], options: LegacySortOptions = .standard) -> [Resource] {
        let ranks = options.ranks
        let keyed = resources.enumerated().map { index, resource in
            let id = resource.id
            return (key: LegacySortKey(id: id, rank: ranks[id.gvk.kind] ?? 0), index: index, resource: resource)
        }
        return keyed.sorted { a, b in
            if a.key.precedes(b.key) { return true }
            if b.key.precedes(a.key) { return false }
            return a.index < b.index
        }.map(\.resource)
    }
}

/// What the legacy sort compares for one resource id.
struct LegacySortKey {
    var gvk: GVK
    var rank: Int
    var gvkText: String
    var namespaceAndName: String

    init(id: ResourceID, rank: Int) {
        self.rank = rank
        gvk = id.gvk
        gvkText = [id.gvk.group.isEmpty ? "~G" : id.gvk.group,
               id.gvk.version.isEmpty ? "~V" : id.gvk.version,
               id.gvk.kind.isEmpty ? "~K" : id.gvk.kind].joined(separator: "_")
        // kustomize compares "<gvk>|<namespace>|<name>" only within one GVK, so the common prefix
        // drops out and the rest compares as this string, byte by byte.
        namespaceAndName = (id.namespace.isEmpty ? "~X" : id.namespace) + "|" + (id.name.isEmpty ? "~N" : id.name)
    }

    func precedes(_ other: LegacySortKey) -> Bool {
        if gvk != other.gvk {
            if rank != other.rank { return rank < other.rank }
            // kustomize (PR 5458) puts the core Namespace before custom kinds named Namespace by
            // reversing the comparison whenever either group is empty, even if both are.
            if gvk.kind == "Namespace", other.gvk.kind == "Namespace", gvk.group.isEmpty || other.gvk.group.isEmpty {
                return other.gvkText.utf8.lexicographicallyPrecedes(gvkText.utf8)
            }
            return gvkText.utf8.lexicographicallyPrecedes(other.gvkText.utf8)
        }
        return namespaceAndName.utf8.lexicographicallyPrecedes(other.namespaceAndName.utf8)
    }
}
