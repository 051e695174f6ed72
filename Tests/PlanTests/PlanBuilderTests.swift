import Foundation
import SourceTree
import Testing
@testable import Plan

@Suite struct PlanBuilderTests {
    static let fixtures = ["clusters/fleet", "graph/argo-waves", "graph/cert-manager-chain", "graph/gpu-homelab"]

    @Test func fleetStagesFollowTheGraph() throws {
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        let prod = try #require(plan.cluster("prod"))
        #expect(prod.stageNames == [
            ["Kustomization/flux-system/flux-system"],
            ["Application/argocd/escape", "Application/argocd/good", "Kustomization/flux-system/infra-prod", "Kustomization/flux-system/tenants"],
            ["Kustomization/flux-system/web"],
        ])
        // Flux's staged order: the Namespace (definitions) before the ServiceAccount (resources).
        let infra = try #require(prod.unit("unit:Kustomization/flux-system/infra-prod"))
        #expect(infra.objects.map(\.displayName) == ["Namespace apps", "ServiceAccount infra/controller"])
        #expect(infra.objects.map(\.phase) == ["definitions", "resources"])
        #expect(infra.objects[0].gateWaited && !infra.objects[1].gateWaited)
        #expect(infra.engine == .flux && infra.prune && infra.parent == "unit:Kustomization/flux-system/flux-system")
        // Units are structure: no Kustomization, Application or GitRepository is applied by default.
        #expect(plan.allObjects.allSatisfy { $0.role == .object })
        #expect(plan.allObjects.allSatisfy { $0.action == .apply && $0.contentHash?.hasPrefix("sha256:") == true })
        let escape = try #require(prod.unit("unit:Application/argocd/escape"))
        #expect(escape.renderError != nil && escape.objects.isEmpty)
        #expect(prod.warnings.contains { $0.contains("Application argocd/escape failed to render") })
        #expect(PlanSummary.totals(plan) == "Plan: 11 to apply (offline).")
    }

    @Test func namespacedObjectsCarryTheirNamespace() throws {
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        for object in plan.allObjects where !object.namespace.isEmpty {
            #expect(object.manifest?["metadata"]?["namespace"]?.stringValue == object.namespace)
        }
    }

    @Test func unitObjectsOnlyWhenAskedFor() throws {
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"), options: PlanOptions(includesUnitObjects: true))
        let prod = try #require(plan.cluster("prod"))
        let root = try #require(prod.unit("unit:Kustomization/flux-system/flux-system"))
        let names = root.objects.map(\.displayName)
        #expect(names.contains("Kustomization flux-system/tenants"))
        #expect(names.contains("GitRepository flux-system/flux-system"))
        #expect(names.contains("Application argocd/good"))
        #expect(root.objects.first { $0.kind == "GitRepository" }?.role == .source)
        #expect(prod.unit("unit:Kustomization/flux-system/tenants")?.appliesUnitObject == true)
        #expect(plan.includesUnitObjects)
    }

    @Test func helmReleasesAreAppliedForHelmControllerAndSayWhatTheyNeed() throws {
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("graph/cert-manager-chain"))
        let cluster = try #require(plan.cluster("production"))
        let release = try #require(plan.allObjects.first { $0.kind == "HelmRelease" })
        #expect(release.role == .unit && release.requires == [PlanBuilder.helmReleaseRequirement])
        let unit = try #require(cluster.unit("unit:HelmRelease/cert-manager/cert-manager"))
        #expect(unit.engine == .helm && unit.objects.isEmpty && unit.appliesUnitObject && unit.wait.all)
        #expect(unit.wait.timeout == "5m0s" && unit.wait.timeoutSeconds == 300 && unit.wait.timeoutSource == "default")
        #expect(unit.note?.contains("helm-controller") == true)
        // The release is applied in an earlier stage than the one that waits for it.
        let stageOf = { (id: String) in cluster.stages.first { $0.units.contains { $0.id == id } }?.index ?? 0 }
        #expect(stageOf("unit:Kustomization/flux-system/cert-manager") < stageOf(unit.id))
        #expect(cluster.warnings.contains { $0.contains("helmreleases.helm.toolkit.fluxcd.io") })
        let waiting = try #require(cluster.unit("unit:Kustomization/flux-system/cert-manager"))
        #expect(waiting.wait.all && waiting.wait.timeoutSeconds == 3600)
    }

    @Test func argoObjectsCarryPhaseAndWave() throws {
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("graph/argo-waves"), options: PlanOptions(includesUnitObjects: true))
        let production = try #require(plan.cluster("production"))
        let root = try #require(production.unit("unit:Application/argocd/root-production"))
        #expect(root.engine == .argo)
        let waves = root.objects.map { $0.wave ?? 99 }
        #expect(waves == waves.sorted() && Set(waves).count > 1)
        #expect(root.wait.waves == Array(Set(waves)).sorted())
        #expect(root.objects.allSatisfy { $0.phase == "Sync" })
        // Each wave is its own gate, waited for because the sync has several.
        #expect(Set(root.objects.map(\.gate)).count == Set(waves).count)
        #expect(root.objects.allSatisfy { $0.gateWaited })
    }

    @Test func identicalInputGivesIdenticalBytes() throws {
        for fixture in Self.fixtures {
            let first = try PlanFixtures.plan(at: PlanFixtures.path(fixture)).fileText()
            let second = try PlanFixtures.plan(at: PlanFixtures.path(fixture)).fileText()
            #expect(first == second, "\(fixture)")
        }
    }

    @Test func planFileRoundTripsAndValidates() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var files: [String] = []
        for fixture in Self.fixtures {
            let plan = try PlanFixtures.plan(at: PlanFixtures.path(fixture), options: PlanOptions(includesUnitObjects: fixture.hasSuffix("waves")))
            let text = plan.fileText()
            let read = try PlanDocument(fileBytes: Array(text.utf8))
            #expect(read == plan, "\(fixture)")
            #expect(read.fileText() == text)
            let name = fixture.replacingOccurrences(of: "/", with: "-") + ".json"
            try scratch.write(name, text)
            files.append(scratch.path(name))
        }
        #expect(try PlanProcess.schemaErrors(files) == nil)
    }

    @Test func schemaRejectsWhatTheFormatForbids() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        guard case .object(var members) = plan.json() else { Issue.record("not an object"); return }
        members["surprise"] = .bool(true)
        try scratch.write("bad.json", PlanJSON.object(members).pretty())
        #expect(try PlanProcess.schemaErrors([scratch.path("bad.json")]) != nil)
    }

    @Test func liveFieldsFitTheSameFormat() throws {
        var plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        plan.target = PlanTarget(kind: .cluster, context: "kind-test", server: "https://127.0.0.1:6443")
        plan.clusters[0].stages[0].units[0].objects[0].action = .update
        plan.clusters[0].stages[0].units[0].objects[0].uid = "6f1c"
        plan.clusters[0].stages[0].units[0].objects[0].resourceVersion = "42"
        plan.clusters[0].stages[0].units[0].objects[0].diff = "~ data.CLUSTER"
        plan.clusters[0].stages[0].units[0].objects.append(
            PlanObject(apiVersion: "v1", kind: "ConfigMap", namespace: "flux-system", name: "gone", manifest: nil, action: .prune,
                       uid: "9a", resourceVersion: "7"))
        let read = try PlanDocument(fileBytes: Array(plan.fileText().utf8))
        #expect(read == plan)
        #expect(PlanSummary.totals(read) == "Plan: 10 to apply, 0 to create, 1 to update, 1 to prune, 0 unchanged.")
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("live.json", plan.fileText())
        #expect(try PlanProcess.schemaErrors([scratch.path("live.json")]) == nil)
    }

    @Test func editedManifestIsRefused() throws {
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        let tampered = plan.fileText().replacingOccurrences(of: "\"CLUSTER\": \"prod\"", with: "\"CLUSTER\": \"evil\"")
        #expect(tampered != plan.fileText())
        #expect(throws: PlanFileError.self) { try PlanDocument(fileBytes: Array(tampered.utf8)) }
    }

    @Test func treeHashFollowsContentNotLocation() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("a/one.yaml", "a: 1\n")
        try scratch.write("b.yaml", "b: 2\n")
        try scratch.git("init", "-q")
        try scratch.git("add", "-A")
        try scratch.git("commit", "-qm", "one")
        let working = try TreeHash.compute(try SourceTree.workingDirectory(at: scratch.root))
        let committed = try TreeHash.compute(try SourceTree.gitRevision("HEAD", in: scratch.root))
        #expect(working == committed)
        try scratch.write("b.yaml", "b: 3\n")
        #expect(try TreeHash.compute(try SourceTree.workingDirectory(at: scratch.root)) != working)
    }
}
