import Clusters
import Testing
@testable import Graph

private typealias F = GraphFixture

@Suite struct FluxApplyOrderTests {
    @Test func stagesFollowClusterAndClassDefinitions() {
        #expect(FluxApplyOrder.stage(of: F.node("apiextensions.k8s.io/v1", "CustomResourceDefinition", "a")) == .definitions)
        #expect(FluxApplyOrder.stage(of: F.node("v1", "Namespace", "a")) == .definitions)
        #expect(FluxApplyOrder.stage(of: F.node("rbac.authorization.k8s.io/v1", "ClusterRole", "a")) == .definitions)
        // Flux's IsNamespace wants apiVersion v1 exactly; a look-alike kind is an ordinary object.
        #expect(FluxApplyOrder.stage(of: F.node("example.com/v1", "Namespace", "a")) == .resources)
        #expect(FluxApplyOrder.stage(of: F.node("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "a")) == .resources)
        #expect(FluxApplyOrder.stage(of: F.node("storage.k8s.io/v1", "StorageClass", "a")) == .classes)
        #expect(FluxApplyOrder.stage(of: F.node("example.com/v1", "WidgetClass", "a")) == .classes)
        #expect(FluxApplyOrder.stage(of: F.node("example.com/v1", "Widgetclass", "a")) == .resources)
        #expect(FluxApplyOrder.stage(of: F.node("apps/v1", "Deployment", "a")) == .resources)
        #expect(FluxApplyStage.definitions.isWaited && FluxApplyStage.classes.isWaited && !FluxApplyStage.resources.isWaited)
    }

    @Test func sortsByStageThenReconcileOrderThenGroupKindNamespaceName() {
        let objects = [
            F.node("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "hook"),
            F.node("b.example/v1", "Gadget", "x", namespace: "a"),
            F.node("a.example/v1", "Widget", "x", namespace: "b"),
            F.node("apps/v1", "Deployment", "web", namespace: "b"),
            F.node("apps/v1", "Deployment", "api", namespace: "b"),
            F.node("apps/v1", "Deployment", "zeta", namespace: "a"),
            F.node("v1", "ConfigMap", "cfg", namespace: "b"),
            F.node("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "crb"),
            F.node("storage.k8s.io/v1", "StorageClass", "fast"),
            F.node("scheduling.k8s.io/v1", "PriorityClass", "high"),
            F.node("rbac.authorization.k8s.io/v1", "ClusterRole", "cr"),
            F.node("v1", "Namespace", "b"),
            F.node("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.a.example"),
        ]
        let order = FluxApplyOrder.sorted(objects).map { "\($0.kind)/\($0.namespace)/\($0.name)" }
        #expect(order == [
            "CustomResourceDefinition//widgets.a.example", "Namespace//b", "ClusterRole//cr",
            "PriorityClass//high", "StorageClass//fast",
            "ClusterRoleBinding//crb", "ConfigMap/b/cfg",
            "Deployment/a/zeta", "Deployment/b/api", "Deployment/b/web",
            "Widget/b/x", "Gadget/a/x",
            "ValidatingWebhookConfiguration//hook",
        ])
    }

    @Test func everyWriteIsItsOwnStep() {
        var f = F()
        let k = f.kustomization("apps")
        let crd = f.crd(group: "a.example", kind: "Widget", in: k)
        let cm = f.object("v1", "ConfigMap", "one", namespace: "x", in: k)
        let cm2 = f.object("v1", "ConfigMap", "two", namespace: "x", in: k)
        let order = f.model.unitOrders[k]
        #expect(order?.objects == [crd, cm, cm2])
        #expect(order?.slots[crd] == ApplySlot(gate: 0, gateIsWaited: true, step: 0, position: 0))
        #expect(order?.slots[cm] == ApplySlot(gate: 2, gateIsWaited: false, step: 0, position: 1))
        #expect(order?.slots[cm2] == ApplySlot(gate: 2, gateIsWaited: false, step: 1, position: 2))
    }
}

@Suite struct ArgoSyncOrderTests {
    private func sync(_ objects: [GraphNode], destination: String? = nil) -> [String] {
        ArgoSyncOrder.tasks(for: objects, destinationNamespace: destination).map { task in
            "\(task.phase.rawValue)/\(task.wave)/\(task.kind)/\(task.name)\(task.isHoisted ? "^" : "")"
        }
    }

