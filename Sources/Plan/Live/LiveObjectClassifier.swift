import KubeClient

/// What planning against the cluster found out about one planned object.
struct LiveOutcome: Sendable, Equatable {
    var action: PlanAction
    var uid: String?
    var resourceVersion: String?
    var diff: String?
    /// Sentences for the cluster's warnings, each starting with the object's display name.
    var warnings: [String] = []
}

/// A kind by group, version left out: a CRD serves several versions of one kind.
struct GroupKind: Hashable, Sendable, Comparable {
    var group: String
    var kind: String

    static func < (lhs: GroupKind, rhs: GroupKind) -> Bool { (lhs.group, lhs.kind) < (rhs.group, rhs.kind) }
}

/// What every object's classification needs to know about the plan and the cluster.
struct LiveContext: Sendable {
    let api: KubeAPI
    let mapper: RESTMapper
    let fieldManager: String
    /// Added as the ApplySet part-of label to every dry-run intent, because the executor adds it
    /// to what it applies: without it, every object applied before would look changed.
    let memberLabel: (key: String, value: String)?
    /// CRDs in the plan, by the kind they define: `widgets.example.com` and its mappings.
    let plannedCRDs: [GroupKind: (name: String, mappings: [RESTMapping])]
    /// Namespaces in the plan.
    let plannedNamespaces: Set<String>
    /// Namespaces objects are planned in that do not exist in the cluster.
    var absentNamespaces: Set<String> = []

    /// The mapping from discovery, else from a CRD in the plan (then `fromPlannedCRD`).
    func mapping(of object: PlanObject) -> (mapping: RESTMapping, fromPlannedCRD: Bool)? {
        if let found = mapper.mapping(apiVersion: object.apiVersion, kind: object.kind) { return (found, false) }
        let version = RESTMapper.split(apiVersion: object.apiVersion).version
        let planned = plannedCRDs[GroupKind(group: object.group, kind: object.kind)]?.mappings.first { $0.version == version }
        return planned.map { ($0, true) }
    }

    /// The namespace the object lands in: its own, the context's for a namespaced object
    /// without one (as kubectl does), none for a cluster-scoped kind.
    func namespace(of object: PlanObject) -> String {
        let namespaced = mapping(of: object)?.mapping.namespaced ?? !object.namespace.isEmpty
        guard namespaced else { return "" }
        return object.namespace.isEmpty ? api.target.namespace : object.namespace
    }
}

/// GET, then server-side dry-run apply, then compare (fluxcd/pkg `ssa` `ApplyAll` steps 1, 3, 5).
enum LiveObjectClassifier {
    static func classify(_ object: PlanObject, in context: LiveContext) throws(LivePlanError) -> LiveOutcome? {
        guard let manifest = object.manifest else { return nil }
        let name = object.displayName
        let secret = object.isSecret ? manifest : nil
        guard let (mapping, fromPlannedCRD) = context.mapping(of: object) else {
            if context.mapper.unavailableGroups.contains(where: { $0 == object.group || $0.hasPrefix(object.group + "/") }) {
                throw LivePlanError(subject: name, error: KubeError(
                    kind: .serverError, request: "discovery",
                    message: "the API group \(object.group) is unavailable (its aggregated API server does not answer)"))
            }
            return LiveOutcome(action: .create, warnings: [
                "\(name): kind \(object.kind) is not served in \(object.apiVersion) and no CustomResourceDefinition in the plan defines it; applying it fails until it is installed",
            ])
        }
        if fromPlannedCRD {
            // As Argo CD's SkipDryRunOnMissingResource: the server cannot dry-run a kind it does not serve yet.
            let crd = context.plannedCRDs[GroupKind(group: object.group, kind: object.kind)]?.name ?? object.kind
            return LiveOutcome(action: .create, warnings: [
                "\(name): not dry-run, its CustomResourceDefinition \(crd) is applied by this plan and not served yet; planned as create",
            ])
        }
        let namespace = mapping.namespaced ? context.namespace(of: object) : ""
        if !namespace.isEmpty, context.absentNamespaces.contains(namespace) {
            // Nothing lives in a namespace that does not exist, and the server refuses to dry-run into it.
            var outcome = LiveOutcome(action: .create)
            if !context.plannedNamespaces.contains(namespace) {
                outcome.warnings.append("\(name): namespace \(namespace) does not exist and is not in the plan; applying it fails until it is created")
            }
            return outcome
        }

        let ref = ObjectRef(apiVersion: object.apiVersion, kind: object.kind, namespace: namespace.isEmpty ? nil : namespace, name: object.name)
        let live: KubeClient.JSON?
        do {
            live = try context.api.get(ref)
        } catch {
            throw LivePlanError(subject: name, error: error, secret: secret)
        }

        var intent = JSONBridge.kube(manifest)
        if let label = context.memberLabel { setLabel(label, on: &intent) }
        var warnings: [String] = []
        let dryRun: AppliedObject
        do {
            dryRun = try dryRunApply(intent, context: context, force: false)
        } catch where error.kind == .fieldConflict {
            let owners = error.fieldConflicts.map { "\($0.field) (\($0.manager ?? "another manager"))" }.joined(separator: ", ")
            warnings.append("\(name): fields owned by another field manager would change: \(owners); apply needs --force-conflicts")
            do {
                dryRun = try dryRunApply(intent, context: context, force: true)
            } catch {
                throw LivePlanError(subject: name, error: error, secret: secret)
            }
        } catch where error.isImmutableField && live != nil {
            warnings.append("\(name): an immutable field changes; apply needs --force-recreate (delete, then create)")
            return LiveOutcome(action: .update, uid: uid(of: live), resourceVersion: resourceVersion(of: live), warnings: warnings)
        } catch {
            throw LivePlanError(subject: name, error: error, secret: secret)
        }

        guard let live else { return LiveOutcome(action: .create, warnings: warnings) }
        let livePlan = JSONBridge.plan(live), dryRunPlan = JSONBridge.plan(dryRun.object)
        let label = [object.group, object.kind, namespace, object.name].filter { !$0.isEmpty }.joined(separator: "/")
        let diff = LiveComparison.diff(live: livePlan, dryRun: dryRunPlan, key: label)
        return LiveOutcome(action: diff.isEmpty ? .unchanged : .update, uid: uid(of: live), resourceVersion: resourceVersion(of: live),
                           diff: diff.isEmpty ? nil : diff, warnings: warnings)
    }

    private static func dryRunApply(_ intent: KubeClient.JSON, context: LiveContext, force: Bool) throws(KubeError) -> AppliedObject {
        try context.api.apply(intent, fieldManager: context.fieldManager, force: force, dryRun: true)
    }

    private static func setLabel(_ label: (key: String, value: String), on object: inout KubeClient.JSON) {
        var metadata = object["metadata"] ?? .object([])
        var labels = metadata["labels"] ?? .object([])
        labels[label.key] = .string(label.value)
        metadata["labels"] = labels
        object["metadata"] = metadata
    }

    private static func uid(of live: KubeClient.JSON?) -> String? { live?[path: "metadata", "uid"]?.string }
    private static func resourceVersion(of live: KubeClient.JSON?) -> String? { live?[path: "metadata", "resourceVersion"]?.string }
}
