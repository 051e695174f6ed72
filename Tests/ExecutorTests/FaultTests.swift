import Foundation
import KubeClient
import KubeDouble
import Plan
import Testing
@testable import Executor

/// Every injected fault is survived, or reported with a report that lists exactly what the
/// cluster now holds.
@Suite struct FaultTests {
    static func demo() throws -> (ScratchRepository, PlanDocument) {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        return (repository, try repository.plan())
    }

    @Test(arguments: [
        FaultPlan.Action.serverError(500), .serverError(503), .serverError(504), .resetConnection, .tooManyRequests(retryAfter: 2),
    ])
    func transientFaultsOnWritesAreSurvived(_ fault: FaultPlan.Action) throws {
        let (repository, plan) = try Self.demo()
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        cluster.double.faults.inject(fault, method: "PATCH", path: .contains("/configmaps/b"), times: 2)
        let report = cluster.apply(plan, cluster.options())
        #expect(report.succeeded, "\(report.text())")
        #expect(report.count(.created) == 4)
        #expect(cluster.double.faults.pending.isEmpty)
        #expect(cluster.double.requestLog.filter { $0.fault != nil }.count == 2)
        if case .tooManyRequests = fault { #expect(cluster.recordedRetrySleeps == [2, 2]) }
    }

    @Test func faultsOnReadsAndListsAreSurvived() throws {
        let (repository, plan) = try Self.demo()
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        cluster.double.faults.inject(.resetConnection, method: "GET", path: .contains("/deployments/web"), times: 1)
        cluster.double.faults.inject(.serverError(503), method: "GET", path: .prefix("/apis"), times: 1)
        cluster.double.faults.inject(.expired, method: "GET", path: .exact("/api/v1/configmaps"), times: 1)
        let report = cluster.apply(plan, cluster.options(prune: true))
        #expect(report.succeeded, "\(report.text())")
        #expect(cluster.double.requestLog.contains { $0.fault == "expired" })
        #expect(cluster.double.faults.pending.isEmpty)
    }

    @Test func aPersistentServerErrorStopsTheApplyAndTheReportMatchesTheCluster() throws {
        let (repository, plan) = try Self.demo()
        defer { repository.remove() }
        let cluster = try DoubleCluster()
        cluster.double.faults.inject(.serverError(500), method: "PATCH", path: .contains("/configmaps/b"), times: 100)
        let report = cluster.apply(plan, cluster.options())
        #expect(!report.succeeded)
        let failure = try #require(report.failures.first)
        #expect(failure.object?.description == "ConfigMap/demo/b")
        #expect(failure.reason == "InternalError")
        #expect(failure.message.contains("after 4 attempts"))
        #expect(report.applied.map(\.object.description) == ["Namespace/demo", "ConfigMap/demo/a"])
        #expect(report.notAttempted.map(\.object.description) == ["Deployment/demo/web"])
        // Exactly what the report says was applied exists; nothing else does.
        #expect(cluster.exists("v1", "Namespace", nil, "demo") && cluster.exists("v1", "ConfigMap", "demo", "a"))
        #expect(!cluster.exists("v1", "ConfigMap", "demo", "b"))
        #expect(!cluster.exists("apps/v1", "Deployment", "demo", "web"))
        #expect(report.summaryLine == "Apply failed: 2 created, 0 configured, 0 unchanged, 0 pruned before the failure.")
        #expect(report.text().contains("Not attempted: 1 object(s):\n  stage 2: Deployment/demo/web"))

        // Once the fault clears, the same plan converges.
        cluster.double.faults.clear()
        let rerun = cluster.apply(plan, cluster.options())
        #expect(rerun.succeeded)
        #expect(rerun.actions() == ["Namespace/demo": .unchanged, "ConfigMap/demo/a": .unchanged, "ConfigMap/demo/b": .created,
                                    "Deployment/demo/web": .created])
    }

    @Test func slowReadinessTimesOutAndLaterStagesAreNotAttempted() throws {
        let extra = """
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: later
          namespace: flux-system
        spec:
          dependsOn:
            - name: apps
          interval: 10m
          path: ./later
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system

        """
        var files = ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp(), appsSpec: "wait: true\n  timeout: 45s", extraUnits: extra)
        files["later/kustomization.yaml"] = ExecutorFixtures.kustomization(["c.yaml"])
        files["later/c.yaml"] = ExecutorFixtures.configMap("c")
        let repository = try ScratchRepository(files)
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        cluster.double.setProgression(.never, kind: "Deployment", namespace: "demo", name: "web")
        let report = cluster.apply(plan, cluster.options())
        #expect(!report.succeeded)
        let failure = try #require(report.failures.first)
        #expect(failure.reason == "Timeout" && failure.unit == "unit:Kustomization/flux-system/apps")
        #expect(failure.message.hasPrefix("timeout after 45s waiting for: Deployment/demo/web (InProgress"))
        #expect(report.count(.created) == 4)
        #expect(report.notAttempted.map(\.object.description) == ["ConfigMap/demo/c"])
        #expect(!cluster.exists("v1", "ConfigMap", "demo", "c"))

        // A failing rollout fails fast instead of waiting out the timeout.
        cluster.double.setProgression(.fail, kind: "Deployment", namespace: "demo", name: "web")
        try repository.write(["apps/deployment.yaml": ExecutorFixtures.deployment("web", replicas: 2)])
        let failing = cluster.apply(try repository.plan(), cluster.options())
        #expect(failing.failures.first?.reason == "Failed")
        #expect(failing.failures.first?.message.contains("progress deadline exceeded") == true)
    }
}