    @Test func sortsByPhaseWaveKindRankAndName() {
        let objects = [
            F.node("batch/v1", "Job", "migrate", namespace: "a", annotations: ["argocd.argoproj.io/hook": "PreSync"]),
            F.node("batch/v1", "Job", "notify", namespace: "a", annotations: ["helm.sh/hook": "post-install,post-upgrade"]),
            F.node("apps/v1", "Deployment", "web", namespace: "a"),
            F.node("v1", "Service", "web", namespace: "a"),
            F.node("example.com/v1", "Widget", "w", namespace: "a"),
            F.node("v1", "ConfigMap", "early", namespace: "a", annotations: ["argocd.argoproj.io/sync-wave": "-1"]),
            F.node("v1", "ConfigMap", "late", namespace: "a", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
            // The Argo CD wave wins over the Helm hook weight.
            F.node("v1", "Secret", "weighted", namespace: "a",
                   annotations: ["helm.sh/hook-weight": "5", "argocd.argoproj.io/sync-wave": "1"]),
            F.node("v1", "Secret", "heavy", namespace: "a", annotations: ["helm.sh/hook-weight": "3"]),
            F.node("v1", "Pod", "skipped", namespace: "a", annotations: ["argocd.argoproj.io/hook": "Skip"]),
            F.node("v1", "Pod", "test", namespace: "a", annotations: ["helm.sh/hook": "test"]),
            F.node("batch/v1", "Job", "failed", namespace: "a", annotations: ["argocd.argoproj.io/hook": "SyncFail"]),
        ]
        #expect(sync(objects) == [
            "PreSync/0/Job/migrate",
            "Sync/-1/ConfigMap/early",
            "Sync/0/Service/web", "Sync/0/Deployment/web", "Sync/0/Widget/w",
            "Sync/1/Secret/weighted",
            "Sync/2/ConfigMap/late",
            "Sync/3/Secret/heavy",
            "PostSync/0/Job/notify",
            "SyncFail/0/Job/failed",
        ])
    }

    @Test func hooksAndPhases() {
        #expect(ArgoSyncOrder.phases(of: F.node("v1", "Pod", "p")) == [.sync])
        #expect(ArgoSyncOrder.phases(of: F.node("v1", "Pod", "p", annotations: ["argocd.argoproj.io/hook": "PostSync, PreSync"])) == [.preSync, .postSync])
        #expect(ArgoSyncOrder.phases(of: F.node("v1", "Pod", "p", annotations: ["argocd.argoproj.io/hook": "Skip"])).isEmpty)
        #expect(ArgoSyncOrder.phases(of: F.node("v1", "Pod", "p", annotations: ["argocd.argoproj.io/hook": "Skip,PreSync"])) == [.preSync])
        // An Argo CD hook annotation hides the Helm one.
        #expect(ArgoSyncOrder.phases(of: F.node("v1", "Pod", "p", annotations: ["argocd.argoproj.io/hook": "Sync", "helm.sh/hook": "pre-install"])) == [.sync])
        #expect(ArgoSyncOrder.phases(of: F.node("v1", "Pod", "p", annotations: ["helm.sh/hook": "pre-upgrade"])) == [.preSync])
        let crd = F.node("apiextensions.k8s.io/v1", "CustomResourceDefinition", "c", annotations: ["helm.sh/hook": "crd-install"])
        #expect(!ArgoSyncOrder.isHook(crd) && ArgoSyncOrder.phases(of: crd) == [.sync])
    }

    @Test func hoistsNamespacesAndCRDsAheadOfFirstUse() {
        let objects = [
            F.node("v1", "Namespace", "team", annotations: ["argocd.argoproj.io/sync-wave": "5"]),
            F.node("apps/v1", "Deployment", "web", namespace: "team", annotations: ["argocd.argoproj.io/sync-wave": "1"]),
            F.node("v1", "ConfigMap", "cfg", namespace: "team", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
            F.node("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com",
                   annotations: ["argocd.argoproj.io/sync-wave": "3"],
                   spec: [("group", "example.com"), ("names", ["kind": "Widget"])]),
            F.node("example.com/v1", "Widget", "w", namespace: "team", annotations: ["argocd.argoproj.io/sync-wave": "-1"]),
        ]
        // The Widget (wave -1) is the first user of both the namespace and its CRD.
        #expect(sync(objects) == [
            "Sync/-1/Namespace/team^",
            "Sync/-1/CustomResourceDefinition/widgets.example.com^",
            "Sync/-1/Widget/w",
            "Sync/1/Deployment/web",
            "Sync/2/ConfigMap/cfg",
        ])
    }

    @Test func clusterScopedObjectsUseTheDestinationNamespace() {
        let objects = [
            F.node("v1", "Namespace", "apps", annotations: ["argocd.argoproj.io/sync-wave": "1"]),
            F.node("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"),
        ]
        #expect(sync(objects, destination: "apps") == ["Sync/0/Namespace/apps^", "Sync/0/ClusterRole/reader"])
        #expect(sync(objects) == ["Sync/0/ClusterRole/reader", "Sync/1/Namespace/apps"])
    }

    @Test func healthGatingNeedsSeveralSteps() {
        let single = ArgoSyncOrder.tasks(for: [F.node("v1", "ConfigMap", "a"), F.node("apps/v1", "Deployment", "b")])
        #expect(!ArgoSyncOrder.isMultiStep(single))
        let waves = ArgoSyncOrder.tasks(for: [F.node("v1", "ConfigMap", "a"),
                                              F.node("apps/v1", "Deployment", "b", annotations: ["argocd.argoproj.io/sync-wave": "1"])])
        #expect(ArgoSyncOrder.isMultiStep(waves))
        let hooks = ArgoSyncOrder.tasks(for: [F.node("v1", "ConfigMap", "a"),
                                              F.node("batch/v1", "Job", "b", annotations: ["argocd.argoproj.io/hook": "PostSync"])])
        #expect(ArgoSyncOrder.isMultiStep(hooks))
    }

    @Test func sameKindRunsShareAStep() {
        var f = F()
        let app = f.application("app")
        let one = f.object("v1", "ConfigMap", "one", namespace: "apps", in: app)
        let two = f.object("v1", "ConfigMap", "two", namespace: "apps", in: app)
        let web = f.object("apps/v1", "Deployment", "web", namespace: "apps", in: app)
        let slots = f.model.unitOrders[app]?.slots
        #expect(slots?[one]?.step == 0 && slots?[two]?.step == 0 && slots?[web]?.step == 1)
        #expect(slots?[web]?.gateIsWaited == false)
    }
}

