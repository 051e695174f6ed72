import Foundation
import Testing
import Clusters
import Rendering
@testable import Graph

@Suite struct GraphFixtureTests {
    @Test func gpuHomelabTypesItsProviders() throws {
        let graph = try GraphFixtures.graph("gpu-homelab", cluster: "homelab")
        let plugin = NodeID.object(group: "apps", kind: "DaemonSet", namespace: "kube-system", name: "nvidia-device-plugin")
        let nfd = NodeID.object(group: "apps", kind: "DaemonSet", namespace: "node-feature-discovery", name: "nfd-worker")
        #expect(graph.nodes[plugin]?.role == .gpuDevicePlugin)
        #expect(graph.nodes[plugin]?.appliedBy == [ID.flux("nvidia-device-plugin")])
        #expect(graph.nodes[nfd]?.role == .nodeFeatureDiscovery)
        #expect(graph.nodes[.object(group: "resource.k8s.io", kind: "DeviceClass", namespace: "", name: "gpu.intel.com")]?.role == .deviceClass)
        #expect(graph.nodes[ID.helm("kserve", "kserve-crd")]?.role == .helmRelease)
        #expect(graph.nodes[ID.helm("kserve", "kserve-crd")]?.appliedBy == [ID.flux("kserve")])
        #expect(graph.nodes[.source(ObjectKey(kind: "OCIRepository", namespace: "kserve", name: "kserve-crd"))]?.role == .ociRepository)
        #expect(graph.nodes[.object(group: "apps", kind: "Deployment", namespace: "ml", name: "trainer")]?.role == .workload)
        #expect(graph.nodes[ID.flux("flux-system")]?.appliedBy == [])
    }

