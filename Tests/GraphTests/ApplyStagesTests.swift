import Testing
@testable import Graph

@Suite struct ApplyStagesTests {
    @Test func layersUnitsByDependsOnAndParents() {
        var f = GraphFixture()
        let root = f.kustomization("root")
        let crds = f.kustomization("crds", parent: root)
        let operators = f.kustomization("operators", parent: root)
        let config = f.kustomization("config", parent: root)
        let apps = f.kustomization("apps", parent: root)
        let release = f.helmRelease("web", parent: apps)
        f.dependsOn(operators, crds)
        f.dependsOn(config, crds)
        f.dependsOn(apps, operators)
        f.dependsOn(apps, config)
        let plan = f.plan
        #expect(plan.stages.map(\.units) == [[root], [crds], [config, operators], [apps], [release]])
        #expect(plan.cycles.isEmpty && plan.blocked.isEmpty)
    }

    @Test func siblingWavesOrderApplications() {
        var f = GraphFixture()
        let root = f.application("root")
        let platform = f.application("platform", parent: root)
        let shop = f.application("shop", parent: root)
        let blog = f.application("blog", parent: root)
        f.syncWave(later: shop, earlier: platform)
        #expect(f.plan.stages.map(\.units) == [[root], [blog, platform], [shop]])
    }

    @Test func cyclesAreReportedAndTheirDependantsBlocked() {
        var f = GraphFixture()
        let a = f.kustomization("a")
        let b = f.kustomization("b")
        let c = f.kustomization("c")
        let free = f.kustomization("free")
        let selfish = f.kustomization("selfish")
        f.dependsOn(a, b)
        f.dependsOn(b, a)
        f.dependsOn(c, a)
        f.dependsOn(selfish, selfish)
        let plan = f.plan
        #expect(plan.stages.map(\.units) == [[free]])
        #expect(plan.cycles == [[a, b], [selfish]])
        #expect(plan.blocked == [c])
    }

    @Test func objectsFollowTheirEnginesOrder() {
        var f = GraphFixture()
        let k = f.kustomization("infra")
        let deployment = f.object("apps/v1", "Deployment", "web", namespace: "x", in: k)
        let ns = f.object("v1", "Namespace", "x", in: k, role: .namespace)
        let crd = f.crd(group: "a.example", kind: "Widget", in: k)
        let app = f.application("shop")
        let late = f.object("v1", "ConfigMap", "late", namespace: "apps", in: app, annotations: ["argocd.argoproj.io/sync-wave": "1"])
        let early = f.object("apps/v1", "Deployment", "early", namespace: "apps", in: app)
        let skipped = f.object("v1", "Pod", "skipped", namespace: "apps", in: app, annotations: ["argocd.argoproj.io/hook": "Skip"])
        let plan = f.plan
        #expect(plan.objectOrder[k] == [crd, ns, deployment])
        #expect(plan.objectOrder[app] == [early, late])
        #expect(plan.objectOrder[app]?.contains(skipped) == false)
    }

    @Test func stagesAreDeterministic() {
        var f = GraphFixture()
        for name in ["d", "b", "a", "c", "e"] { f.kustomization(name) }
        let plan = f.plan
        #expect(plan.stages.count == 1)
        #expect(plan.stages.first?.units == plan.stages.first?.units.sorted())
        #expect(f.plan.stages == plan.stages && f.plan.cycles == plan.cycles)
    }
}