@Suite struct OrderingGuaranteeTests {
    private let wait: [(String, YAMLLiteral)] = [("wait", true)]

    @Test func fluxStagesInsideOneUnit() {
        var f = F()
        let k = f.kustomization("infra")
        let crd = f.crd(group: "a.example", kind: "Widget", in: k)
        let widget = f.object("a.example/v1", "Widget", "w", namespace: "x", in: k)
        let storage = f.object("storage.k8s.io/v1", "StorageClass", "fast", in: k)
        let claim = f.object("v1", "PersistentVolumeClaim", "data", namespace: "x", in: k)
        let config = f.object("v1", "ConfigMap", "cfg", namespace: "x", in: k)
        let web = f.object("apps/v1", "Deployment", "web", namespace: "x", in: k)
        let model = f.model

        let strong = model.guarantee(provider: crd, before: widget)
        #expect(strong == .strong(path: [GraphEdge(from: k, to: crd, kind: .applies), GraphEdge(from: k, to: widget, kind: .applies)]))
        #expect(model.guarantee(provider: storage, before: claim).isStrong)
        let weak = model.guarantee(provider: config, before: web)
        #expect(weak.isWeak)
        if case .weak(_, let reason) = weak { #expect(reason.contains("same apply stage of Kustomization flux-system/infra")) }
        #expect(model.guarantee(provider: web, before: config) == .none)
        #expect(model.guarantee(provider: widget, before: crd) == .none)
    }

    @Test func argoWavesInsideOneApplication() {
        var f = F()
        let app = f.application("shop")
        let secret = f.object("v1", "Secret", "creds", namespace: "apps", in: app)
        let config = f.object("v1", "ConfigMap", "cfg", namespace: "apps", in: app)
        let other = f.object("v1", "ConfigMap", "other", namespace: "apps", in: app)
        let web = f.object("apps/v1", "Deployment", "web", namespace: "apps", in: app,
                           annotations: ["argocd.argoproj.io/sync-wave": "1"])
        let ns = f.object("v1", "Namespace", "apps", in: app, annotations: ["argocd.argoproj.io/sync-wave": "3"],
                          role: .namespace)
        let model = f.model

        #expect(model.guarantee(provider: config, before: web).isStrong)   // earlier, health-gated wave
        #expect(model.guarantee(provider: secret, before: config).isWeak)  // same wave, earlier kind
        #expect(model.guarantee(provider: config, before: other) == .none) // same wave, same kind: concurrent
        #expect(model.guarantee(provider: web, before: config) == .none)   // inverted
        #expect(model.guarantee(provider: ns, before: secret).isStrong)    // hoisted Namespace
    }

    @Test func dependsOnAWaitedUnitIsStrong() {
        var f = F()
        let infra = f.kustomization("infra", spec: wait)
        let apps = f.kustomization("apps")
        f.dependsOn(apps, infra)
        let issuer = f.object("cert-manager.io/v1", "ClusterIssuer", "le", in: infra)
        let cert = f.object("cert-manager.io/v1", "Certificate", "web", namespace: "x", in: apps)
        #expect(f.model.guarantee(provider: issuer, before: cert) == .strong(path: [
            GraphEdge(from: apps, to: infra, kind: .dependsOn), GraphEdge(from: infra, to: issuer, kind: .applies),
        ]))
    }

    @Test func dependsOnAnUnwaitedUnitIsWeakAndNamesIt() {
        var f = F()
        let infra = f.kustomization("infra")
        let apps = f.kustomization("apps")
        f.dependsOn(apps, infra)
        let issuer = f.object("cert-manager.io/v1", "ClusterIssuer", "le", in: infra)
        let crd = f.crd(group: "cert-manager.io", kind: "Certificate", in: infra)
        let cert = f.object("cert-manager.io/v1", "Certificate", "web", namespace: "x", in: apps)
        let model = f.model
        let weak = model.guarantee(provider: issuer, before: cert)
        #expect(weak.path == [GraphEdge(from: apps, to: infra, kind: .dependsOn), GraphEdge(from: infra, to: issuer, kind: .applies)])
        guard case .weak(_, let reason) = weak else {
            Issue.record("expected weak, got \(weak)")
            return
        }
        #expect(reason.contains("Kustomization flux-system/infra has neither spec.wait nor spec.healthChecks"))
        // A CRD is waited for by the staged apply itself, so any Ready of its unit covers it.
        #expect(model.guarantee(provider: crd, before: cert).isStrong)
        // Nothing orders the other way round.
        #expect(model.guarantee(provider: cert, before: issuer) == .none)
    }

    @Test func healthChecksCoverOnlyWhatTheyList() {
        var f = F()
        let infra = f.kustomization("infra", spec: [("healthChecks", [["apiVersion": "apps/v1", "kind": "Deployment",
                                                                         "name": "controller", "namespace": "x"]])])
        let apps = f.kustomization("apps")
        f.dependsOn(apps, infra)
        let controller = f.object("apps/v1", "Deployment", "controller", namespace: "x", in: infra)
        let webhook = f.object("v1", "Service", "webhook", namespace: "x", in: infra)
        let consumer = f.object("a.example/v1", "Widget", "w", namespace: "x", in: apps)
        let model = f.model
        #expect(model.guarantee(provider: controller, before: consumer).isStrong)
        guard case .weak(_, let reason) = model.guarantee(provider: webhook, before: consumer) else {
            Issue.record("expected weak")
            return
        }
        #expect(reason.contains("lists spec.healthChecks without Service x/webhook"))
    }

    @Test func transitiveDependsOnAcrossThreeUnits() {
        var f = F()
        let crds = f.kustomization("crds", spec: wait)
        let operators = f.kustomization("operators")
        let apps = f.kustomization("apps")
        f.dependsOn(apps, operators)
        f.dependsOn(operators, crds)
        let controller = f.object("apps/v1", "Deployment", "controller", namespace: "x", in: crds)
        let consumer = f.object("a.example/v1", "Widget", "w", namespace: "x", in: apps)
        #expect(f.model.guarantee(provider: controller, before: consumer) == .strong(path: [
            GraphEdge(from: apps, to: operators, kind: .dependsOn),
            GraphEdge(from: operators, to: crds, kind: .dependsOn),
            GraphEdge(from: crds, to: controller, kind: .applies),
        ]))
    }

    @Test func aWaitingKustomizationVouchesForTheHelmReleasesItApplies() {
        var f = F()
        let infra = f.kustomization("infra", spec: wait)
        let release = f.helmRelease("gpu-operator", parent: infra)
        let apps = f.kustomization("apps")
        f.dependsOn(apps, infra)
        let plugin = f.object("apps/v1", "DaemonSet", "device-plugin", namespace: "gpu", in: release, role: .gpuDevicePlugin)
        let pod = f.object("apps/v1", "Deployment", "llm", namespace: "ai", in: apps)
        #expect(f.model.guarantee(provider: plugin, before: pod) == .strong(path: [
            GraphEdge(from: apps, to: infra, kind: .dependsOn),
            GraphEdge(from: infra, to: release, kind: .applies),
            GraphEdge(from: release, to: plugin, kind: .applies),
        ]))
        #expect(f.model.guarantee(provider: release, before: pod).isStrong)

        var noWait = f
        noWait.graph.nodes[release]?.object?[path: ["spec", "install"]] = YAMLLiteral.mapping([("disableWait", true)]).node
        guard case .weak(_, let reason) = noWait.model.guarantee(provider: plugin, before: pod) else {
            Issue.record("expected weak")
            return
        }
        #expect(reason.contains("HelmRelease default/gpu-operator sets spec.install.disableWait"))

        // Without wait on infra, its Ready says nothing about what the HelmRelease installs.
        var unwaited = f
        unwaited.graph.nodes[infra]?.object?[path: ["spec", "wait"]] = nil
        #expect(unwaited.model.guarantee(provider: plugin, before: pod) == .none)
        #expect(unwaited.model.guarantee(provider: release, before: pod).isWeak)
    }

    @Test func aParentDoesNotOrderItsChildren() {
        var f = F()
        let root = f.kustomization("root", spec: wait)
        let child = f.kustomization("child", parent: root)
        let crd = f.crd(group: "a.example", kind: "Widget", in: root)
        let widget = f.object("a.example/v1", "Widget", "w", namespace: "x", in: child)
        #expect(f.model.guarantee(provider: crd, before: widget) == .none)
    }

    @Test func dependsOnCyclesTerminate() {
        var f = F()
        let a = f.kustomization("a", spec: wait)
        let b = f.kustomization("b", spec: wait)
        let c = f.kustomization("c", spec: wait)
        let d = f.kustomization("d")
        f.dependsOn(a, b)
        f.dependsOn(b, c)
        f.dependsOn(c, a)
        f.dependsOn(d, d)
        let provider = f.object("v1", "ConfigMap", "p", namespace: "x", in: d)
        let consumer = f.object("v1", "ConfigMap", "c", namespace: "x", in: a)
        let inCycle = f.object("v1", "ConfigMap", "q", namespace: "x", in: c)
        let model = f.model
        #expect(model.guarantee(provider: provider, before: consumer) == .none)
        #expect(model.guarantee(provider: inCycle, before: consumer).isStrong)
        #expect(model.dependsOnCycles() == [[a, b, c], [d]])
    }

    @Test func suspendedDependenciesAreReported() {
        var f = F()
        let infra = f.kustomization("infra", spec: [("suspend", true)])
        let apps = f.kustomization("apps")
        let other = f.kustomization("other")
        f.dependsOn(apps, infra)
        f.dependsOn(apps, other)
        let model = f.model
        #expect(model.suspendedDependencies() == [GraphEdge(from: apps, to: infra, kind: .dependsOn)])
        #expect(model.graph.nodes[infra]?.isSuspended == true && model.graph.nodes[other]?.isSuspended == false)
    }

    @Test func siblingApplicationWavesAreWeak() {
        var f = F()
        let root = f.application("root")
        let platform = f.application("platform", parent: root, annotations: ["argocd.argoproj.io/sync-wave": "-1"])
        let shop = f.application("shop", parent: root)
        f.syncWave(later: shop, earlier: platform)
        let crd = f.crd(group: "a.example", kind: "Widget", in: platform)
        let widget = f.object("a.example/v1", "Widget", "w", namespace: "apps", in: shop)
        let model = f.model
        let weak = model.guarantee(provider: crd, before: widget)
        #expect(weak.path == [GraphEdge(from: shop, to: platform, kind: .syncWave), GraphEdge(from: platform, to: crd, kind: .applies)])
        guard case .weak(_, let reason) = weak else {
            Issue.record("expected weak")
            return
        }
        #expect(reason.contains("not health-gated"))
        #expect(model.guarantee(provider: widget, before: crd) == .none)
    }

    @Test func aUnitConsumerIsAlsoOrderedByItsOwnDependsOnUnlessTheApplyWouldFail() {
        var f = F()
        let root = f.kustomization("root")
        let base = f.kustomization("base", spec: wait)
        let app = f.kustomization("app", parent: root)
        f.dependsOn(app, base)
        let source = f.object("source.toolkit.fluxcd.io/v1", "GitRepository", "repo", namespace: "flux-system", in: base,
                              role: .gitRepository)
        let ns = f.object("v1", "Namespace", "team", in: base, role: .namespace)
        f.requires(app, source, .source)
        let model = f.model
        #expect(model.guarantee(provider: source, before: app).isStrong)
        // Creating the Kustomization object is root's apply, which nothing orders after base.
        #expect(model.guarantee(provider: ns, before: app, requirement: .namespace) == .none)
        // valuesFrom in the same parent: the ConfigMap is written before the HelmRelease.
        let values = f.object("v1", "ConfigMap", "values", namespace: "default", in: root)
        let release = f.helmRelease("web", parent: root)
        #expect(f.model.guarantee(provider: values, before: release, requirement: .valuesFrom).isWeak)
    }
}

