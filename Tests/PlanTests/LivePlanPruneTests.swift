import Foundation
import KubeClient
import KubeDouble
import Testing
@testable import Plan

@Suite struct LivePlanPruneTests {
    let id = ApplySetID.memberLabel(cluster: LivePlans.clusterName)
    let parentName = ApplySetID.for(cluster: LivePlans.clusterName)

    @Test func applySetIDsMatchTheExecutorAndKubectl() {
        // Vectors computed independently (Python hashlib/base64).
        #expect(ApplySetID.for(cluster: "prod") == "applyset-4ab105f38a35e6b8")
        #expect(ApplySetID.for(cluster: "staging") != ApplySetID.for(cluster: "prod"))
        #expect(ApplySetID.kubectlID(parentName: "my-set", namespace: "ns1") == "applyset-coBgQZrV8DXsvqb1_TbTZPd45YyY9KtJtKROQEiT1XU-v1")
        #expect(id == "applyset-w4n5DdHcjJ56G8I_Y-2HWjEa104IC-s4eXs5s2Q58EI-v1")
        #expect(id.count <= 63)   // a valid label value
    }

    @Test func onlyOurMembersMissingFromThePlanArePruned() throws {
        let cluster = try LiveCluster()
        for manifest in [LivePlans.namespace("shop"), LivePlans.configMap("settings")] { try cluster.applyAsExecutor(manifest) }
        let retired = try cluster.applyAsExecutor(LivePlans.configMap("retired"))
        try cluster.applyAsExecutor(LivePlans.json(#"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept","namespace":"shop",
             "annotations":{"kustomize.toolkit.fluxcd.io/prune":"disabled"}}}
            """#))
        try cluster.applyAsOther(LivePlans.configMap("stranger"))                                         // not ours: no label
        _ = try cluster.api.apply(JSONBridge.kube(LivePlans.labelled(LivePlans.configMap("other-set"), id: ApplySetID.memberLabel(cluster: "staging"))))

        let plan = LivePlans.plan(apps: [LivePlans.namespace("shop"), LivePlans.configMap("settings")])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: true)
        let pruned = live.allObjects.filter { $0.action == .prune }
        #expect(pruned.map(\.displayName) == ["ConfigMap shop/retired"])
        #expect(pruned.first?.uid == retired.uid && pruned.first?.resourceVersion == retired.resourceVersion)
        #expect(pruned.first?.manifest == nil && pruned.first?.contentHash == nil)
        // A stage of its own, after every other.
        let last = try #require(live.clusters[0].stages.last)
        #expect(last.index == 2 && last.units.map(\.kind) == [LivePlanner.pruneUnitKind] && last.units[0].name == id)
        #expect(PlanSummary.totals(live) == "Plan: 0 to create, 0 to update, 1 to prune, 2 unchanged.")
        #expect(live.clusters[0].warnings == ["ConfigMap shop/kept: not pruned, it is annotated kustomize.toolkit.fluxcd.io/prune: disabled"])

        let withoutPrune = try LivePlanner.classify(plan, api: cluster.api, prune: false)
        #expect(withoutPrune.clusters[0].stages.count == 1 && !withoutPrune.hasChanges)
        #expect(cluster.double.objects(apiVersion: "v1", kind: "ConfigMap").count == 5)
    }

    @Test func prunesInReverseApplyOrderAndFindsKindsThroughTheParent() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        try cluster.applyAsExecutor(LivePlans.namespace("old"))
        try cluster.applyAsExecutor(LivePlans.configMap("leftover", namespace: "old"))
        try cluster.applyAsExecutor(LivePlans.deployment("legacy", namespace: "old"))
        try cluster.applyAsExecutor(LivePlans.json(#"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader","namespace":"shop"},"rules":[]}
            """#))
        // The executor's parent: the only place that says Roles and Deployments are in the set.
        _ = try cluster.api.apply(JSONBridge.kube(LivePlans.json(#"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"\#(parentName)","namespace":"kube-system",
             "labels":{"applyset.kubernetes.io/id":"\#(id)"},
             "annotations":{"applyset.kubernetes.io/contains-group-kinds":"ConfigMap,Deployment.apps,Namespace,Role.rbac.authorization.k8s.io"}}}
            """#)))

        let plan = LivePlans.plan(apps: [LivePlans.namespace("shop")])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: true)
        let pruned = live.allObjects.filter { $0.action == .prune }
        #expect(pruned.map(\.displayName) == ["Deployment old/legacy", "ConfigMap old/leftover", "Role shop/reader", "Namespace old"])
        let unit = try #require(live.clusters[0].stages.last?.units.first)
        #expect(unit.namespace == "kube-system")
        #expect(unit.note?.contains("Parent: Secret kube-system/\(parentName) at resourceVersion ") == true)
    }

    @Test func pruneIsSkippedWhenThePlanIsIncomplete() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        try cluster.applyAsExecutor(LivePlans.configMap("settings"))
        var plan = LivePlans.plan(apps: [LivePlans.namespace("shop")])
        plan.clusters[0].stages[0].units.append(PlanUnit(id: "unit:Kustomization/flux-system/broken", apiVersion: "kustomize.toolkit.fluxcd.io/v1",
                                                         kind: "Kustomization", namespace: "flux-system", name: "broken", engine: .flux,
                                                         renderError: "kustomization.yaml: no such file"))
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: true)
        #expect(!live.allObjects.contains { $0.action == .prune })
        #expect(live.clusters[0].warnings.contains { $0.hasPrefix("prune skipped: 1 unit(s) failed to render") })
    }

    @Test func reverseApplyOrderPutsCustomResourcesBeforeTheirDefinitions() {
        let objects = [
            PlanObject(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", namespace: "", name: "widgets.example.com", manifest: nil),
            PlanObject(apiVersion: "v1", kind: "Namespace", namespace: "", name: "a", manifest: nil),
            PlanObject(apiVersion: "example.com/v1", kind: "Widget", namespace: "a", name: "w", manifest: nil),
            PlanObject(apiVersion: "storage.k8s.io/v1", kind: "StorageClass", namespace: "", name: "fast", manifest: nil),
            PlanObject(apiVersion: "v1", kind: "ServiceAccount", namespace: "a", name: "sa", manifest: nil),
            PlanObject(apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration", namespace: "", name: "v", manifest: nil),
        ]
        #expect(ApplySetMembers.reverseApplyOrder(objects).map(\.kind) == [
            "ValidatingWebhookConfiguration", "Widget", "ServiceAccount", "StorageClass", "Namespace", "CustomResourceDefinition",
        ])
    }

    @Test func versionPriorityFollowsKubernetes() {
        let sorted = ["v1beta1", "v2", "v1", "v1alpha1", "v1beta2", "foo"].sorted {
            ApplySetMembers.versionPriority($0) > ApplySetMembers.versionPriority($1)
        }
        #expect(sorted == ["v2", "v1", "v1beta2", "v1beta1", "v1alpha1", "foo"])
        #expect(ApplySetMembers.groupKinds("ConfigMap, Deployment.apps,,Role.rbac.authorization.k8s.io") == [
            GroupKind(group: "", kind: "ConfigMap"), GroupKind(group: "apps", kind: "Deployment"),
            GroupKind(group: "rbac.authorization.k8s.io", kind: "Role"),
        ])
    }
}
