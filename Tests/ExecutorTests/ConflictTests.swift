import Foundation
import KubeClient
import KubeDouble
import Plan
import Testing
@testable import Executor

/// Field-ownership conflicts, immutable fields, and CRDs with their custom resources in one run.
@Suite struct ConflictTests {
    @Test func fieldConflictsAreReportedPerFieldAndTakenOverOnlyWithForce() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        #expect(cluster.apply(plan, cluster.options()).succeeded)
        // `kubectl scale`-like: another manager takes .spec.replicas.
        try cluster.applyAsOther(try JSON.parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"demo"},"spec":{"replicas":5}}
        """), manager: "kubectl-edit")

        let conflicted = cluster.apply(plan, cluster.options())
        #expect(!conflicted.succeeded)
        let failure = try #require(conflicted.failures.first)
        #expect(failure.reason == "FieldManagerConflict")
        #expect(failure.object?.description == "Deployment/demo/web")
        #expect(failure.conflicts.map(\.field) == [".spec.replicas"])
        #expect(failure.conflicts.first?.manager == "kubectl-edit")
        #expect(failure.message.contains("--force-conflicts"))
        // What was applied before the failure is reported, unchanged; nothing is half-recorded.
        #expect(conflicted.applied.map(\.object.description) == ["Namespace/demo", "ConfigMap/demo/a", "ConfigMap/demo/b"])
        #expect(conflicted.applied.allSatisfy { $0.action == .unchanged })
        #expect(conflicted.text().contains("field .spec.replicas is owned by \"kubectl-edit\""))

        let forced = cluster.apply(plan, cluster.options(forceConflicts: true))
        #expect(forced.succeeded, "\(forced.text())")
        #expect(forced.actions()["Deployment/demo/web"] == .configured)
        let live = try #require(try cluster.api.get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "demo", name: "web")))
        #expect(live[path: "spec", "replicas"]?.int == 1)
    }

    @Test func immutableFieldsFailUnlessRecreateIsAllowed() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        #expect(cluster.apply(try repository.plan(), cluster.options()).succeeded)
        let before = try #require(try cluster.api.get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "demo", name: "web")))

        try repository.write(["apps/deployment.yaml": ExecutorFixtures.deployment("web", selector: "web-v2")])
        let changed = try repository.plan()
        let refused = cluster.apply(changed, cluster.options())
        #expect(!refused.succeeded)
        #expect(refused.failures.first?.reason == "Immutable")
        #expect(refused.failures.first?.message.contains("field is immutable") == true)
        #expect(refused.failures.first?.message.contains("--force-recreate") == true)

        let recreated = cluster.apply(changed, cluster.options(forceRecreate: true))
        #expect(recreated.succeeded, "\(recreated.text())")
        #expect(recreated.actions()["Deployment/demo/web"] == .recreated)
        #expect(recreated.summaryLine == "Apply complete: 0 created, 1 configured, 3 unchanged, 0 pruned.")
        let after = try #require(try cluster.api.get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "demo", name: "web")))
        #expect(after[path: "metadata", "uid"] != before[path: "metadata", "uid"])
        #expect(after[path: "spec", "selector", "matchLabels", "app"]?.string == "web-v2")
    }

    static let widgetCRD = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com
    spec:
      group: example.com
      scope: Namespaced
      names:
        kind: Widget
        plural: widgets
        singular: widget
        listKind: WidgetList
      versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              x-kubernetes-preserve-unknown-fields: true

    """

    static func crdApp() -> [String: String] {
        var app = ExecutorFixtures.demoApp()
        app["crd.yaml"] = widgetCRD
        app["widget.yaml"] = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: demo\nspec:\n  size: 3\n"
        app["kustomization.yaml"] = ExecutorFixtures.kustomization(["namespace.yaml", "a.yaml", "b.yaml", "deployment.yaml", "crd.yaml", "widget.yaml"])
        return app
    }

    @Test func aCRDAndItsCustomResourcesApplyInOneRun() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: Self.crdApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        let report = cluster.apply(plan, cluster.options())
        #expect(report.succeeded, "\(report.text())")
        #expect(report.actions()["Widget/demo/w"] == .created)
        #expect(cluster.exists("example.com/v1", "Widget", "demo", "w"))

        // The CRD was applied first, read until Established, and only then the Widget.
        let log = cluster.double.requestLog
        let crdPatch = try #require(log.firstIndex { $0.method == "PATCH" && $0.path.hasSuffix("/customresourcedefinitions/widgets.example.com") })
        let widgetPatch = try #require(log.firstIndex { $0.method == "PATCH" && $0.path.hasSuffix("/widgets/w") })
        let establishedReads = log[crdPatch..<widgetPatch].filter { $0.method == "GET" && $0.path.hasSuffix("/widgets.example.com") }
        #expect(crdPatch < widgetPatch && establishedReads.count >= 2)

        let again = cluster.apply(plan, cluster.options())
        #expect(again.succeeded && again.applied.allSatisfy { $0.action == .unchanged })
    }

    @Test func aSchemaRejectionIsReportedNotRetried() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: Self.crdApp()))
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        cluster.double.faults.failSchema(kind: "Widget", field: ".spec.size")
        let report = cluster.apply(try repository.plan(), cluster.options())
        #expect(!report.succeeded)
        let failure = try #require(report.failures.first)
        #expect(failure.object?.description == "Widget/demo/w")
        #expect(failure.message.contains("not in the resource's schema"))
        #expect(cluster.double.requestLog.filter { $0.method == "PATCH" && $0.path.hasSuffix("/widgets/w") }.count == 1)
    }
}
