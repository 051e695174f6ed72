import KubeClient
import Plan

/// Deletes the members of a cluster's apply set that the plan no longer has, in reverse apply
/// order. Only labelled members are ever candidates: an object without our label is never deleted.
struct Pruner {
    struct Result {
        var outcomes: [PruneOutcome] = []
        var failures: [ApplyFailure] = []
        /// Group-kinds of members that are still there (failed or kept), so the parent keeps listing them.
        var remainingGroupKinds: Set<String> = []
    }

    let context: RunContext

    func prune(_ cluster: PlanCluster, hints: Set<String>) -> Result {
        let api = context.api
        let objects = cluster.units.flatMap(\.objects)
        let kept = Set(objects.filter { $0.action != .prune }.map { ObjectIdentity($0).key })
        let kinds = hints.union(objects.map { ApplySet.groupKind(apiVersion: $0.apiVersion, kind: $0.kind) })
        var result = Result()
        let members: [InventoryMember]
        do {
            members = try InventoryClient(api: api, set: context.set).members(groupKinds: kinds)
        } catch {
            result.failures.append(ApplyFailure(cluster: cluster.name, reason: ObjectApplier.reason(error),
                                                message: "cannot list apply set \(context.set.parentName) to prune: \(error)"))
            result.remainingGroupKinds = kinds
            return result
        }
        let labelled = Set(members.map(\.identity.key))
        // A prune entry of a live plan whose object lost our label is not ours to delete.
        for object in objects where object.action == .prune && !labelled.contains(ObjectIdentity(object).key) {
            record(PruneOutcome(cluster: cluster.name, object: ObjectIdentity(object),
                                result: .skipped("it does not carry \(ApplySet.partOfLabel)=\(context.set.id)")), into: &result)
        }
        let candidates = members.filter { !kept.contains($0.identity.key) }
        let byKey = Dictionary(candidates.map { ($0.identity.key, $0) }, uniquingKeysWith: { first, _ in first })
        for identity in KindOrder.deletionOrder(candidates.map(\.identity)) {
            guard let member = byKey[identity.key] else { continue }
            let groupKind = ApplySet.groupKind(apiVersion: identity.apiVersion, kind: identity.kind)
            if member.pruneDisabled {
                result.remainingGroupKinds.insert(groupKind)
                record(PruneOutcome(cluster: cluster.name, object: identity, result: .skipped("kustomize.toolkit.fluxcd.io/prune: disabled")),
                       into: &result)
                continue
            }
            if context.options.dryRunServer {
                record(PruneOutcome(cluster: cluster.name, object: identity, result: .wouldDelete), into: &result)
                continue
            }
            do {
                // The uid precondition keeps a same-named replacement created meanwhile safe.
                let deleted = try api.delete(identity.ref, propagation: .background, preconditionUID: member.uid.isEmpty ? nil : member.uid)
                if case .pending = deleted { result.remainingGroupKinds.insert(groupKind) }
                record(PruneOutcome(cluster: cluster.name, object: identity, result: deleted == .deleted || deleted == .notFound ? .deleted : .pending),
                       into: &result)
            } catch {
                result.remainingGroupKinds.insert(groupKind)
                let message = SecretSafety.message(error.description, isSecret: SecretSafety.isSecret(kind: identity.kind, apiVersion: identity.apiVersion))
                record(PruneOutcome(cluster: cluster.name, object: identity, result: .failed(message)), into: &result)
                result.failures.append(ApplyFailure(cluster: cluster.name, object: identity, reason: ObjectApplier.reason(error),
                                                    message: "prune failed: \(message)"))
            }
        }
        return result
    }

    private func record(_ outcome: PruneOutcome, into result: inout Result) {
        result.outcomes.append(outcome)
        context.emit(.pruned(outcome))
    }
}
