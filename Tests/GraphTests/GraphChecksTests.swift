import Diagnostics
import Testing
@testable import Graph

/// The ordering checks on the fixture repositories: each deliberate mistake is reported with
/// its rule, position and fix, and the correct variants beside it are not.
@Suite struct GraphChecksTests {
    private func findings(_ fixture: String, cluster: String) throws -> [Diagnostic] {
        GraphChecks.run(try GraphFixtures.graph(fixture, cluster: cluster)).sorted()
    }

    private func summary(_ findings: [Diagnostic]) -> [String] {
        findings.map { "\($0.rule) \($0.location.file):\($0.location.line)" }
    }

    @Test func gpuAppWithoutDependsOnIsAnErrorAndAnUnwaitedPluginIsWeak() throws {
        let found = try findings("gpu-homelab", cluster: "homelab")
        let missing = found.filter { $0.rule == .orderMissing }
        #expect(summary(missing) == ["order-missing apps/gpu-app/deployment.yaml:26"])
        #expect(missing.first?.fix == "add `dependsOn: [{name: nvidia-device-plugin}]` to Kustomization flux-system/gpu-app and set wait: true on it")
        #expect(missing.first?.related.first?.message == "DaemonSet kube-system/nvidia-device-plugin is applied by Kustomization flux-system/nvidia-device-plugin")
        let weak = found.filter { $0.rule == .orderWeak }
        #expect(summary(weak) == ["order-weak apps/llm/servingruntime.yaml:14"])
        #expect(weak.first?.fix == "set `wait: true` (or healthChecks) on Kustomization flux-system/nvidia-device-plugin")
        // The Intel DRA app depends on its driver with wait, and the plugin on NFD with wait: clean.
        #expect(!found.contains { $0.message.contains("jellyfin") || $0.message.contains("node-feature-discovery") })
        #expect(found.filter { $0.rule == .requirementExternal }.map(\.message)
                == ["InferenceService llm/falcon needs ServingRuntime llm/tgi-runtime, which no unit of cluster homelab applies: expected to exist in the cluster"])
    }

    @Test func issuersWithoutCertManagerDependencyAreAnError() throws {
        let found = try findings("cert-manager-chain", cluster: "production")
        #expect(summary(found.filter { $0.rule == .orderMissing }) == ["order-missing infrastructure/issuers-staging/cluster-issuer.yaml:1"])
        // apps -> issuers -> cert-manager (wait): the Certificate's CRD is guaranteed two hops away.
        #expect(!found.contains { $0.rule == .orderWeak || ($0.rule == .orderMissing && $0.message.contains("Certificate web/web")) })
    }

    @Test func argoChildAppsAreWeakAndCRDsFromALaterWaveAreAnError() throws {
        let found = try findings("argo-waves", cluster: "production")
        let later = found.filter { $0.rule == .argoCRDLaterWave }
        #expect(summary(later) == ["argo-crd-later-wave platform/monitoring/servicemonitor.yaml:1"])
        #expect(later.first?.message.contains("from Application argocd/platform-crds, a sibling Application in a later sync wave (2 > 1)") == true)
        let weak = found.filter { $0.rule == .orderWeak }
        #expect(!weak.isEmpty && weak.allSatisfy { $0.message.contains("from Application argocd/cert-manager") })
        #expect(weak.allSatisfy { $0.fix?.contains("health check") == true })
    }

    @Test func suspendedDependenciesAndSharedObjectsAreReported() throws {
        func kustomization(_ name: String, _ spec: String) -> String {
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: \(name), namespace: flux-system}\nspec:\n\(spec)"
        }
        let shared = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared, namespace: default}\ndata: {a: b}\n"
        let graph = Synthetic.graph(
            try Synthetic.unit("apps", object: kustomization("apps", "  path: ./apps\n  dependsOn: [{name: infra}]\n"), resources: shared),
            try Synthetic.unit("infra", object: kustomization("infra", "  path: ./infra\n  suspend: true\n"), resources: ""),
            try Synthetic.unit("other", object: kustomization("other", "  path: ./other\n"), resources: shared))
        let found = GraphChecks.run(graph)
        let suspended = try #require(found.first { $0.rule == .dependsOnSuspended })
        #expect(suspended.message == "Kustomization flux-system/apps depends on Kustomization flux-system/infra, which is suspended and never becomes ready")
        #expect(suspended.location.file == "apps-unit.yaml")
        let owners = try #require(found.first { $0.rule == .objectMultipleOwners })
        #expect(owners.message == "ConfigMap default/shared is applied by 2 units: Kustomization flux-system/apps, Kustomization flux-system/other")
        // Without the suspension and the second owner, neither rule fires.
        let clean = Synthetic.graph(
            try Synthetic.unit("apps", object: kustomization("apps", "  path: ./apps\n  dependsOn: [{name: infra}]\n"), resources: shared),
            try Synthetic.unit("infra", object: kustomization("infra", "  path: ./infra\n"), resources: ""))
        #expect(!GraphChecks.run(clean).contains { $0.rule == .dependsOnSuspended || $0.rule == .objectMultipleOwners })
    }

    @Test func argoObjectsInAnEarlierWaveThanTheirProviderAreAnInversion() throws {
        func resources(configMapWave: Int) -> String {
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: web, annotations: {argocd.argoproj.io/sync-wave: "\(configMapWave)"}}
            data: {a: b}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: web, annotations: {argocd.argoproj.io/sync-wave: "0"}}
            spec:
              template:
                spec:
                  containers: [{name: web, image: "web:1", envFrom: [{configMapRef: {name: settings}}]}]
            """
        }
        let application = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: web, namespace: argocd}
            spec:
              source: {repoURL: "https://example.com/r.git", path: web}
              destination: {namespace: web}
              syncPolicy: {syncOptions: [CreateNamespace=true]}
            """
        let inverted = Synthetic.graph(try Synthetic.unit("web", argo: true, parent: nil, object: application, resources: resources(configMapWave: 1)))
        let found = GraphChecks.run(inverted).filter { $0.rule == .argoWaveInversion }
        #expect(found.map(\.message) == ["Deployment web/web needs ConfigMap web/settings, which syncs in a later wave (1 > 0)"])
        #expect(found.first?.fix == "give ConfigMap web/settings an argocd.argoproj.io/sync-wave of at most 0")
        let ordered = Synthetic.graph(try Synthetic.unit("web", argo: true, parent: nil, object: application, resources: resources(configMapWave: -1)))
        #expect(!GraphChecks.run(ordered).contains { $0.rule == .argoWaveInversion })
    }
}
