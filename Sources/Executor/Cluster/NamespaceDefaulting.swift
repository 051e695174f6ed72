import KubeClient
import Plan

/// A namespaced object the plan left without a namespace lands in the context's namespace, as
/// kubectl does. The plan is rewritten up front so that every later step (stale check, prune,
/// the report) names the object where it really is; otherwise prune would not recognise it.
enum NamespaceDefaulting {
    static func apply(to plan: PlanDocument, mapper: RESTMapper, namespace: String) -> PlanDocument {
        var crdMappings = RESTMapper()
        for object in plan.allObjects where object.kind == "CustomResourceDefinition" {
            for mapping in RESTMapper.mappings(fromCRD: object.manifest.map(ManifestJSON.json) ?? .null) { crdMappings.add(mapping) }
        }
        var plan = plan
        for c in plan.clusters.indices {
            for s in plan.clusters[c].stages.indices {
                for u in plan.clusters[c].stages[s].units.indices {
                    for o in plan.clusters[c].stages[s].units[u].objects.indices {
                        let object = plan.clusters[c].stages[s].units[u].objects[o]
                        guard object.namespace.isEmpty,
                              let mapping = mapper.mapping(apiVersion: object.apiVersion, kind: object.kind)
                                ?? crdMappings.mapping(apiVersion: object.apiVersion, kind: object.kind),
                              mapping.namespaced else { continue }
                        plan.clusters[c].stages[s].units[u].objects[o].namespace = namespace
                        if case .object(var members)? = object.manifest, case .object(var metadata)? = members["metadata"] {
                            metadata["namespace"] = .string(namespace)
                            members["metadata"] = .object(metadata)
                            plan.clusters[c].stages[s].units[u].objects[o].manifest = .object(members)
                        }
                    }
                }
            }
        }
        return plan
    }
}
