import KubeClient
import Plan

/// Runs a plan against a target: a cluster (server-side apply, waits, prune) or a directory.
/// The plan is applied exactly as written — stages in order, never re-sorted — or refused
/// before the first write. Semantics: docs/apply.md.
public enum Executor {
    /// The field manager of every server-side apply.
    public static let fieldManager = "shipshape"

    public static func apply(plan: PlanDocument, to target: ApplyTarget, options: ApplyOptions = ApplyOptions()) -> ApplyReport {
        switch target {
        case .directory(let path): return applyToDirectory(plan, path: path, options: options)
        case .cluster(let api): return applyToCluster(plan, api: api, options: options)
        }
    }

    static func applyToDirectory(_ plan: PlanDocument, path: String, options: ApplyOptions) -> ApplyReport {
        var report = ApplyReport(target: "dir:\(path)", dryRun: options.dryRunServer)
        report.refusals = StalePlanCheck.revisionProblems(plan, options: options)
        if options.dryRunServer { report.refusals.append("--dry-run=server needs a cluster target") }
        guard report.refusals.isEmpty else { return report }
        do {
            report.files = try plan.write(to: path)
        } catch {
            report.files = TargetWriteResult()
            report.failures.append(ApplyFailure(cluster: "", reason: "WriteFailed", message: error.message))
        }
        return report
    }

    static func applyToCluster(_ planned: PlanDocument, api: KubeAPI, options: ApplyOptions) -> ApplyReport {
        var report = ApplyReport(target: "cluster \(api.target.server)", dryRun: options.dryRunServer)
        var plan = planned
        let unknown = options.clusters.filter { name in !plan.clusters.contains { $0.name == name } }
        report.refusals += unknown.map { "the plan has no cluster named \($0)" }
        report.refusals += StalePlanCheck.revisionProblems(plan, options: options)
        guard report.refusals.isEmpty else { return report }
        do {
            plan = NamespaceDefaulting.apply(to: plan, mapper: try api.discover(), namespace: api.target.namespace)
        } catch {
            report.refusals.append("cannot discover the API server's kinds: \(error)")
            return report
        }
        let clusters = plan.clusters.filter { options.clusters.isEmpty || options.clusters.contains($0.name) }
        var sets: [String: ApplySet] = [:]
        for cluster in clusters { sets[cluster.name] = ApplySet(cluster: cluster.name, namespace: options.inventoryNamespace) }
        for cluster in clusters {
            guard let set = sets[cluster.name] else { continue }
            do {
                if let problem = InventoryClient.ownershipProblem(try InventoryClient(api: api, set: set).parent(), set: set) {
                    report.refusals.append(problem)
                }
            } catch {
                report.refusals.append("cannot read apply set \(set.parentNamespace)/\(set.parentName): \(error)")
            }
        }
        report.refusals += StalePlanCheck.clusterProblems(plan, clusters: clusters, api: api, options: options, sets: sets)
        let applied = clusters.flatMap { $0.units.flatMap(\.objects) }
            .filter { $0.action != .prune && UnitRunner.isApplied($0, options: options) }
        let preflight = Preflight(api: api, clusters: clusters, objects: applied, sets: sets)
        report.refusals += preflight.problems
        guard report.refusals.isEmpty else { return report }

        if plan.target.kind == .offline {
            report.notes.append("offline plan: no resourceVersions were recorded, so only the revision could be checked for staleness")
        }
        if options.includeUnitObjects, !plan.includesUnitObjects {
            report.notes.append("the plan holds no unit objects; plan with --include-unit-objects to apply them")
        }
        for cluster in clusters {
            report.notes += cluster.warnings.map { "\(cluster.name): \($0)" }
        }
        for (position, cluster) in clusters.enumerated() {
            guard let set = sets[cluster.name] else { continue }
            let context = RunContext(api: api, options: options, cluster: cluster.name, set: set, preflight: preflight)
            if !ClusterRunner(context: context).run(cluster, report: &report) {
                for later in clusters[(position + 1)...] {
                    report.notAttempted += ClusterRunner.notAttempted(later.stages, cluster: later.name)
                }
                break
            }
        }
        return report
    }
}
