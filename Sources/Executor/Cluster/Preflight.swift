import KubeClient
import Plan

/// Checks made before the first write, so a plan that cannot be applied is refused whole rather
/// than failing half-way: every kind must be served or defined by a CRD in the plan, every
/// namespace must exist or be created by the plan, and no manifest may claim another apply set.
struct Preflight {
    /// Problems that refuse the plan.
    private(set) var problems: [String] = []
    /// Kinds (`group/Kind`) only a CRD of this plan defines.
    private(set) var kindsFromPlanCRDs: Set<String> = []
    /// Namespaces only this plan creates.
    private(set) var namespacesFromPlan: Set<String> = []

    init() {}

    init(api: KubeAPI, clusters: [PlanCluster], objects: [PlanObject], sets: [String: ApplySet]) {
        let mapper = api.mapper ?? RESTMapper()
        var crdMappings = RESTMapper()
        for object in objects where object.kind == "CustomResourceDefinition" {
            for mapping in RESTMapper.mappings(fromCRD: object.manifest.map(ManifestJSON.json) ?? .null) { crdMappings.add(mapping) }
        }
        let plannedNamespaces = Set(objects.filter { $0.kind == "Namespace" && $0.group.isEmpty }.map(\.name))
        var namespaceExists: [String: Bool] = [:]
        var missing: [String: [String]] = [:]
        for object in objects {
            let identity = ObjectIdentity(object)
            let served = mapper.mapping(apiVersion: object.apiVersion, kind: object.kind)
            guard let mapping = served ?? crdMappings.mapping(apiVersion: object.apiVersion, kind: object.kind) else {
                var problem = "\(identity): kind \(object.kind) is not served in \(object.apiVersion) and no CRD in the plan defines it"
                if !object.requires.isEmpty { problem += " (the plan says it needs \(object.requires.joined(separator: ", ")))" }
                problems.append(problem)
                continue
            }
            if served == nil { kindsFromPlanCRDs.insert("\(identity.group)/\(object.kind)") }
            if mapping.namespaced, !object.namespace.isEmpty {
                let exists: Bool
                if let known = namespaceExists[object.namespace] {
                    exists = known
                } else {
                    do {
                        exists = try api.get(ObjectRef(apiVersion: "v1", kind: "Namespace", name: object.namespace)) != nil
                    } catch {
                        problems.append("cannot check namespace \(object.namespace): \(error)")
                        exists = true
                    }
                    namespaceExists[object.namespace] = exists
                }
                if !exists {
                    if plannedNamespaces.contains(object.namespace) {
                        namespacesFromPlan.insert(object.namespace)
                    } else {
                        missing[object.namespace, default: []].append(identity.description)
                    }
                }
            }
            if let claimed = object.manifest?["metadata"]?["labels"]?[ApplySet.partOfLabel]?.stringValue,
               !sets.values.contains(where: { $0.id == claimed }) {
                problems.append("\(identity): the manifest already carries \(ApplySet.partOfLabel)=\(claimed) (another apply set)")
            }
        }
        for namespace in missing.keys.sorted() {
            let users = missing[namespace] ?? []
            problems.append("namespace \(namespace) does not exist and the plan does not create it (needed by \(users.prefix(3).joined(separator: ", "))"
                + (users.count > 3 ? " and \(users.count - 3) more" : "") + ")")
        }
    }

    /// Why a dry run cannot send this object to the server (it would land in something the
    /// plan creates), or nil.
    func deferral(for object: PlanObject) -> String? {
        if kindsFromPlanCRDs.contains("\(object.group)/\(object.kind)") { return "its CRD is created by this plan" }
        if namespacesFromPlan.contains(object.namespace) { return "namespace \(object.namespace) is created by this plan" }
        return nil
    }
}