    @Test func gpuHomelabInfersDeviceRequirements() throws {
        let graph = try GraphFixtures.graph("gpu-homelab", cluster: "homelab")
        let plugin = NodeID.object(group: "apps", kind: "DaemonSet", namespace: "kube-system", name: "nvidia-device-plugin")
        let nfd = NodeID.object(group: "apps", kind: "DaemonSet", namespace: "node-feature-discovery", name: "nfd-worker")
        let trainer = NodeID.object(group: "apps", kind: "Deployment", namespace: "ml", name: "trainer")
        let jellyfin = NodeID.object(group: "apps", kind: "StatefulSet", namespace: "media", name: "jellyfin")
        let runtime = NodeID.object(group: "serving.kserve.io", kind: "ServingRuntime", namespace: "llm", name: "vllm-runtime")
        let llama = NodeID.object(group: "serving.kserve.io", kind: "InferenceService", namespace: "llm", name: "llama")
        let mistral = NodeID.object(group: "serving.kserve.io", kind: "InferenceService", namespace: "llm", name: "mistral")

        #expect(graph.edge(trainer, plugin, .requires, .gpuDevicePlugin)?.place == "apps/gpu-app/deployment.yaml:26")
        #expect(graph.edge(runtime, plugin, .requires, .gpuDevicePlugin)?.place == "apps/llm/servingruntime.yaml:14")
        #expect(graph.edge(plugin, nfd, .requires, .nodeFeatureDiscovery)?.place == "infrastructure/nvidia-device-plugin/daemonset.yaml:17")
        #expect(graph.edge(jellyfin, .object(group: "resource.k8s.io", kind: "DeviceClass", namespace: "", name: "gpu.intel.com"),
                           .requires, .deviceClass)?.place == "apps/media/jellyfin.yaml:17")
        #expect(graph.edge(llama, runtime, .requires, .servingRuntime)?.place == "apps/llm/inferenceservices.yaml:8")
        #expect(graph.edge(mistral, runtime, .requires, .servingRuntime)?.place == "apps/llm/inferenceservices.yaml:22")
        #expect(graph.edge(llama, ID.helm("kserve", "kserve-crd"), .requires, .customResourceDefinition)?.place == "apps/llm/inferenceservices.yaml:1")
        #expect(graph.external(.servingRuntime, "ServingRuntime llm/tgi-runtime")?.consumers
                == [.object(group: "serving.kserve.io", kind: "InferenceService", namespace: "llm", name: "falcon")])
    }

    @Test func gpuHomelabPodInputsOnlyWhenDefined() throws {
        let graph = try GraphFixtures.graph("gpu-homelab", cluster: "homelab")
        let trainer = NodeID.object(group: "apps", kind: "Deployment", namespace: "ml", name: "trainer")
        #expect(graph.edge(trainer, ID.core("ServiceAccount", "ml", "trainer"), .requires, .serviceAccount)?.place == "apps/gpu-app/deployment.yaml:14")
        #expect(graph.edge(trainer, ID.core("ConfigMap", "ml", "trainer-config"), .requires, .configMap) != nil)
        #expect(graph.edge(trainer, ID.namespace("ml"), .requires, .namespace) != nil)
        // The optional Secret, the undefined StorageClass and the built-in PriorityClass make neither edges nor externals.
        #expect(!graph.edges.contains { $0.requirement == .secret || $0.requirement == .storageClass || $0.requirement == .priorityClass })
        #expect(graph.external.map(\.requirement) == [.servingRuntime])
        // Objects in kube-system need no Namespace.
        #expect(graph.edges(from: .object(group: "apps", kind: "DaemonSet", namespace: "kube-system", name: "nvidia-device-plugin"))
                    .allSatisfy { $0.requirement != .namespace })
    }

    @Test func gpuHomelabExplicitEdges() throws {
        let graph = try GraphFixtures.graph("gpu-homelab", cluster: "homelab")
        #expect(graph.edge(ID.flux("llm"), ID.flux("nvidia-device-plugin"), .dependsOn)?.place == "clusters/homelab/apps.yaml:27")
        #expect(graph.edge(ID.flux("media"), ID.flux("intel-gpu-driver"), .dependsOn) != nil)
        #expect(graph.edges(from: ID.flux("gpu-app")).allSatisfy { $0.kind != .dependsOn })
        let chartSource = NodeID.source(ObjectKey(kind: "OCIRepository", namespace: "kserve", name: "kserve-crd"))
        #expect(graph.edge(ID.helm("kserve", "kserve-crd"), chartSource, .source)?.place == "infrastructure/kserve/helmrelease.yaml:9")
        #expect(graph.edge(ID.helm("kserve", "kserve-crd"), chartSource, .requires, .source) != nil)
        #expect(graph.edge(ID.flux("kserve"), ID.helm("kserve", "kserve-crd"), .applies) != nil)
        #expect(graph.edge(ID.flux("flux-system"), ID.flux("gpu-app"), .applies)?.place == "clusters/homelab/apps.yaml:2")
        let git = NodeID.source(ObjectKey(kind: "GitRepository", namespace: "flux-system", name: "flux-system"))
        #expect(graph.edge(ID.flux("gpu-app"), git, .source)?.place == "clusters/homelab/apps.yaml:13")
        #expect(graph.edges == graph.edges.sorted())
    }

    @Test func certManagerChain() throws {
        let graph = try GraphFixtures.graph("cert-manager-chain", cluster: "production")
        let release = ID.helm("cert-manager", "cert-manager")
        let repository = NodeID.source(ObjectKey(kind: "HelmRepository", namespace: "cert-manager", name: "jetstack"))
        #expect(graph.edge(release, repository, .source)?.place == "infrastructure/cert-manager/release.yaml:13")
        #expect(graph.edge(release, repository, .requires, .source) != nil)
        #expect(graph.edge(release, ID.core("ConfigMap", "cert-manager", "cert-manager-values"), .requires, .valuesFrom)?.place
                == "infrastructure/cert-manager/release.yaml:20")
        #expect(!graph.edges.contains { $0.to.rawValue.hasSuffix("cert-manager-extra") })
        #expect(graph.edge(release, ID.namespace("cert-manager"), .requires, .namespace) != nil)
        for issuer in ["letsencrypt", "letsencrypt-staging"] {
            let id = NodeID.object(group: "cert-manager.io", kind: "ClusterIssuer", namespace: "", name: issuer)
            #expect(graph.edge(id, release, .requires, .customResourceDefinition) != nil)
        }
        #expect(graph.edge(.object(group: "cert-manager.io", kind: "ClusterIssuer", namespace: "", name: "letsencrypt-staging"),
                           release, .requires, .customResourceDefinition)?.place == "infrastructure/issuers-staging/cluster-issuer.yaml:1")
        #expect(graph.edge(.object(group: "cert-manager.io", kind: "Certificate", namespace: "web", name: "web"),
                           release, .requires, .customResourceDefinition)?.place == "apps/base/certificate.yaml:1")
        #expect(graph.edge(ID.flux("apps"), ID.core("ConfigMap", "flux-system", "cluster-settings"), .requires, .configMap)?.place
                == "clusters/production/apps.yaml:16")
        #expect(graph.edge(ID.flux("issuers"), ID.flux("cert-manager"), .dependsOn)?.place == "clusters/production/infrastructure.yaml:26")
        #expect(graph.edges(from: ID.flux("issuers-staging")).allSatisfy { $0.kind != .dependsOn })
        #expect(graph.external(.namespace, "Namespace shop")?.origin.map { "\($0.file):\($0.line)" } == "infrastructure/issuers/shop-certificate.yaml:6")
        #expect(graph.external(.customResourceDefinition, "CustomResourceDefinition for ServiceMonitor.monitoring.coreos.com")?.consumers
                == [.object(group: "monitoring.coreos.com", kind: "ServiceMonitor", namespace: "web", name: "web")])
        #expect(graph.external.count == 2)
    }

    @Test func argoWavesOrderChildApplications() throws {
        let graph = try GraphFixtures.graph("argo-waves", cluster: "production")
        #expect(graph.nodes[ID.app("root-production")]?.appliedBy == [])
        #expect(graph.nodes[ID.app("web")]?.appliedBy == [ID.app("root-production")])
        let waves: [(String, String, String)] = [
            ("issuers", "cert-manager", "apps/base/issuers.yaml:2"),
            ("monitoring", "issuers", "apps/base/monitoring.yaml:7"),
            ("platform-crds", "monitoring", "apps/base/platform-crds.yaml:6"),
            ("web", "platform-crds", "apps/base/web.yaml:6"),
        ]
        for (later, earlier, place) in waves {
            #expect(graph.edge(ID.app(later), ID.app(earlier), .syncWave)?.place == place)
        }
        // Only the nearest lower wave: the rest follows transitively.
        #expect(graph.edge(ID.app("web"), ID.app("cert-manager"), .syncWave) == nil)
        #expect(graph.edges.filter { $0.kind == .syncWave }.count == 4)
    }

    @Test func argoWavesCustomResourcesFindTheirDefinitions() throws {
        let graph = try GraphFixtures.graph("argo-waves", cluster: "production")
        let crd = NodeID.object(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", namespace: "", name: "servicemonitors.monitoring.coreos.com")
        #expect(graph.nodes[crd]?.role == .customResourceDefinition)
        #expect(graph.nodes[crd]?.appliedBy == [ID.app("platform-crds")])
        #expect(graph.edge(.object(group: "monitoring.coreos.com", kind: "ServiceMonitor", namespace: "monitoring", name: "web"), crd,
                           .requires, .customResourceDefinition)?.place == "platform/monitoring/servicemonitor.yaml:1")
        // A chart Application provides its chart's CRDs.
        #expect(graph.edge(.object(group: "cert-manager.io", kind: "ClusterIssuer", namespace: "", name: "selfsigned"),
                           ID.app("cert-manager"), .requires, .customResourceDefinition) != nil)
        // CreateNamespace=true covers each app's destination; argocd hosts the engine.
        #expect(!graph.edges.contains { $0.requirement == .namespace })
        #expect(graph.external.isEmpty)
    }

    @Test func argoWavesOverlayPerEnvironment() throws {
        let clusters = try GraphFixtures.render(at: GraphFixtures.directory("argo-waves"))
        #expect(clusters.map(\.cluster.name).sorted() == ["production", "staging"])
        let staging = try GraphFixtures.graph("argo-waves", cluster: "staging")
        let web = try #require(staging.nodes[.object(group: "apps", kind: "Deployment", namespace: "web", name: "web")])
        #expect(web.object?[path: ["spec", "replicas"]]?.text == "1")
        #expect(staging.edge(ID.app("web"), ID.app("platform-crds"), .syncWave) != nil)
    }
}

