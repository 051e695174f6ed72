import Foundation
import KubeClient
import KubeDouble
import Plan
import Testing
@testable import Executor

/// The example repository and small fixtures applied to the API double: plan order, re-apply,
/// directory target, dry run, progress lines.
@Suite struct ApplyOrderTests {
    /// A cluster as `flux bootstrap` leaves it: the flux-system namespace and the HelmRelease CRD.
    static func bootstrapFlux(_ cluster: DoubleCluster) throws {
        try cluster.applyAsOther(try JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"flux-system"}}"#),
                                 manager: "flux")
        try cluster.applyAsOther(try JSON.parse("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"helmreleases.helm.toolkit.fluxcd.io"},
         "spec":{"group":"helm.toolkit.fluxcd.io","scope":"Namespaced",
                 "names":{"kind":"HelmRelease","plural":"helmreleases","singular":"helmrelease","listKind":"HelmReleaseList"},
                 "versions":[{"name":"v2","served":true,"storage":true}]}}
        """), manager: "flux")
        cluster.double.advanceTime(by: 5)
    }

    @Test func exampleRepositoryAppliesInPlanOrderAndReappliesUnchanged() throws {
        let plan = try ExecutorFixtures.plan(at: ExecutorFixtures.packageRoot + "/examples")
        let cluster = try DoubleCluster()
        try Self.bootstrapFlux(cluster)
        cluster.double.clearRequestLog()

        let first = cluster.apply(plan, cluster.options())
        #expect(first.succeeded, "\(first.text())")
        let production = try #require(plan.clusters.first { $0.name == "production" })
        let objects = production.units.flatMap(\.objects)
        #expect(first.applied.count == objects.count)
        #expect(first.count(.created) == objects.count)

        // Every object was PATCHed once, in plan order: stages strictly, a unit's objects in sequence.
        let log = cluster.double.requestLog
        func position(_ object: PlanObject) throws -> Int {
            let path = try cluster.api.path(for: ObjectIdentity(object).ref)
            return try #require(log.firstIndex { $0.method == "PATCH" && $0.path == path }, "\(object.displayName) was not applied")
        }
        for stage in production.stages {
            for unit in stage.units {
                let positions = try unit.objects.map(position)
                #expect(positions == positions.sorted(), "\(unit.id) applied out of order")
            }
        }
        for (earlier, later) in zip(production.stages, production.stages.dropFirst()) {
            let lastOfEarlier = try earlier.units.flatMap(\.objects).map(position).max() ?? -1
            let firstOfLater = try later.units.flatMap(\.objects).map(position).min() ?? Int.max
            #expect(lastOfEarlier < firstOfLater, "stage \(later.index) started before stage \(earlier.index) finished")
        }
        // Every applied object joined the cluster's apply set.
        let set = ApplySet(cluster: "production", namespace: "kube-system")
        #expect(cluster.label("v1", "Namespace", nil, "web", ApplySet.partOfLabel) == set.id)
        #expect(cluster.label("apps/v1", "Deployment", "web", "web", ApplySet.partOfLabel) == set.id)

        cluster.double.clearRequestLog()
        let second = cluster.apply(plan, cluster.options())
        #expect(second.succeeded, "\(second.text())")
        #expect(second.count(.unchanged) == objects.count && second.count(.created) == 0 && second.count(.configured) == 0)
        #expect(second.summaryLine == "Apply complete: 0 created, 0 configured, \(objects.count) unchanged, 0 pruned.")
        // No object changed: every write answered with the resourceVersion it already had.
        #expect(second.applied.allSatisfy { $0.resourceVersion != nil })
    }

    @Test func secretValuesNeverReachTheReportOrProgress() throws {
        let plan = try ExecutorFixtures.plan(at: ExecutorFixtures.packageRoot + "/examples")
        let cluster = try DoubleCluster()
        try Self.bootstrapFlux(cluster)
        let progress = ProgressLog()
        let report = cluster.apply(plan, cluster.options(progress: progress.sink))
        let everything = report.text(verbose: true) + progress.all.compactMap(\.line).joined(separator: "\n") + "\(report)"
        #expect(report.applied.contains { $0.object.kind == "Secret" })
        #expect(!everything.contains("hunter2-demo"))
    }

    @Test func objectsOfAUnitApplyInPlanOrderAndProgressIsPlain() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        let progress = ProgressLog()
        let report = cluster.apply(plan, cluster.options(progress: progress.sink))
        #expect(report.succeeded, "\(report.text())")
        let patched = cluster.writes.filter { $0.method == "PATCH" && !$0.path.contains("/secrets/applyset-") }.map(\.path)
        #expect(patched == [
            "/api/v1/namespaces/demo",
            "/api/v1/namespaces/demo/configmaps/a",
            "/api/v1/namespaces/demo/configmaps/b",
            "/apis/apps/v1/namespaces/demo/deployments/web",
        ])
        let lines = progress.all.compactMap(\.line)
        #expect(lines.contains("stage 2: Namespace/demo created"))
        #expect(lines.contains("stage 2: Deployment/demo/web created"))
        #expect(lines.contains("stage 2: unit:Kustomization/flux-system/apps ready"))
        // The unit waits (Flux `wait: true`): the Deployment was read until it was available.
        #expect(cluster.double.requestLog.contains { $0.method == "GET" && $0.path == "/apis/apps/v1/namespaces/demo/deployments/web" })
    }

    @Test func unitsWithoutWaitNeverBlockOnAClusterWithoutNodes() throws {
        let files = ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp(), appsSpec: "wait: false")
        let repository = try ScratchRepository(files)
        defer { repository.remove() }
        let cluster = try DoubleCluster { $0.noNodes = true }
        let report = cluster.apply(try repository.plan(), cluster.options())
        #expect(report.succeeded, "\(report.text())")
        #expect(report.count(.created) == 4)

        // The same unit with `wait: true` cannot become ready without nodes: it times out.
        let waiting = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp(replicas: 2),
                                                                             appsSpec: "wait: true\n  timeout: 30s"))
        defer { waiting.remove() }
        let failed = cluster.apply(try waiting.plan(), cluster.options())
        #expect(!failed.succeeded)
        #expect(failed.failures.first?.reason == "Timeout")
        #expect(failed.failures.first?.message.contains("Deployment/demo/web") == true)
        #expect(failed.failures.first?.message.contains("timeout after 30s") == true)
    }

    @Test func directoryTargetWritesHydratedFilesIdempotently() throws {
        let plan = try ExecutorFixtures.plan(at: ExecutorFixtures.packageRoot + "/examples")
        let directory = NSTemporaryDirectory() + "shipshape-hydrated-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = Executor.apply(plan: plan, to: .directory(directory))
        #expect(first.succeeded)
        let written = try #require(first.files?.written)
        #expect(written.contains("manifest.json") && written.count > 1)
        #expect(FileManager.default.fileExists(atPath: directory + "/manifest.json"))
        let second = Executor.apply(plan: plan, to: .directory(directory))
        #expect(second.files?.written == [] && second.files?.unchanged == written)
        #expect(second.summaryLine.hasPrefix("Apply complete: 0 file(s) written, \(written.count) unchanged"))
    }

    @Test func serverDryRunPersistsNothing() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try repository.plan()
        let cluster = try DoubleCluster()
        let dry = cluster.apply(plan, cluster.options(dryRun: true))
        #expect(dry.succeeded, "\(dry.text())")
        #expect(dry.count(.created) == 4)
        // Objects in the namespace the plan creates cannot be sent; the report says so.
        #expect(dry.applied.first { $0.object.name == "a" }?.note?.contains("namespace demo is created by this plan") == true)
        #expect(!cluster.exists("v1", "Namespace", nil, "demo"))
        #expect(cluster.writes.allSatisfy { $0.query.contains("dryRun=All") }, "\(cluster.writes)")
        #expect(dry.summaryLine.hasPrefix("Dry run (server) complete: 4 created"))

        // After a real apply, a dry run of a changed plan reports the change and the prune, and does neither.
        #expect(cluster.apply(plan, cluster.options()).succeeded)
        try repository.delete("apps/b.yaml")
        try repository.write(["apps/kustomization.yaml": ExecutorFixtures.kustomization(["namespace.yaml", "a.yaml", "deployment.yaml"])])
        try repository.write(["apps/deployment.yaml": ExecutorFixtures.deployment("web", replicas: 3)])
        cluster.double.clearRequestLog()
        let preview = cluster.apply(try repository.plan(), cluster.options(prune: true, dryRun: true))
        #expect(preview.succeeded, "\(preview.text())")
        #expect(preview.actions()["Deployment/demo/web"] == .configured)
        #expect(preview.actions()["ConfigMap/demo/a"] == .unchanged)
        #expect(preview.pruned.map(\.object.description) == ["ConfigMap/demo/b"] && preview.pruned.first?.result == .wouldDelete)
        #expect(cluster.exists("v1", "ConfigMap", "demo", "b"))
        #expect(!cluster.writes.contains { $0.method == "DELETE" })
        #expect(cluster.writes.allSatisfy { $0.query.contains("dryRun=All") })
    }
}

/// Unit objects, HelmRelease requirements and the terminal progress display.
@Suite struct UnitObjectAndProgressTests {
    @Test func unitObjectsAreSkippedUnlessAskedFor() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp()))
        defer { repository.remove() }
        let plan = try ExecutorFixtures.plan(at: repository.root, options: PlanOptions(includesUnitObjects: true))
        let cluster = try DoubleCluster()
        let report = cluster.apply(plan, cluster.options())
        #expect(report.succeeded, "\(report.text())")
        let skipped = report.applied.filter { $0.action == .skipped }.map(\.object.kind)
        #expect(skipped.contains("Kustomization") && skipped.contains("GitRepository"))
        #expect(report.count(.created) == 4)

        // Asked for, they must be servable: this cluster has no Flux CRDs, so the plan is refused up front.
        var options = cluster.options()
        options.includeUnitObjects = true
        let refused = cluster.apply(plan, options)
        #expect(refused.refusals.contains { $0.contains("kind Kustomization is not served") })
    }

    @Test func helmReleasesWithoutTheirCRDAreRefusedWithTheRequirement() throws {
        let plan = try ExecutorFixtures.plan(at: ExecutorFixtures.packageRoot + "/examples")
        let cluster = try DoubleCluster()
        try cluster.applyAsOther(try JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"flux-system"}}"#))
        cluster.double.clearRequestLog()
        let report = cluster.apply(plan, cluster.options())
        #expect(report.refusals.contains {
            $0.hasPrefix("HelmRelease/node-feature-discovery/node-feature-discovery: kind HelmRelease is not served")
                && $0.contains(PlanBuilder.helmReleaseRequirement)
        }, "\(report.refusals)")
        #expect(cluster.writes.isEmpty)
    }

    @Test func terminalProgressRewritesOneStatusLine() {
        let output = OutputLog()
        let progress = LiveProgress(interactive: true, write: output.append)
        let object = ObjectIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "a")
        progress.handle(.stageStarted(cluster: "c", stage: 2, units: ["u"]))
        progress.handle(.objectApplied(ObjectOutcome(cluster: "c", stage: 2, unit: "u", object: object, action: .created)))
        progress.handle(.waiting(cluster: "c", stage: 2, unit: "u", objects: 1))
        progress.handle(.unitFinished(cluster: "c", stage: 2, unit: "u", succeeded: true))
        progress.finish()
        #expect(output.text == "stage 2: 1 unit(s) in cluster c\n"
            + "\r\u{1B}[Kstage 2 u: ConfigMap/demo/a created"
            + "\r\u{1B}[Kstage 2 u: waiting for 1 object(s) to be ready…"
            + "\r\u{1B}[K✓ stage 2 u: 1 created\n")

        let plain = OutputLog()
        let log = LiveProgress(interactive: false, write: plain.append)
        log.handle(.objectApplied(ObjectOutcome(cluster: "c", stage: 2, unit: "u", object: object, action: .configured)))
        #expect(plain.text == "stage 2: ConfigMap/demo/a configured\n")
    }
}

final class OutputLog: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    var append: @Sendable (String) -> Void { { [self] text in lock.withLock { parts.append(text) } } }
    var text: String { lock.withLock { parts.joined() } }
}