@Suite struct CreationOrderTests {
    @Test func aParentOrdersItsChildrenOnlyWhenAskedAndOnlyWeakly() {
        var f = F()
        let root = f.kustomization("root")
        let infra = f.kustomization("infra", spec: [("wait", true)])
        let apps = f.kustomization("apps", parent: root)
        let child = f.kustomization("child", parent: apps)
        f.dependsOn(apps, infra)
        let ns = f.object("v1", "Namespace", "team", in: root, role: .namespace)
        let deployment = f.object("apps/v1", "Deployment", "web", namespace: "team", in: apps)
        let issuer = f.object("cert-manager.io/v1", "ClusterIssuer", "le", in: infra)
        let cert = f.object("cert-manager.io/v1", "Certificate", "web", namespace: "team", in: child)

        #expect(f.model.guarantee(provider: ns, before: deployment) == .none)
        let model = OrderingModel(graph: f.graph, countsCreationOrder: true)
        let byParent = model.guarantee(provider: ns, before: deployment)
        #expect(byParent.path == [GraphEdge(from: root, to: ns, kind: .applies), GraphEdge(from: root, to: apps, kind: .applies),
                                  GraphEdge(from: apps, to: deployment, kind: .applies)])
        guard case .weak(_, let reason) = byParent else {
            Issue.record("expected weak, got \(byParent)")
            return
        }
        #expect(reason.contains("ordered only when Kustomization flux-system/apps is first created"))
        // The grandparent's dependsOn, two levels up.
        #expect(model.guarantee(provider: issuer, before: cert).path == [
            GraphEdge(from: apps, to: infra, kind: .dependsOn), GraphEdge(from: infra, to: issuer, kind: .applies),
            GraphEdge(from: apps, to: child, kind: .applies), GraphEdge(from: child, to: cert, kind: .applies),
        ])
        #expect(model.guarantee(provider: issuer, before: cert).isWeak)
        // Still nothing when no creator is ordered after the provider.
        #expect(model.guarantee(provider: deployment, before: ns) == .none)
    }
}
