import Foundation
import KubeClient
import KubeDouble
import Testing
@testable import Plan

@Suite struct LivePlanTests {
    @Test func freshClusterPlansEverythingAsCreateAndWritesNothing() throws {
        let cluster = try LiveCluster()
        let plan = try LivePlanner.classify(LivePlans.shop, api: cluster.api, prune: true)
        #expect(plan.allObjects.map(\.action) == [.create, .create, .create, .create])
        #expect(plan.allObjects.allSatisfy { $0.uid == nil && $0.resourceVersion == nil && $0.diff == nil })
        #expect(plan.target == PlanTarget(kind: .cluster, context: "kube-double", server: cluster.api.target.server))
        #expect(PlanSummary.totals(plan) == "Plan: 4 to create, 0 to update, 0 to prune, 0 unchanged.")
        #expect(plan.hasChanges)
        // Objects in the namespace the plan creates are not dry-run (the server would refuse).
        #expect(plan.clusters[0].warnings.isEmpty)
        #expect(cluster.realWrites.isEmpty)
        #expect(cluster.double.object(apiVersion: "v1", kind: "Namespace", name: "shop") == nil)
    }

    @Test func objectsAppliedAsTheExecutorDoesAreUnchanged() throws {
        let cluster = try LiveCluster()
        let namespace = try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        let settings = try cluster.applyAsExecutor(LivePlans.configMap("settings"))
        let web = try cluster.applyAsExecutor(LivePlans.deployment("web"))
        let plan = try LivePlanner.classify(LivePlans.shop, api: cluster.api, prune: false)

        #expect(plan.object("Namespace shop")?.action == .unchanged)
        #expect(plan.object("ConfigMap shop/settings")?.action == .unchanged)
        #expect(plan.object("Deployment shop/web")?.action == .unchanged)
        #expect(plan.object("Secret shop/db")?.action == .create)
        #expect(plan.object("ConfigMap shop/settings")?.uid == settings.uid)
        #expect(plan.object("ConfigMap shop/settings")?.resourceVersion == settings.resourceVersion)
        #expect(plan.object("Namespace shop")?.uid == namespace.uid)
        #expect(plan.object("Deployment shop/web")?.resourceVersion == web.resourceVersion)
        #expect(plan.allObjects.allSatisfy { $0.diff == nil })
        #expect(PlanSummary.totals(plan) == "Plan: 1 to create, 0 to update, 0 to prune, 3 unchanged.")
        #expect(cluster.realWrites.count == 3)   // the three setup applies, none from planning
    }

