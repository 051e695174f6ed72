import Foundation
import KubeClient
import KubeDouble
import Plan
import Testing
@testable import Executor

/// `--prune` removes exactly the apply set's members the plan no longer has, in reverse apply
/// order, and never an object without our label.
@Suite struct PruneTests {
    @Test func pruneRemovesExactlyWhatWasDeletedFromGit() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        #expect(cluster.apply(try repository.plan(), cluster.options(prune: true)).succeeded)
        // Someone else's ConfigMap in the same namespace, without our label.
        try cluster.applyAsOther(try JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"manual","namespace":"demo"}}"#),
                                 manager: "kubectl")

        try repository.delete("apps/b.yaml")
        try repository.write(["apps/kustomization.yaml": ExecutorFixtures.kustomization(["namespace.yaml", "a.yaml", "deployment.yaml"])])
        let withoutB = try repository.plan()

        // Without --prune the removed object stays.
        let kept = cluster.apply(withoutB, cluster.options())
        #expect(kept.succeeded && kept.pruned.isEmpty)
        #expect(cluster.exists("v1", "ConfigMap", "demo", "b"))

        cluster.double.clearRequestLog()
        let pruned = cluster.apply(withoutB, cluster.options(prune: true))
        #expect(pruned.succeeded, "\(pruned.text())")
        #expect(pruned.pruned.map(\.object.description) == ["ConfigMap/demo/b"])
        #expect(pruned.pruned.first?.result == .deleted)
        #expect(pruned.summaryLine == "Apply complete: 0 created, 0 configured, 3 unchanged, 1 pruned.")
        #expect(!cluster.exists("v1", "ConfigMap", "demo", "b"))
        #expect(cluster.exists("v1", "ConfigMap", "demo", "manual"))
        #expect(cluster.exists("v1", "ConfigMap", "demo", "a"))
        #expect(cluster.writes.filter { $0.method == "DELETE" }.map(\.path) == ["/api/v1/namespaces/demo/configmaps/b"])

        // The parent lists what the set holds now.
        let set = ApplySet(cluster: "test", namespace: "kube-system")
        let parent = try #require(try cluster.api.get(set.parentRef))
        #expect(parent.metadataEntry("annotations", ApplySet.groupKindsAnnotation) == "ConfigMap,Deployment.apps,Namespace")
        #expect(parent.metadataEntry("annotations", ApplySet.toolingAnnotation) == "shipshape/v1")
        #expect(parent.metadataEntry("labels", ApplySet.idLabel) == set.id)
        #expect(parent.metadataEntry("annotations", ApplySet.namespacesAnnotation) == "demo")
    }

    @Test func pruneDeletesInReverseApplyOrder() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        #expect(cluster.apply(try repository.plan(), cluster.options(prune: true)).succeeded)
        // Everything goes: the Deployment and ConfigMaps before their Namespace.
        try repository.write(["apps/kustomization.yaml": ExecutorFixtures.kustomization([])])
        let report = cluster.apply(try repository.plan(), cluster.options(prune: true))
        #expect(report.succeeded, "\(report.text())")
        #expect(report.pruned.map(\.object.description) == [
            "Deployment/demo/web", "ConfigMap/demo/a", "ConfigMap/demo/b", "Namespace/demo",
        ])
    }

    @Test func pruneIsSkippedWhenAUnitFailedToRender() throws {
        var files = ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp())
        files["clusters/test/broken.yaml"] = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: broken
          namespace: flux-system
        spec:
          interval: 10m
          path: ./does-not-exist
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system

        """
        let repository = try ScratchRepository(files)
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        let report = cluster.apply(try repository.plan(), cluster.options(prune: true))
        #expect(report.succeeded, "\(report.text())")
        #expect(report.notes.contains { $0.contains("prune skipped") && $0.contains("failed to render") })
        #expect(!cluster.writes.contains { $0.method == "DELETE" })
    }
}

extension PruneTests {
    @Test func anObjectWithoutANamespaceLandsInTheContextNamespaceAndIsNotPruned() throws {
        let manifest = PlanJSON.object(["apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                                        "metadata": .object(["name": .string("loose")])])
        let unit = PlanUnit(id: "unit:Kustomization/flux-system/x", apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization",
                            namespace: "flux-system", name: "x", engine: .flux,
                            objects: [PlanObject(apiVersion: "v1", kind: "ConfigMap", namespace: "", name: "loose", manifest: manifest)])
        let plan = PlanDocument(source: PlanSource(treeHash: "sha256:00"),
                                clusters: [PlanCluster(name: "manual", path: "clusters/manual", stages: [PlanStage(index: 1, units: [unit])])])
        let cluster = try DoubleCluster()
        let first = cluster.apply(plan, cluster.options(prune: true))
        #expect(first.succeeded, "\(first.text())")
        #expect(first.applied.map(\.object.description) == ["ConfigMap/default/loose"])
        #expect(cluster.exists("v1", "ConfigMap", "default", "loose"))
        let second = cluster.apply(plan, cluster.options(prune: true))
        #expect(second.succeeded && second.pruned.isEmpty && second.count(.unchanged) == 1, "\(second.text())")
    }
}
