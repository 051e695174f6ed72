import KubeClient
import Plan

/// Terraform's rule for saved plans: apply exactly what was planned, or refuse. Run before the
/// first write; any problem refuses the whole plan.
enum StalePlanCheck {
    /// `--rev` must name the plan's revision: resolved to a commit when a repository can resolve it
    /// (so a branch that moved since planning is refused), else compared as written.
    static func revisionProblems(_ plan: PlanDocument, options: ApplyOptions) -> [String] {
        guard let expected = options.expectedRevision else { return [] }
        let source = plan.source
        guard source.requestedRevision != nil || source.commit != nil else {
            return ["the plan was made from a working directory, not from revision \(expected); plan with --rev \(expected)"]
        }
        if let commit = source.commit, let resolved = options.resolveRevision?(expected) {
            return resolved == commit ? [] : ["the plan is of commit \(commit), but \(expected) is now \(resolved); plan again"]
        }
        if expected == source.requestedRevision { return [] }
        if let commit = source.commit, expected.count >= 7, commit.hasPrefix(expected.lowercased()) { return [] }
        let planned = [source.requestedRevision, source.commit.map { "commit \($0)" }].compactMap { $0 }.joined(separator: " at ")
        return ["the plan is of \(planned), not of \(expected)"]
    }

    /// Every live object the plan read must be as it was: same uid and resourceVersion, still
    /// there (and objects the plan would create still absent). With prune, the apply set must hold
    /// nothing the plan does not know about.
    static func clusterProblems(_ plan: PlanDocument, clusters: [PlanCluster], api: KubeAPI, options: ApplyOptions,
                                sets: [String: ApplySet]) -> [String] {
        var problems: [String] = []
        if plan.target.kind == .cluster, let server = plan.target.server, server != api.target.server {
            problems.append("the plan was made against \(server), not \(api.target.server)")
        }
        for object in clusters.flatMap({ $0.units.flatMap(\.objects) }) {
            let identity = ObjectIdentity(object)
            if object.resourceVersion == nil, object.action != .create { continue }
            let live: JSON?
            do {
                live = try Relist.retrying { () throws(KubeError) in try api.get(identity.ref) }
            } catch {
                problems.append("\(identity): cannot be read to check the plan is current: \(error.kind.rawValue)")
                continue
            }
            if let problem = problem(identity, object: object, live: live) { problems.append(problem) }
        }
        if options.prune, plan.target.kind == .cluster {
            for cluster in clusters {
                guard let set = sets[cluster.name] else { continue }
                problems += inventoryProblems(cluster, api: api, set: set)
            }
        }
        return problems
    }

    static func problem(_ identity: ObjectIdentity, object: PlanObject, live: JSON?) -> String? {
        let liveRV = live?[path: "metadata", "resourceVersion"]?.string
        guard let recorded = object.resourceVersion else {
            return live == nil ? nil : "\(identity) was created after the plan (the plan would create it)"
        }
        guard let live else { return "\(identity) was deleted after the plan" }
        if let uid = object.uid, let liveUID = live[path: "metadata", "uid"]?.string, uid != liveUID {
            return "\(identity) was replaced after the plan (uid \(uid) is now \(liveUID))"
        }
        if liveRV != recorded { return "\(identity) changed after the plan (resourceVersion \(recorded) is now \(liveRV ?? "unset"))" }
        return nil
    }

    /// Members of the apply set the plan neither applies nor prunes joined it after planning;
    /// pruning from this plan would miss them, or the plan's prune list is out of date.
    static func inventoryProblems(_ cluster: PlanCluster, api: KubeAPI, set: ApplySet) -> [String] {
        let objects = cluster.units.flatMap(\.objects)
        let known = Set(objects.map { ObjectIdentity($0).key })
        let inventory = InventoryClient(api: api, set: set)
        do {
            let parent = try inventory.parent()
            let kinds = (parent?.groupKinds ?? []).union(objects.map { ApplySet.groupKind(apiVersion: $0.apiVersion, kind: $0.kind) })
            // Members that opt out of pruning are left out of live plans on purpose.
            return try inventory.members(groupKinds: kinds).filter { !$0.pruneDisabled && !known.contains($0.identity.key) }.map {
                "the inventory changed after the plan: \($0.identity) is in apply set \(set.parentName) but not in the plan; plan again with --prune"
            }
        } catch {
            return ["cannot read apply set \(set.parentNamespace)/\(set.parentName): \(error)"]
        }
    }
}
