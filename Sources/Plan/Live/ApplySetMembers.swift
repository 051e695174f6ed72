import Foundation
import Graph
import KubeClient

/// The live members of a cluster's ApplySet that the plan no longer holds: what `apply --prune`
/// would delete. Only objects whose `applyset.kubernetes.io/part-of` label names this set are
/// ever candidates (KEP-3659: the label is the source of truth).
struct ApplySetMembers {
    let id: String
    let context: LiveContext

    /// The parent object and the kinds it says the set contains.
    struct Parent: Sendable {
        var kind: String
        var namespace: String
        var name: String
        var resourceVersion: String
        var groupKinds: [GroupKind]
    }

    /// Finds the parent wherever the executor put it: one LIST per parent kind across namespaces,
    /// by the id label. nil when the set has never been applied.
    func parent() throws(LivePlanError) -> Parent? {
        for kind in ["Secret", "ConfigMap"] {
            let found: [KubeClient.JSON]
            do {
                found = try context.api.list(apiVersion: "v1", kind: kind, labelSelector: "\(ApplySetID.idLabel)=\(id)")
            } catch {
                throw LivePlanError(subject: "ApplySet \(id) parent", error: error)
            }
            let parents = found.compactMap { item -> Parent? in
                guard let name = item[path: "metadata", "name"]?.string else { return nil }
                let hint = item[path: "metadata", "annotations", ApplySetID.containsGroupKindsAnnotation]?.string ?? ""
                return Parent(kind: kind, namespace: item[path: "metadata", "namespace"]?.string ?? "", name: name,
                              resourceVersion: item[path: "metadata", "resourceVersion"]?.string ?? "",
                              groupKinds: Self.groupKinds(hint))
            }
            if let first = parents.min(by: { ($0.namespace, $0.name) < ($1.namespace, $1.name) }) { return first }
        }
        return nil
    }

    /// `Deployment.apps,Namespace` → (apps, Deployment), ("", Namespace). Kinds hold no dots.
    static func groupKinds(_ hint: String) -> [GroupKind] {
        hint.split(separator: ",").compactMap { entry in
            let text = entry.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            return GroupKind(group: parts.count > 1 ? parts[1] : "", kind: parts[0])
        }
    }

    /// Flux's opt-out, which the executor honours too.
    static let pruneDisabled = (key: "kustomize.toolkit.fluxcd.io/prune", value: "disabled")

    /// Members not in `planned` (keys as `PlanObject.key`), as prune entries in reverse apply
    /// order; members that opt out of pruning are left out with a warning.
    func stale(kinds: [GroupKind], planned: Set<String>, warnings: inout [String]) throws(LivePlanError) -> [PlanObject] {
        var stale: [PlanObject] = []
        for groupKind in Set(kinds).sorted() {
            guard let mapping = servedMapping(groupKind) else { continue }
            let items: [KubeClient.JSON]
            do {
                items = try context.api.list(apiVersion: mapping.apiVersion, kind: mapping.kind, labelSelector: "\(ApplySetID.partOfLabel)=\(id)")
            } catch {
                throw LivePlanError(subject: "ApplySet \(id) members of kind \(groupKind.kind)", error: error)
            }
            for item in items {
                // The selector already asked for this; a server that ignored it must not make us prune strangers.
                guard item[path: "metadata", "labels", ApplySetID.partOfLabel]?.string == id,
                      let name = item[path: "metadata", "name"]?.string else { continue }
                let namespace = mapping.namespaced ? (item[path: "metadata", "namespace"]?.string ?? "") : ""
                let object = PlanObject(apiVersion: mapping.apiVersion, kind: mapping.kind, namespace: namespace, name: name,
                                        manifest: nil, action: .prune, uid: item[path: "metadata", "uid"]?.string,
                                        resourceVersion: item[path: "metadata", "resourceVersion"]?.string)
                guard !planned.contains(object.key) else { continue }
                if item[path: "metadata", "annotations", Self.pruneDisabled.key]?.string == Self.pruneDisabled.value {
                    warnings.append("\(object.displayName): not pruned, it is annotated \(Self.pruneDisabled.key): \(Self.pruneDisabled.value)")
                    continue
                }
                stale.append(object)
            }
        }
        return Self.reverseApplyOrder(stale)
    }

    /// Deletion runs in the exact reverse of kustomize-controller's apply order (stage, then
    /// `ssa.ReconcileOrder`, then group, kind, namespace, name): custom resources before their
    /// CRDs, namespaced objects before their Namespace.
    static func reverseApplyOrder(_ objects: [PlanObject]) -> [PlanObject] {
        func stage(_ object: PlanObject) -> Int {
            if (object.group == "apiextensions.k8s.io" && object.kind == "CustomResourceDefinition")
                || (object.group.isEmpty && object.kind == "Namespace")
                || (object.group == "rbac.authorization.k8s.io" && object.kind == "ClusterRole") { return 0 }
            return object.kind.hasSuffix("Class") ? 1 : 2
        }
        return objects.map { object in
            (key: (stage(object), FluxApplyOrder.rank(ofKind: object.kind), object.group, object.kind, object.namespace, object.name), object: object)
        }
        .sorted { $0.key > $1.key }
        .map(\.object)
    }

    /// The version to list a kind through: the one discovery serves, preferring GA over beta
    /// over alpha and higher numbers (any served version lists the same objects).
    private func servedMapping(_ groupKind: GroupKind) -> RESTMapping? {
        context.mapper.mappings
            .filter { $0.group == groupKind.group && $0.kind == groupKind.kind && ($0.verbs.isEmpty || $0.verbs.contains("list")) }
            .max { Self.versionPriority($0.version) < Self.versionPriority($1.version) }
    }

    /// Kubernetes version priority: `v2` > `v1` > `v1beta2` > `v1beta1` > `v1alpha1` > others.
    static func versionPriority(_ version: String) -> (Int, Int, Int) {
        guard version.hasPrefix("v") else { return (0, 0, 0) }
        let digits = version.dropFirst().prefix { $0.isNumber }
        guard let major = Int(digits) else { return (0, 0, 0) }
        let rest = version.dropFirst(1 + digits.count)
        if rest.isEmpty { return (3, major, 0) }
        for (index, stability) in ["alpha", "beta"].enumerated() where rest.hasPrefix(stability) {
            guard let minor = Int(rest.dropFirst(stability.count)) else { return (0, 0, 0) }
            return (index + 1, major, minor)
        }
        return (0, 0, 0)
    }
}
