import Foundation
import KubeClient
import KubeDouble
import Plan
import Testing
@testable import Executor

/// A saved plan applies only while the cluster is as it was planned against.
@Suite struct StalePlanTests {
    /// What a live plan records: each object's uid and resourceVersion (or `create`), and with
    /// `prune` the set's members the plan no longer has as prune entries.
    static func livePlan(_ plan: PlanDocument, cluster: DoubleCluster, prunes: [ObjectIdentity] = []) throws -> PlanDocument {
        var live = plan
        live.target = PlanTarget(kind: .cluster, context: "kube-double", server: cluster.api.target.server)
        for c in live.clusters.indices {
            for s in live.clusters[c].stages.indices {
                for u in live.clusters[c].stages[s].units.indices {
                    for o in live.clusters[c].stages[s].units[u].objects.indices {
                        var object = live.clusters[c].stages[s].units[u].objects[o]
                        if let found = try cluster.api.get(ObjectIdentity(object).ref) {
                            object.uid = found[path: "metadata", "uid"]?.string
                            object.resourceVersion = found[path: "metadata", "resourceVersion"]?.string
                            object.action = .unchanged
                        } else {
                            object.action = .create
                        }
                        live.clusters[c].stages[s].units[u].objects[o] = object
                    }
                    if u == 0, s == live.clusters[c].stages.count - 1 {
                        for identity in prunes {
                            let found = try #require(try cluster.api.get(identity.ref))
                            live.clusters[c].stages[s].units[u].objects.append(PlanObject(
                                apiVersion: identity.apiVersion, kind: identity.kind, namespace: identity.namespace, name: identity.name,
                                manifest: nil, action: .prune, uid: found[path: "metadata", "uid"]?.string,
                                resourceVersion: found[path: "metadata", "resourceVersion"]?.string))
                        }
                    }
                }
            }
        }
        return live
    }

    @Test func aChangedObjectRefusesThePlanBeforeAnyWrite() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        #expect(cluster.apply(plan, cluster.options()).succeeded)
        let live = try Self.livePlan(plan, cluster: cluster)
        // Positive control: an unchanged cluster accepts the live plan.
        #expect(cluster.apply(live, cluster.options()).succeeded)

        try cluster.applyAsOther(try JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"demo"},"data":{"other":"x"}}"#))
        cluster.double.clearRequestLog()
        let report = cluster.apply(live, cluster.options())
        #expect(!report.succeeded)
        #expect(report.refusals.contains { $0.hasPrefix("ConfigMap/demo/a changed after the plan") }, "\(report.refusals)")
        #expect(report.applied.isEmpty && report.failures.isEmpty)
        #expect(cluster.writes.isEmpty, "\(cluster.writes)")
        #expect(report.summaryLine == "Apply refused: nothing was changed.")
    }

    @Test func deletedCreatedAndReplacedObjectsAreStale() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        // Planned against an empty cluster: everything is `create`.
        let live = try Self.livePlan(plan, cluster: cluster)
        try cluster.applyAsOther(try JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}"#))
        let report = cluster.apply(live, cluster.options())
        #expect(report.refusals == ["Namespace/demo was created after the plan (the plan would create it)"])
        #expect(!cluster.writes.contains { $0.path.contains("/configmaps/") })

        #expect(cluster.apply(plan, cluster.options()).succeeded)
        let applied = try Self.livePlan(plan, cluster: cluster)
        _ = try cluster.api.delete(ObjectRef(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "b"))
        #expect(cluster.apply(applied, cluster.options()).refusals == ["ConfigMap/demo/b was deleted after the plan"])
    }

    @Test func aGrownInventoryRefusesAPrunePlan() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        #expect(cluster.apply(plan, cluster.options(prune: true)).succeeded)
        let live = try Self.livePlan(plan, cluster: cluster)
        let set = ApplySet(cluster: "test", namespace: "kube-system")
        // Another apply of the same set added a member after this plan was made.
        try cluster.applyAsOther(try JSON.parse("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late","namespace":"demo","labels":{"\(ApplySet.partOfLabel)":"\(set.id)"}}}
        """), manager: Executor.fieldManager)
        cluster.double.clearRequestLog()
        let report = cluster.apply(live, cluster.options(prune: true))
        #expect(report.refusals.count == 1)
        #expect(report.refusals.first?.contains("the inventory changed after the plan: ConfigMap/demo/late") == true)
        #expect(cluster.writes.isEmpty)

        // A live plan that knows about it (as a prune entry) applies and prunes it.
        let replanned = try Self.livePlan(plan, cluster: cluster, prunes: [
            ObjectIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "late"),
        ])
        let pruned = cluster.apply(replanned, cluster.options(prune: true))
        #expect(pruned.succeeded, "\(pruned.text())")
        #expect(pruned.pruned.map(\.object.description) == ["ConfigMap/demo/late"])
    }

    @Test func theRevisionMustBeTheOneAskedFor() throws {
        let plan = PlanDocument(source: PlanSource(requestedRevision: "main", commit: "0123456789abcdef0123456789abcdef01234567",
                                                   treeHash: "sha256:00"), clusters: [])
        let directory = NSTemporaryDirectory() + "shipshape-rev-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func refusals(_ rev: String?, resolved: String? = nil) -> [String] {
            var options = ApplyOptions(expectedRevision: rev)
            if let resolved {
                options.resolveRevision = { @Sendable _ in resolved }
            }
            return Executor.apply(plan: plan, to: .directory(directory), options: options).refusals
        }
        #expect(refusals(nil).isEmpty)
        #expect(refusals("main").isEmpty)
        #expect(refusals("0123456").isEmpty)
        #expect(refusals("release").first?.contains("not of release") == true)
        // The branch moved since planning: refused even though the name matches.
        #expect(refusals("main", resolved: "ffffffffffffffffffffffffffffffffffffffff").first?.contains("plan again") == true)
        #expect(refusals("main", resolved: "0123456789abcdef0123456789abcdef01234567").isEmpty)

        let workingDirectory = PlanDocument(source: PlanSource(treeHash: "sha256:00"), clusters: [])
        let untouched = directory + "-refused"
        let report = Executor.apply(plan: workingDirectory, to: .directory(untouched), options: ApplyOptions(expectedRevision: "main"))
        #expect(report.refusals.first?.contains("working directory") == true)
        #expect(!FileManager.default.fileExists(atPath: untouched))
    }

    @Test func anOfflinePlanIsAppliedWithANote() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        let report = cluster.apply(try repository.plan(), cluster.options())
        #expect(report.succeeded)
        #expect(report.notes.contains { $0.hasPrefix("offline plan") })
    }

    @Test func unknownKindsAndMissingNamespacesRefuseThePlan() throws {
        var app = ExecutorFixtures.demoApp()
        app["widget.yaml"] = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: demo\n"
        app["elsewhere.yaml"] = ExecutorFixtures.configMap("c", namespace: "nowhere")
        app["kustomization.yaml"] = ExecutorFixtures.kustomization(["namespace.yaml", "a.yaml", "b.yaml", "deployment.yaml", "widget.yaml", "elsewhere.yaml"])
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: app))
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        let report = cluster.apply(try repository.plan(), cluster.options())
        #expect(report.refusals.contains { $0.hasPrefix("Widget/demo/w: kind Widget is not served in example.com/v1") })
        #expect(report.refusals.contains { $0.hasPrefix("namespace nowhere does not exist and the plan does not create it") })
        #expect(cluster.writes.isEmpty)
    }
}
