/// The last steps of a top-level build: ordering and the managed-by label.
enum BuildFinish {
    static func sort(_ map: inout ResourceMap, kustomization: Kustomization, reorder: Reorder?) throws(RenderError) {
        if let sortOptions = kustomization["sortOptions"] {
            let origin = sortOptions.origin
            let order = sortOptions["order"]?.text
            switch order {
            case "fifo":
                if sortOptions["legacySortOptions"] != nil {
                    throw RenderError(.invalid,
                        "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'", at: origin)
                }
            case "legacy":
                var options = LegacySortOptions.standard
                if let legacy = sortOptions["legacySortOptions"] {
                    if let first = legacy["orderFirst"] { options.orderFirst = first.elements.compactMap(\.text) }
                    if let last = legacy["orderLast"] { options.orderLast = last.elements.compactMap(\.text) }
                }
                map.resources = ResourceOrder.legacy(map.resources, options: options)
            default:
                throw RenderError(.invalid, "the field 'sortOptions.order' must be one of [fifo, legacy]", at: origin)
            }
            return
        }
        if reorder ?? .legacy == .legacy {
            map.resources = ResourceOrder.legacy(map.resources)
        }
    }

    static func addManagedByLabel(_ map: inout ResourceMap, kustomization: Kustomization, options: BuildOptions) {
        guard options.addManagedByLabel || kustomization.strings("buildMetadata").contains("managedByLabel") else { return }
        let value = "kustomize-\(options.managedByVersion)"
        for index in map.resources.indices {
            map.resources[index].node[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] = .string(value)
        }
    }
}
