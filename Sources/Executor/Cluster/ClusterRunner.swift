import Foundation
import KubeClient
import Plan

/// Applies one plan cluster: the apply-set parent first (widened, so a crash mid-apply never
/// loses track of an object), then the stages strictly in plan order with a stage's units in
/// parallel, then prune, then the parent narrowed to exactly what is left.
struct ClusterRunner {
    let context: RunContext

    /// Returns false when the cluster failed (later clusters are then not attempted).
    func run(_ cluster: PlanCluster, report: inout ApplyReport) -> Bool {
        let options = context.options
        let inventory = InventoryClient(api: context.api, set: context.set)
        let objects = cluster.units.flatMap(\.objects).filter { $0.action != .prune && UnitRunner.isApplied($0, options: options) }
        let planKinds = Set(objects.map { ApplySet.groupKind(apiVersion: $0.apiVersion, kind: $0.kind) })
        let planNamespaces = Set(objects.map(\.namespace))
        var hints: (kinds: Set<String>, namespaces: Set<String>) = ([], [])
        var hasParent = false
        do {
            if let parent = try inventory.parent() {
                hints = (parent.groupKinds, parent.namespaces)
                hasParent = true
            }
            // A cluster with nothing to apply and no set yet gets no parent either.
            hasParent = hasParent || !objects.isEmpty
            if !options.dryRunServer, hasParent {
                try inventory.writeParent(groupKinds: hints.kinds.union(planKinds), namespaces: hints.namespaces.union(planNamespaces))
            }
        } catch {
            let failure = ApplyFailure(cluster: cluster.name, reason: ObjectApplier.reason(error),
                                       message: "cannot write apply set \(context.set.parentNamespace)/\(context.set.parentName): \(error)")
            report.failures.append(failure)
            context.emit(.failed(failure))
            report.notAttempted += Self.notAttempted(cluster.stages, cluster: cluster.name)
            return false
        }

        for (position, stage) in cluster.stages.enumerated() {
            context.emit(.stageStarted(cluster: cluster.name, stage: stage.index, units: stage.units.map(\.id)))
            let results = runUnits(stage)
            for result in results {
                report.applied += result.outcomes
                report.notAttempted += result.notAttempted
                if let failure = result.failure { report.failures.append(failure) }
            }
            if results.contains(where: { $0.failure != nil }) {
                report.notAttempted += Self.notAttempted(Array(cluster.stages[(position + 1)...]), cluster: cluster.name)
                if options.prune { report.notes.append("\(cluster.name): prune was not attempted because the apply failed") }
                return false
            }
        }

        var remaining = planKinds
        var keepsOldMembers = true
        if options.prune {
            if let reason = Self.pruneBlocker(cluster) {
                report.notes.append("\(cluster.name): prune skipped: \(reason)")
                remaining.formUnion(hints.kinds)
            } else {
                let pruned = Pruner(context: context).prune(cluster, hints: hints.kinds)
                report.pruned += pruned.outcomes
                report.failures += pruned.failures
                remaining.formUnion(pruned.remainingGroupKinds)
                keepsOldMembers = !pruned.remainingGroupKinds.isEmpty || !pruned.failures.isEmpty
            }
        } else {
            let entries = cluster.units.flatMap(\.objects).filter { $0.action == .prune }.count
            if entries > 0 { report.notes.append("\(cluster.name): \(entries) object(s) the plan would prune were kept (no --prune)") }
            // Without prune, members of kinds the plan dropped are still in the set.
            remaining.formUnion(hints.kinds)
        }
        if !options.dryRunServer, hasParent {
            do {
                try inventory.writeParent(groupKinds: remaining,
                                          namespaces: keepsOldMembers ? planNamespaces.union(hints.namespaces) : planNamespaces)
            } catch {
                report.failures.append(ApplyFailure(cluster: cluster.name, reason: ObjectApplier.reason(error),
                                                    message: "applied, but the apply set parent could not be narrowed: \(error)"))
            }
        }
        return report.failures.isEmpty
    }

    /// Units of one stage on parallel threads (KubeAPI is synchronous and thread-safe), their
    /// results kept in plan order so the report is deterministic.
    private func runUnits(_ stage: PlanStage) -> [UnitResult] {
        let runner = UnitRunner(context: context, stage: stage.index)
        let units = stage.units
        let results = ResultSlots(count: units.count)
        DispatchQueue.concurrentPerform(iterations: units.count) { index in
            results.set(index, runner.run(units[index]))
        }
        return results.values
    }

    /// Pruning from an incomplete plan would delete what only failed to render.
    static func pruneBlocker(_ cluster: PlanCluster) -> String? {
        if let unit = cluster.units.first(where: { $0.renderError != nil }) {
            return "\(unit.displayName) failed to render, so its objects are missing from the plan"
        }
        if !cluster.cycles.isEmpty || !cluster.blocked.isEmpty { return "units in an ordering cycle are missing from the plan" }
        return nil
    }

    static func notAttempted(_ stages: [PlanStage], cluster: String) -> [NotAttempted] {
        stages.flatMap { stage in
            stage.units.flatMap { unit in
                unit.objects.filter { $0.action != .prune }.map {
                    NotAttempted(cluster: cluster, stage: stage.index, unit: unit.id, object: ObjectIdentity($0))
                }
            }
        }
    }
}

/// Per-index results written from concurrent threads.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [UnitResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: UnitResult) { lock.withLock { slots[index] = value } }

    var values: [UnitResult] { lock.withLock { slots.map { $0 ?? UnitResult() } } }
}