@Suite struct GraphRuleTests {
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Cluster
          names: {kind: Widget, plural: widgets}
        """

    @Test func anObjectTwoUnitsApplyIsOneNode() throws {
        let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared, namespace: kube-system}\n"
        let graph = Synthetic.graph(try Synthetic.unit("b", resources: configMap), try Synthetic.unit("a", resources: configMap))
        let node = try #require(graph.nodes[ID.core("ConfigMap", "kube-system", "shared")])
        #expect(node.appliedBy == [ID.flux("a"), ID.flux("b")])
        #expect(graph.edge(ID.flux("a"), node.id, .applies) != nil && graph.edge(ID.flux("b"), node.id, .applies) != nil)
    }

    @Test func aDefinitionInTheRenderWinsOverChartsAndDecidesScope() throws {
        let release = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: widgets, namespace: kube-system}
            spec: {chart: {spec: {chart: widget-operator}}}
            """
        let knowledge = ChartKnowledge(charts: [.init(names: ["widget-operator"], crdGroups: ["example.com"])])
        let widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ignored}\n"
        let withDefinition = Synthetic.graph(try Synthetic.unit("crds", resources: Self.crd),
                                             try Synthetic.unit("ops", resources: release),
                                             try Synthetic.unit("app", resources: widget), knowledge: knowledge)
        let id = NodeID.object(group: "example.com", kind: "Widget", namespace: "", name: "w")
        let crd = NodeID.object(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", namespace: "", name: "widgets.example.com")
        #expect(withDefinition.edge(id, crd, .requires, .customResourceDefinition)?.place == "app.yaml:1")
        let chartOnly = Synthetic.graph(try Synthetic.unit("ops", resources: release),
                                        try Synthetic.unit("app", resources: widget), knowledge: knowledge)
        #expect(chartOnly.edge(.object(group: "example.com", kind: "Widget", namespace: "ignored", name: "w"),
                               ID.helm("kube-system", "widgets"), .requires, .customResourceDefinition) != nil)
        let neither = Synthetic.graph(try Synthetic.unit("app", resources: widget), knowledge: ChartKnowledge())
        #expect(neither.external(.customResourceDefinition, "CustomResourceDefinition for Widget.example.com") != nil)
    }

    @Test func aKindEntryWinsOverItsSharedGroup() throws {
        func release(_ name: String) -> String {
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: \(name), namespace: kube-system}\nspec: {chart: {spec: {chart: \(name)}}}\n---\n"
        }
        let policy = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata: {name: audit}\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: deny, namespace: kube-system}\n"
        let graph = Synthetic.graph(try Synthetic.unit("net", resources: release("cilium") + release("tetragon")),
                                    try Synthetic.unit("policies", resources: policy))
        #expect(graph.edge(.object(group: "cilium.io", kind: "TracingPolicy", namespace: "flux-system", name: "audit"),
                           ID.helm("kube-system", "tetragon"), .requires, .customResourceDefinition) != nil)
        #expect(graph.edge(.object(group: "cilium.io", kind: "CiliumNetworkPolicy", namespace: "kube-system", name: "deny"),
                           ID.helm("kube-system", "cilium"), .requires, .customResourceDefinition) != nil)
        #expect(graph.edges.filter { $0.requirement == .customResourceDefinition }.count == 2)
    }

    @Test func gpuRequestsMatchTheirPluginFamily() throws {
        let plugin = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: amdgpu-device-plugin-daemonset, namespace: kube-system}
            spec: {template: {spec: {containers: [{name: p, image: "rocm/k8s-device-plugin:1.31"}]}}}
            """
        let job = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: render, namespace: kube-system}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          image: renderer
                          resources: {limits: {amd.com/gpu: 1, gpu.intel.com/i915: 1}}
            """
        let graph = Synthetic.graph(try Synthetic.unit("amd", resources: plugin), try Synthetic.unit("jobs", resources: job))
        let cronJob = NodeID.object(group: "batch", kind: "CronJob", namespace: "kube-system", name: "render")
        let amd = NodeID.object(group: "apps", kind: "DaemonSet", namespace: "kube-system", name: "amdgpu-device-plugin-daemonset")
        #expect(graph.nodes[amd]?.role == .gpuDevicePlugin)
        #expect(graph.edge(cronJob, amd, .requires, .gpuDevicePlugin)?.place == "jobs.yaml:12")
        #expect(graph.edges.filter { $0.requirement == .gpuDevicePlugin }.count == 1)
        #expect(graph.external(.gpuDevicePlugin, "GPU device plugin for gpu.intel.com")?.consumers == [cronJob])
    }

    @Test func releasesProvideAndConsumeThroughTheirValues() throws {
        let releases = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: nfd, namespace: kube-system}
            spec: {chart: {spec: {chart: node-feature-discovery}}}
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: nvidia, namespace: kube-system}
            spec:
              chart: {spec: {chart: nvidia-device-plugin}}
              values:
                nodeSelector:
                  feature.node.kubernetes.io/pci-10de.present: "true"
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: ollama, namespace: ai}
            spec:
              chart: {spec: {chart: ollama}}
              values:
                ollama:
                  gpu: {enabled: true}
                resources:
                  limits:
                    nvidia.com/gpu: "1"
            """
        let graph = Synthetic.graph(try Synthetic.unit("gpu", resources: releases))
        #expect(graph.edge(ID.helm("kube-system", "nvidia"), ID.helm("kube-system", "nfd"), .requires, .nodeFeatureDiscovery)?.place == "gpu.yaml:13")
        #expect(graph.edge(ID.helm("ai", "ollama"), ID.helm("kube-system", "nvidia"), .requires, .gpuDevicePlugin)?.place == "gpu.yaml:25")
        #expect(graph.external(.namespace, "Namespace ai") != nil)
    }

    @Test func alternativeAffinityTermsDoNotNeedNodeFeatures() throws {
        let daemonSet = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: exporter, namespace: kube-system}
            spec:
              template:
                spec:
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                          - matchExpressions: [{key: feature.node.kubernetes.io/pci-10de.present, operator: In, values: ["true"]}]
                          - matchExpressions: [{key: nvidia.com/gpu.present, operator: In, values: ["true"]}]
                  containers: [{name: e, image: exporter}]
            """
        let graph = Synthetic.graph(try Synthetic.unit("monitoring", resources: daemonSet))
        #expect(graph.external.isEmpty)
        let strict = daemonSet.replacingOccurrences(of: "key: nvidia.com/gpu.present", with: "key: feature.node.kubernetes.io/cpu-model.vendor_id")
        let strictGraph = Synthetic.graph(try Synthetic.unit("monitoring", resources: strict))
        #expect(strictGraph.external(.nodeFeatureDiscovery, "node-feature-discovery")?.origin?.line == 11)
    }

    @Test func claimsFollowTheirTemplateToTheDeviceClassProvider() throws {
        let driver = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: intel-gpu-resource-driver, namespace: kube-system}
            spec: {chartRef: {kind: OCIRepository, name: intel-gpu-resource-driver}}
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: OCIRepository
            metadata: {name: intel-gpu-resource-driver, namespace: kube-system}
            spec: {url: "oci://ghcr.io/intel/intel-resource-drivers-for-kubernetes/intel-gpu-resource-driver-chart"}
            """
        let app = """
            apiVersion: resource.k8s.io/v1beta1
            kind: ResourceClaimTemplate
            metadata: {name: gpu, namespace: default}
            spec: {spec: {devices: {requests: [{name: gpu, deviceClassName: gpu.intel.com}]}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: transcode, namespace: default}
            spec:
              resourceClaims: [{name: gpu, resourceClaimTemplateName: gpu}]
              containers: [{name: t, image: ffmpeg}]
            """
        let graph = Synthetic.graph(try Synthetic.unit("driver", resources: driver), try Synthetic.unit("app", resources: app))
        let pod = ID.core("Pod", "default", "transcode")
        #expect(graph.edge(pod, ID.helm("kube-system", "intel-gpu-resource-driver"), .requires, .deviceClass)?.place == "app.yaml:10")
        let alone = Synthetic.graph(try Synthetic.unit("app", resources: app))
        #expect(alone.external(.deviceClass, "DeviceClass gpu.intel.com")?.consumers == [pod])
    }

    @Test func namespacesCreatedByArgoOrBuiltInNeedNoObject() throws {
        let application = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: shop, namespace: argocd}
            spec:
              destination: {namespace: shop}
              syncPolicy: {syncOptions: [CreateNamespace=true]}
            """
        let objects = "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t, namespace: other}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: u, namespace: default}\n"
        let shop = try Synthetic.unit("shop", argo: true, parent: "root", object: application, resources: objects)
        let graph = Synthetic.graph(try Synthetic.unit("root", argo: true, parent: nil, resources: application), shop)
        #expect(graph.external.map(\.provider) == ["Namespace other"])
        #expect(!graph.edges.contains { $0.requirement == .namespace })
    }

    @Test func sourcesResolveToGeneratorsAndTheBootstrapSourceExists() throws {
        let generator = """
            apiVersion: source.extensions.fluxcd.io/v1beta1
            kind: ArtifactGenerator
            metadata: {name: monorepo, namespace: flux-system}
            spec:
              sources: [{alias: repo, kind: GitRepository, name: flux-system}]
              artifacts: [{name: apps, copy: [{from: "@repo/apps/**", to: "@artifact/"}]}]
            """
        func kustomization(_ name: String, _ kind: String, _ source: String) -> String {
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: \(name), namespace: flux-system}\nspec: {sourceRef: {kind: \(kind), name: \(source)}}\n"
        }
        let apps = try Synthetic.unit("apps", object: kustomization("apps", "ExternalArtifact", "apps"), resources: "")
        let other = try Synthetic.unit("other", object: kustomization("other", "GitRepository", "elsewhere"), resources: "")
        let graph = Synthetic.graph(try Synthetic.unit("generators", resources: generator), apps, other)
        let producer = NodeID.object(group: "source.extensions.fluxcd.io", kind: "ArtifactGenerator", namespace: "flux-system", name: "monorepo")
        #expect(graph.edge(ID.flux("apps"), producer, .source)?.place == "apps-unit.yaml:4")
        #expect(graph.edge(ID.flux("apps"), producer, .requires, .source) != nil)
        // The generator reads the bootstrap's GitRepository, which exists with the cluster.
        #expect(graph.external.map(\.provider) == ["GitRepository flux-system/elsewhere"])
    }

    @Test func workloadsNameTheirInputs() throws {
        let objects = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: kube-system}
            spec: {storageClassName: fast}
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: fast}
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: high}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: kube-system}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: kube-system}
            spec:
              template:
                spec:
                  priorityClassName: high
                  volumes:
                    - {name: d, persistentVolumeClaim: {claimName: data}}
                    - {name: p, projected: {sources: [{secret: {name: creds}}]}}
                  containers:
                    - name: m
                      image: migrate
                      env: [{name: X, valueFrom: {secretKeyRef: {name: creds, key: x}}}]
            """
        let graph = Synthetic.graph(try Synthetic.unit("db", resources: objects))
        let job = NodeID.object(group: "batch", kind: "Job", namespace: "kube-system", name: "migrate")
        #expect(graph.edge(job, ID.core("PersistentVolumeClaim", "kube-system", "data"), .requires, .persistentVolumeClaim) != nil)
        #expect(graph.edge(job, ID.core("Secret", "kube-system", "creds"), .requires, .secret)?.place == "db.yaml:27")
        #expect(graph.edge(job, .object(group: "scheduling.k8s.io", kind: "PriorityClass", namespace: "", name: "high"), .requires, .priorityClass) != nil)
        #expect(graph.edge(ID.core("PersistentVolumeClaim", "kube-system", "data"),
                           .object(group: "storage.k8s.io", kind: "StorageClass", namespace: "", name: "fast"), .requires, .storageClass) != nil)
    }
}

@Suite struct ChartKnowledgeTests {
    @Test func bundledRulesAreTheEmbeddedFile() throws {
        let file = try String(contentsOfFile: GraphFixtures.packageRoot + "/rules/charts.yaml", encoding: .utf8)
        #expect(BundledCharts.yaml == file, "rules/charts.yaml changed: run scripts/embed-charts.py")
        let parsed = try ChartKnowledge(parsing: Array(file.utf8))
        #expect(ChartKnowledge.bundled.charts.count == parsed.charts.count)
        #expect(ChartKnowledge.bundled.chart(named: "cert-manager")?.crdGroups.contains("cert-manager.io") == true)
        #expect(ChartKnowledge.bundled.chart(named: "gpu-operator")?.provides == ["gpuDevicePlugin:nvidia.com", "nodeFeatureDiscovery"])
        #expect(ChartKnowledge.bundled.chart(named: "oci://ghcr.io/intel/intel-resource-drivers-for-kubernetes/intel-gpu-resource-driver-chart:0.8.0")?
                    .provides == ["deviceClass:gpu.intel.com"])
    }

    @Test func malformedEntriesAreReportedWhereTheyAre() {
        #expect(throws: ChartKnowledgeError.self) { try ChartKnowledge(parsing: Array("charts:\n  - names: [x]\n    crd: [a.io]\n".utf8)) }
        #expect(throws: ChartKnowledgeError.self) { try ChartKnowledge(parsing: Array("charts:\n  - names: [x]\n    provides: [gpu]\n".utf8)) }
        #expect(throws: ChartKnowledgeError.self) { try ChartKnowledge(parsing: Array("charts:\n  - crds: [a.io]\n".utf8)) }
        do {
            _ = try ChartKnowledge(parsing: Array("charts:\n  - names: [x]\n    provides: [gpu]\n".utf8), path: "rules.yaml")
        } catch {
            #expect(error.origin?.line == 3)
        }
    }

    @Test func repositoryEntriesOverrideBundledOnesByName() throws {
        let extra = try ChartKnowledge(parsing: Array("charts:\n  - names: [cert-manager]\n    crds: [certs.example.com]\n  - names: [mine]\n    crds: [mine.io]\n".utf8))
        let merged = ChartKnowledge.bundled.merging(extra)
        #expect(merged.chart(named: "cert-manager")?.crdGroups == ["certs.example.com"])
        #expect(merged.chart(named: "mine") != nil)
        #expect(merged.chart(named: "longhorn")?.crdGroups == ["longhorn.io"])
        #expect(ChartKnowledge.chartName(from: "oci://ghcr.io/org/charts/app-template:3.7.1@sha256:abc") == "app-template")
        #expect(ChartKnowledge.chartName(from: "./charts/podinfo/") == "podinfo")
    }
}

/// Every repository of the shared corpus yields a graph; the counts go to the test output.
@Suite struct CorpusGraphTests {
    @Test func everyCorpusRepositoryYieldsAGraph() throws {
        // `../shared` beside the main checkout; a worktree sits one level deeper.
        let candidates = ["../shared/corpus", "../../shared/corpus"].map {
            URL(fileURLWithPath: GraphFixtures.packageRoot).appendingPathComponent($0).standardized.path
        }
        guard let corpus = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: corpus) else { return }
        for repository in entries.sorted() where !repository.hasSuffix(".md") && !repository.hasSuffix(".tsv") {
            let start = Date()
            let clusters = try GraphFixtures.render(at: corpus + "/" + repository)
            let rendered = Date()
            let graphs = clusters.map { GraphBuilder.build($0) }
            let built = Date()
            var byKind: [EdgeKind: Int] = [:]
            var byRequirement: [Requirement: Int] = [:]
            for edge in graphs.flatMap(\.edges) {
                byKind[edge.kind, default: 0] += 1
                if let requirement = edge.requirement { byRequirement[requirement, default: 0] += 1 }
            }
            for graph in graphs { #expect(graph.edges.allSatisfy { graph.nodes[$0.from] != nil && graph.nodes[$0.to] != nil }) }
            let kinds = EdgeKind.allCases.map { "\($0.rawValue)=\(byKind[$0] ?? 0)" }.joined(separator: " ")
            let requirements = byRequirement.keys.sorted().map { "\($0.rawValue)=\(byRequirement[$0] ?? 0)" }.joined(separator: " ")
            let externals = graphs.flatMap(\.external)
            print("corpus \(repository): clusters=\(graphs.count) units=\(graphs.map { $0.units.count }.reduce(0, +)) nodes=\(graphs.map(\.nodes.count).reduce(0, +)) \(kinds) | requires: \(requirements) | externals=\(externals.count) | render \(Int(rendered.timeIntervalSince(start) * 1000)) ms, graph \(Int(built.timeIntervalSince(rendered) * 1000)) ms")
            if ProcessInfo.processInfo.environment["GRAPH_CORPUS_EXTERNALS"] != nil {
                for external in externals { print("  external \(external.requirement.rawValue): \(external.provider) (\(external.consumers.count))") }
            }
        }
    }
}
