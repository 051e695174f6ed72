import KubeClient

/// How `LivePlanner` talks to the cluster.
public struct LivePlanOptions: Sendable {
    /// Also list the cluster's ApplySet members that the plan no longer holds (`--prune`).
    public var prune: Bool
    public var fieldManager: String
    /// Requests in flight at once.
    public var concurrency: Int
    /// The ApplySet id (the part-of label value) of a cluster of the plan, by its name.
    public var inventoryID: @Sendable (String) -> String
    /// Dry-run intents carry the part-of label, as the executor's applies do.
    public var labelsMembers: Bool

    public init(prune: Bool = false, fieldManager: String = "shipshape", concurrency: Int = 8,
                inventoryID: @escaping @Sendable (String) -> String = { ApplySetID.memberLabel(cluster: $0) }, labelsMembers: Bool = true) {
        self.prune = prune
        self.fieldManager = fieldManager
        self.concurrency = concurrency
        self.inventoryID = inventoryID
        self.labelsMembers = labelsMembers
    }
}

/// Turns an offline plan into one made against a live cluster: every object becomes `create`,
/// `update` (with a field diff) or `unchanged`, with the live uid and resourceVersion, and with
/// `prune` the ApplySet members no longer in Git are added. Nothing is written to the cluster:
/// reads and server-side dry-runs only.
public enum LivePlanner {
    /// The unit that holds prune entries, placed in a stage after every other.
    public static let pruneUnitKind = "ApplySet"

    public static func classify(_ plan: PlanDocument, api: KubeAPI, prune: Bool) throws(LivePlanError) -> PlanDocument {
        try classify(plan, api: api, options: LivePlanOptions(prune: prune))
    }

    public static func classify(_ plan: PlanDocument, api: KubeAPI, options: LivePlanOptions) throws(LivePlanError) -> PlanDocument {
        let mapper: RESTMapper
        do {
            mapper = try api.discover()
        } catch {
            throw LivePlanError(subject: "discovery", error: error)
        }
        var result = plan
        result.target = PlanTarget(kind: .cluster, context: api.target.contextName.isEmpty ? nil : api.target.contextName,
                                   server: api.target.server)
        for index in result.clusters.indices {
            result.clusters[index] = try classify(result.clusters[index], api: api, mapper: mapper, options: options)
        }
        return result
    }

    private static func classify(_ cluster: PlanCluster, api: KubeAPI, mapper: RESTMapper,
                                 options: LivePlanOptions) throws(LivePlanError) -> PlanCluster {
        let id = options.inventoryID(cluster.name)
        var context = LiveContext(api: api, mapper: mapper, fieldManager: options.fieldManager,
                                  memberLabel: options.labelsMembers ? (ApplySetID.partOfLabel, id) : nil,
                                  plannedCRDs: plannedCRDs(cluster), plannedNamespaces: plannedNamespaces(cluster))
        context.absentNamespaces = try absentNamespaces(cluster, context: context, width: options.concurrency)

        // Objects in plan order, addressed by (stage, unit, object) so results land in place.
        var positions: [(stage: Int, unit: Int, object: Int)] = []
        for (s, stage) in cluster.stages.enumerated() {
            for (u, unit) in stage.units.enumerated() {
                for o in unit.objects.indices { positions.append((s, u, o)) }
            }
        }
        let (slots, shared) = (positions, context)
        let outcomes = try run(slots.count, width: options.concurrency) { index throws(LivePlanError) in
            let (s, u, o) = slots[index]
            return try LiveObjectClassifier.classify(cluster.stages[s].units[u].objects[o], in: shared)
        }

        var result = cluster
        var warnings = cluster.warnings
        for (index, position) in positions.enumerated() {
            guard let outcome = outcomes[index] ?? nil else { continue }
            var object = result.stages[position.stage].units[position.unit].objects[position.object]
            object.action = outcome.action
            object.uid = outcome.uid
            object.resourceVersion = outcome.resourceVersion
            object.diff = outcome.diff
            result.stages[position.stage].units[position.unit].objects[position.object] = object
            warnings += outcome.warnings
        }
        if options.prune {
            if let unit = try pruneUnit(result, id: id, context: context, warnings: &warnings) {
                result.stages.append(PlanStage(index: (result.stages.map(\.index).max() ?? 0) + 1, units: [unit]))
            }
        }
        result.warnings = Array(Set(warnings)).sorted()
        return result
    }

    // MARK: Prune