    @Test func everythingUnchangedIsNoChange() throws {
        let cluster = try LiveCluster()
        let plan = LivePlans.plan(apps: [LivePlans.namespace("shop"), LivePlans.configMap("settings")])
        for object in plan.allObjects { try cluster.applyAsExecutor(try #require(object.manifest)) }
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: true)
        #expect(!live.hasChanges)
        #expect(PlanSummary.totals(live) == "Plan: 0 to create, 0 to update, 0 to prune, 2 unchanged.")
    }

    @Test func aChangeInGitIsAnUpdateWithAFieldDiff() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        let web = try cluster.applyAsExecutor(LivePlans.deployment("web", replicas: 2))
        let plan = LivePlans.plan(apps: [LivePlans.deployment("web", replicas: 3)])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: false)
        let object = try #require(live.object("Deployment shop/web"))
        #expect(object.action == .update)
        #expect(object.uid == web.uid && object.resourceVersion == web.resourceVersion)
        let diff = try #require(object.diff)
        #expect(diff.hasPrefix("--- live/apps/Deployment/shop/web\n+++ planned/apps/Deployment/shop/web\n"))
        #expect(diff.contains("-  replicas: 2\n") && diff.contains("+  replicas: 3\n"))
        // Server-owned metadata is neither compared nor shown.
        for field in ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "status"] {
            #expect(!diff.contains(field))
        }
        #expect(cluster.double.object(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")?
            .value(at: ["spec", "replicas"]) == 2)
    }

    @Test func driftByAnotherManagerIsAnUpdateThatNamesTheConflict() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        try cluster.applyAsExecutor(LivePlans.configMap("settings", value: "one"))
        try cluster.applyAsOther(LivePlans.configMap("settings", value: "edited"), manager: "kubectl-edit")
        let live = try LivePlanner.classify(LivePlans.plan(apps: [LivePlans.configMap("settings")]), api: cluster.api, prune: false)
        let object = try #require(live.object("ConfigMap shop/settings"))
        #expect(object.action == .update)
        #expect(object.diff?.contains("-  key: edited\n") == true && object.diff?.contains("+  key: one\n") == true)
        #expect(live.clusters[0].warnings == [
            "ConfigMap shop/settings: fields owned by another field manager would change: .data.key (kubectl-edit); apply needs --force-conflicts",
        ])
    }

    @Test func aLabelOnlyTheExecutorAddsIsAnUpdate() throws {
        // The contract with the executor: it labels what it applies with the ApplySet part-of label.
        let cluster = try LiveCluster()
        try cluster.applyAsOther(LivePlans.namespace("shop"), manager: "shipshape", force: false)
        let live = try LivePlanner.classify(LivePlans.plan(apps: [LivePlans.namespace("shop")]), api: cluster.api, prune: false)
        #expect(live.object("Namespace shop")?.action == .update)
        #expect(live.object("Namespace shop")?.diff?.contains("+    \(ApplySetID.partOfLabel): \(ApplySetID.memberLabel(cluster: "prod"))") == true)
        let unlabelled = try LivePlanner.classify(LivePlans.plan(apps: [LivePlans.namespace("shop")]), api: cluster.api,
                                                  options: LivePlanOptions(labelsMembers: false))
        #expect(unlabelled.object("Namespace shop")?.action == .unchanged)
    }

    @Test func customResourcesOfACRDInThePlanAreCreatesWithANote() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        let plan = LivePlans.plan(definitions: [LivePlans.widgetCRD], apps: [LivePlans.widget("blue")])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: false)
        #expect(live.object("CustomResourceDefinition widgets.example.com")?.action == .create)
        #expect(live.object("Widget shop/blue")?.action == .create)
        #expect(live.clusters[0].warnings == [
            "Widget shop/blue: not dry-run, its CustomResourceDefinition widgets.example.com is applied by this plan and not served yet; planned as create",
        ])
        #expect(cluster.realWrites.count == 1)
    }

    @Test func kindsNobodyDefinesAndMissingNamespacesAreReported() throws {
        let cluster = try LiveCluster()
        let plan = LivePlans.plan(apps: [LivePlans.widget("blue"), LivePlans.configMap("settings", namespace: "nowhere")])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: false)
        #expect(live.allObjects.map(\.action) == [.create, .create])
        #expect(live.clusters[0].warnings == [
            "ConfigMap nowhere/settings: namespace nowhere does not exist and is not in the plan; applying it fails until it is created",
            "Widget shop/blue: kind Widget is not served in example.com/v1 and no CustomResourceDefinition in the plan defines it; applying it fails until it is installed",
        ])
    }

    @Test func anInjectedServerErrorIsReportedWithItsReason() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        cluster.double.faults.inject(.serverError(500), method: "PATCH", path: .contains("/configmaps/"), times: 1)
        #expect {
            try LivePlanner.classify(LivePlans.shop, api: cluster.api, prune: false)
        } throws: { error in
            guard let error = error as? LivePlanError else { return false }
            return error.reason == "InternalError" && error.subject == "ConfigMap shop/settings"
                && error.description.contains("HTTP 500 InternalError: injected fault")
        }
    }

    @Test func retriedFaultsAreSurvived() throws {
        let cluster = try LiveCluster(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02))
        cluster.double.faults.inject(.serverError(503), method: "GET", path: .contains("/namespaces/shop"), times: 1)
        cluster.double.faults.inject(.tooManyRequests(retryAfter: 0), method: "PATCH", times: 1)
        let live = try LivePlanner.classify(LivePlans.plan(apps: [LivePlans.namespace("shop")]), api: cluster.api, prune: false)
        #expect(live.object("Namespace shop")?.action == .create)
        #expect(cluster.double.faults.pending.isEmpty)
    }

    @Test func aPlanWithLiveFieldsIsValidAndDeterministic() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        try cluster.applyAsExecutor(LivePlans.configMap("settings", value: "old"))
        try cluster.applyAsExecutor(LivePlans.configMap("retired"))
        try cluster.applyAsExecutor(LivePlans.deployment("web"))
        let plan = LivePlans.plan(definitions: [LivePlans.namespace("shop"), LivePlans.widgetCRD],
                                  apps: [LivePlans.configMap("settings"), LivePlans.deployment("web"), LivePlans.widget("blue"),
                                         LivePlans.secret("db", password: "correct-horse-battery")])
        let first = try LivePlanner.classify(plan, api: cluster.api, options: LivePlanOptions(prune: true, concurrency: 4))
        let second = try LivePlanner.classify(plan, api: cluster.api, options: LivePlanOptions(prune: true, concurrency: 1))
        #expect(first.fileText() == second.fileText())
        #expect(Set(first.allObjects.map(\.action)) == [.create, .update, .unchanged, .prune])

        // Round trip through the file format, then the JSON Schema.
        #expect(try PlanDocument(fileBytes: Array(first.fileText().utf8)) == first)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("live.json", first.fileText())
        try scratch.write("offline.json", plan.fileText())
        #expect(try PlanProcess.schemaErrors([scratch.path("live.json"), scratch.path("offline.json")]) == nil)
    }
}
