import Foundation
import KubeClient
import KubeDouble
import Testing
@testable import Plan

@Suite struct LivePlanReportTests {
    @Test func textListsChangesWithDiffsAndEndsWithTheTotals() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        try cluster.applyAsExecutor(LivePlans.deployment("web", replicas: 2))
        try cluster.applyAsExecutor(LivePlans.configMap("retired"))
        let plan = LivePlans.plan(apps: [LivePlans.namespace("shop"), LivePlans.deployment("web", replicas: 3), LivePlans.configMap("settings")])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: true)
        let text = LivePlanReport.text(live)
        #expect(text.contains("Changes in cluster prod:\n  ~ Deployment shop/web (apps/v1) will be updated in place\n      --- live/apps/Deployment/shop/web\n"))
        #expect(text.contains("      -  replicas: 2\n      +  replicas: 3\n"))
        #expect(text.contains("  + ConfigMap shop/settings (v1) will be created\n  - ConfigMap shop/retired (v1) will be pruned\n"))
        #expect(!text.contains("Namespace shop (v1) will"))   // unchanged objects are counted, not listed
        #expect(text.hasSuffix("\nPlan: 1 to create, 1 to update, 1 to prune, 1 unchanged.\n"))

        let markdown = LivePlanReport.markdown(live)
        #expect(markdown.contains("<details><summary>~ Deployment shop/web (apps/v1): updated in place</summary>\n\n```diff\n--- live/"))
        #expect(markdown.contains("- `+` ConfigMap shop/settings (v1): created"))
        #expect(markdown.hasSuffix("**Plan: 1 to create, 1 to update, 1 to prune, 1 unchanged.**\n"))
        let small = LivePlanReport.markdown(live, diffBudget: 10)
        #expect(small.contains("diff of ") && !small.contains("```diff"))
    }

    @Test func offlinePlansKeepTheOfflineSummary() {
        #expect(LivePlanReport.text(LivePlans.shop) == PlanSummary.text(LivePlans.shop))
    }
}