    private static func pruneUnit(_ cluster: PlanCluster, id: String, context: LiveContext,
                                  warnings: inout [String]) throws(LivePlanError) -> PlanUnit? {
        let unrendered = cluster.units.filter { $0.renderError != nil }.count
        let unplaced = Set(cluster.cycles.flatMap { $0 } + cluster.blocked).count
        guard unrendered == 0 && unplaced == 0 else {
            // Their objects are missing from the plan, and would look deleted from Git.
            warnings.append("prune skipped: \(unrendered) unit(s) failed to render and \(unplaced) are in or behind an ordering cycle, so the plan does not hold all of the cluster's objects")
            return nil
        }
        let members = ApplySetMembers(id: id, context: context)
        let parent = try members.parent()
        var kinds = Set(cluster.units.flatMap(\.objects).map { GroupKind(group: $0.group, kind: $0.kind) })
        kinds.formUnion(parent?.groupKinds ?? [])
        let planned = Set(cluster.units.flatMap(\.objects).map { object in
            var normalized = object
            normalized.namespace = context.namespace(of: object)
            return normalized.key
        })
        let stale = try members.stale(kinds: Array(kinds), planned: planned, warnings: &warnings)
        guard !stale.isEmpty else { return nil }
        var note = "Objects of ApplySet \(id) that are no longer in Git, deleted in this order (the reverse of the apply order) after every other stage, only by apply --prune."
        if let parent {
            note += " Parent: \(parent.kind) \(parent.namespace)/\(parent.name) at resourceVersion \(parent.resourceVersion)."
        } else {
            note += " No parent object was found; only kinds in the plan were searched."
        }
        return PlanUnit(id: "unit:\(pruneUnitKind)/\(parent?.namespace ?? "")/\(id)", apiVersion: "v1", kind: pruneUnitKind,
                        namespace: parent?.namespace ?? "", name: id, engine: .flux, prune: true, note: note, objects: stale)
    }

    // MARK: Cluster facts

    private static func plannedCRDs(_ cluster: PlanCluster) -> [GroupKind: (name: String, mappings: [RESTMapping])] {
        var crds: [GroupKind: (name: String, mappings: [RESTMapping])] = [:]
        for object in cluster.units.flatMap(\.objects)
        where object.kind == "CustomResourceDefinition" && object.group == "apiextensions.k8s.io" {
            guard let manifest = object.manifest else { continue }
            let mappings = RESTMapper.mappings(fromCRD: JSONBridge.kube(manifest))
            guard let first = mappings.first else { continue }
            crds[GroupKind(group: first.group, kind: first.kind)] = (object.name, mappings)
        }
        return crds
    }

    private static func plannedNamespaces(_ cluster: PlanCluster) -> Set<String> {
        Set(cluster.units.flatMap(\.objects).filter { $0.kind == "Namespace" && $0.group.isEmpty }.map(\.name))
    }

    /// One GET per namespace objects are planned in, so objects in a missing namespace are known
    /// to be created without a dry-run the server would refuse.
    private static func absentNamespaces(_ cluster: PlanCluster, context: LiveContext, width: Int) throws(LivePlanError) -> Set<String> {
        let namespaces = Array(Set(cluster.units.flatMap(\.objects).filter { $0.manifest != nil }.map { context.namespace(of: $0) }
            .filter { !$0.isEmpty })).sorted()
        let found = try run(namespaces.count, width: width) { index throws(LivePlanError) -> Bool in
            do throws(KubeError) {
                return try context.api.get(ObjectRef(apiVersion: "v1", kind: "Namespace", name: namespaces[index])) != nil
            } catch {
                throw LivePlanError(subject: "Namespace \(namespaces[index])", error: error)
            }
        }
        return Set(namespaces.indices.filter { found[$0] == false }.map { namespaces[$0] })
    }

    /// Runs `work` for `0..<count` in parallel; the first failure in index order is thrown, so
    /// the error reported does not depend on thread timing when several objects fail.
    private static func run<Value: Sendable>(_ count: Int, width: Int,
                                             _ work: @escaping @Sendable (Int) throws(LivePlanError) -> Value) throws(LivePlanError) -> [Value?] {
        let values = ResultSlots<Value>(count: count)
        let failures = ResultSlots<LivePlanError>(count: count)
        BoundedParallel.forEach(count, width: width) { index in
            do throws(LivePlanError) {
                values[index] = try work(index)
                return true
            } catch {
                failures[index] = error
                return false
            }
        }
        if let failure = failures.all.compactMap({ $0 }).first { throw failure }
        return values.all
    }
}
