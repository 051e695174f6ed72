import Testing
@testable import Rendering

@Suite struct TransformerTests {
    let origin = Origin(file: "kustomization.yaml", line: 3, column: 1)

    // MARK: Namespace

    @Test func namespaceSkipsClusterScopedKindsAndRenamesCoreNamespaces() throws {
        var map = try Fixture.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: old}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cr}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: old}
            ---
            apiVersion: example.com/v1
            kind: Namespace
            metadata: {name: custom}
            ---
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1.example.com}
            spec: {service: {name: api}}
            """)
        try Transformers.setNamespace("prod", in: &map, config: .defaults, origin: origin)
        #expect(Fixture.render(map) == (try Fixture.render("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: prod}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cr}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: prod}
            ---
            apiVersion: example.com/v1
            kind: Namespace
            metadata: {name: custom, namespace: prod}
            ---
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1.example.com}
            spec: {service: {name: api, namespace: prod}}
            """)))
        #expect(map.resources[0].previousIDs.first?.namespace == "old")
        #expect(map.resources[0].node[path: ["metadata", "namespace"]]?.origin?.changedBy == "namespace")
        #expect(map.resources[0].node[path: ["metadata", "namespace"]]?.origin?.file == "kustomization.yaml")
    }

    @Test func roleBindingSubjectsFollowTheConfiguredMode() throws {
        let binding = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb}
            subjects:
            - {kind: ServiceAccount, name: default}
            - {kind: ServiceAccount, name: builder, namespace: ci}
            - {kind: User, name: alice}
            """
        var defaultOnly = try Fixture.map(binding)
        try Transformers.setNamespace("prod", in: &defaultOnly, config: .defaults, origin: origin)
        let subjects = defaultOnly.resources[0].node["subjects"]?.elements ?? []
        #expect(subjects.map { $0["namespace"]?.text } == ["prod", "ci", nil])

        var all = try Fixture.map(binding)
        try Transformers.setNamespace("prod", in: &all, config: .defaults, origin: origin, subjects: .allServiceAccounts)
        #expect((all.resources[0].node["subjects"]?.elements ?? []).map { $0["namespace"]?.text } == ["prod", "prod", nil])

        var unset = try Fixture.map(binding)
        try Transformers.setNamespace("prod", in: &unset, config: .defaults, origin: origin, unsetOnly: true,
                                      subjects: .allServiceAccounts)
        #expect((unset.resources[0].node["subjects"]?.elements ?? []).map { $0["namespace"]?.text } == ["prod", "ci", nil])
    }

    @Test func namespaceCollisionIsAnError() throws {
        var map = try Fixture.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: b}
            """)
        #expect(throws: RenderError.self) { try Transformers.setNamespace("prod", in: &map, config: .defaults, origin: origin) }
    }

    @Test func inlineNamespaceTransformerPlugin() throws {
        var map = try Fixture.map("apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n")
        let plugin = try Fixture.node("""
            apiVersion: builtin
            kind: NamespaceTransformer
            metadata: {name: not-important, namespace: test}
            fieldSpecs:
            - {path: metadata/namespace, create: true}
            """)
        #expect(try Transformers.applyPluginConfig(plugin, to: &map, config: .defaults))
        #expect(map.resources[0].namespace == "test")
        var bad = plugin
        bad["setRoleBindingSubjects"] = .string("everyone")
        #expect(throws: RenderError.self) { try Transformers.applyPluginConfig(bad, to: &map, config: .defaults) }
    }

    // MARK: Name prefix and suffix

    @Test func prefixAndSuffixSkipCRDsAndNamespacesAndRememberNames() throws {
        var map = try Fixture.map("""
            apiVersion: v1
            kind: Service
            metadata: {name: svc}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: things.example.com}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: ns}
            """)
        try Transformers.addNameAffixes(prefix: "p-", suffix: "-s", in: &map, config: .defaults, origin: origin)
        #expect(map.resources.map(\.name) == ["p-svc-s", "things.example.com", "ns"])
        #expect(map.resources[0].prefixes == ["p-"])
        #expect(map.resources[0].suffixes == ["-s"])
        #expect(map.resources[0].previousIDs.map(\.name) == ["svc", "p-svc"])
        #expect(map.resources[0].originalID.name == "svc")
        #expect(map.resources[1].previousIDs.isEmpty)
    }

    @Test func prefixSuffixPluginUsesItsOwnFieldSpecs() throws {
        var map = try Fixture.map("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: dep}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            """)
        let plugin = try Fixture.node("""
            apiVersion: builtin
            kind: PrefixSuffixTransformer
            metadata: {name: customPrefixer}
            prefix: zzz-
            fieldSpecs:
            - {kind: Deployment, path: metadata/name}
            """)
        #expect(try Transformers.applyPluginConfig(plugin, to: &map, config: .defaults))
        #expect(map.resources.map(\.name) == ["zzz-dep", "cm"])
        var noSpecs = plugin
        noSpecs["fieldSpecs"] = nil
        #expect(throws: RenderError.self) { try Transformers.applyPluginConfig(noSpecs, to: &map, config: .defaults) }
        #expect(try !Transformers.applyPluginConfig(try Fixture.node("apiVersion: builtin\nkind: HelmChartInflationGenerator\n"),
                                                    to: &map, config: .defaults))
    }

    // MARK: Labels and annotations

    @Test func commonLabelsReachSelectorsAndTemplates() throws {
        var map = try Fixture.map("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: the-deployment}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc}
            spec: {ports: [{port: 80}]}
            """)
        let kustomization = Kustomization(kind: .kustomization, file: "kustomization.yaml", directory: "",
                                          node: try Fixture.node("commonLabels:\n  version: \"1\"\n"))
        try Transformers.applyLabels(of: kustomization, to: &map, config: .defaults)
        #expect(Fixture.render(map) == (try Fixture.render("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {labels: {version: "1"}, name: the-deployment}
            spec:
              selector: {matchLabels: {version: "1"}}
              template: {metadata: {labels: {version: "1"}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {labels: {version: "1"}, name: svc}
            spec: {ports: [{port: 80}], selector: {version: "1"}}
            """)))
    }

    @Test func labelEntriesHonourTheirIncludeFlags() throws {
        let statefulSet = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: set}
            spec:
              selector: {matchLabels: {app: set}}
              template: {metadata: {labels: {app: set}}}
              volumeClaimTemplates:
              - metadata: {name: data}
            """
        func labelled(_ flags: String) throws -> Node {
            var map = try Fixture.map(statefulSet)
            let kustomization = Kustomization(kind: .kustomization, file: "kustomization.yaml", directory: "",
                                              node: try Fixture.node("labels:\n- pairs: {foo: bar}\n" + flags))
            try Transformers.applyLabels(of: kustomization, to: &map, config: .defaults)
            return map.resources[0].node
        }
        func places(_ node: Node) -> [Bool] {
            [node[path: ["metadata", "labels", "foo"]] != nil,
             node[path: ["spec", "selector", "matchLabels", "foo"]] != nil,
             node[path: ["spec", "template", "metadata", "labels", "foo"]] != nil,
             node[path: ["spec", "volumeClaimTemplates"]]?.elements.first?[path: ["metadata", "labels", "foo"]] != nil]
        }
        #expect(places(try labelled("")) == [true, false, false, false])
        #expect(places(try labelled("  includeTemplates: true\n")) == [true, false, true, false])
        #expect(places(try labelled("  includeVolumeClaimTemplates: true\n")) == [true, false, false, true])
        #expect(places(try labelled("  includeSelectors: true\n")) == [true, true, true, true])
        #expect(places(try labelled("  fields: [{path: spec/selector/matchLabels, kind: StatefulSet}]\n")) == [true, true, false, false])
    }

    @Test func labelEntriesAlsoReachConfiguredLabelFields() throws {
        var map = try Fixture.map("""
            apiVersion: custom.example.org/v1
            kind: SampleResource
            metadata: {name: sample}
            spec: {template: {spec: {}}}
            """)
        var config = TransformerConfig.defaults
        config.labels = [FieldSpec(gvk: GVK(kind: "SampleResource"), path: "spec/template/metadata/labels", create: true)]
        let kustomization = Kustomization(kind: .kustomization, file: "kustomization.yaml", directory: "",
                                          node: try Fixture.node("labels:\n- pairs: {env: dev}\n  includeTemplates: false\n"))
        try Transformers.applyLabels(of: kustomization, to: &map, config: config)
        #expect(map.resources[0].node[path: ["spec", "template", "metadata", "labels", "env"]]?.text == "dev")
        #expect(map.resources[0].labels() == ["env": "dev"])
    }

    @Test func annotationsAndLabelPluginsUseTheirSpecs() throws {
        var map = try Fixture.map("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: dep}
            spec: {template: {metadata: {}}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: role}
            """)
        try Transformers.addAnnotations([("team", "blue")], in: &map, config: .defaults, origin: origin)
        #expect(map.resources[0].node[path: ["spec", "template", "metadata", "annotations", "team"]]?.text == "blue")
        #expect(map.resources[1].annotations == ["team": "blue"])
        let labeller = try Fixture.node("""
            apiVersion: builtin
            kind: LabelTransformer
            metadata: {name: myLabeller}
            labels: {pager: 867-5301}
            fieldSpecs: [{path: metadata/labels, create: true, kind: Deployment}]
            """)
        #expect(try Transformers.applyPluginConfig(labeller, to: &map, config: .defaults))
        #expect(map.resources[0].labels() == ["pager": "867-5301"])
        #expect(map.resources[1].labels().isEmpty)
        #expect(map.resources[0].node[path: ["metadata", "labels", "pager"]]?.origin?.changedBy == "LabelTransformer myLabeller")
    }

    // MARK: Images

    @Test func splitsAndRewritesImageReferences() {
        #expect(ImageRule.split("nginx") == ("nginx", "", ""))
        #expect(ImageRule.split("nginx:1.7.9") == ("nginx", "1.7.9", ""))
        #expect(ImageRule.split("localhost:5000/app:v1") == ("localhost:5000/app", "v1", ""))
        #expect(ImageRule.split("app@sha256:abc") == ("app", "", "sha256:abc"))
        #expect(ImageRule.split("r.io/app:v1@sha256:abc") == ("r.io/app", "v1", "sha256:abc"))
        let rule = ImageRule(name: "nginx", newTag: "v2")
        #expect(rule.matches("nginx:1.7.9") && rule.matches("nginx") && rule.matches("nginx@sha256:abc"))
        #expect(!rule.matches("docker.io/nginx:1") && !rule.matches("nginx-extra"))
        #expect(rule.rewrite("nginx:1.7.9@sha256:abc") == "nginx:v2")
        #expect(ImageRule(name: "alpine", digest: "sha256:24a0").rewrite("alpine:3.7") == "alpine@sha256:24a0")
        #expect(ImageRule(name: "postgres", newName: "my-registry/my-postgres").rewrite("postgres:8") == "my-registry/my-postgres:8")
        #expect(!ImageRule(name: "[", newTag: "v2").matches("nginx:1.7.9"))
    }

    @Test func imagesReachContainerListsAnywhereAndCustomFields() throws {
        var map = try Fixture.map("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: deploy}
            spec:
              template:
                spec:
                  containers: [{name: a, image: nginx:1.7.9}]
                  initContainers: [{name: b, image: "nginx"}]
            ---
            apiVersion: example.com/v1
            kind: Pipeline
            metadata: {name: p}
            spec: {steps: [{containers: [{image: nginx}]}]}
            ---
            apiVersion: serving.knative.dev/v1alpha1
            kind: Service
            metadata: {name: echo}
            spec: {runLatest: {configuration: {revisionTemplate: {spec: {container: {image: solsa-echo}}}}}}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: crontabs.stable.example.com}
            spec: {containers: [{image: nginx}]}
            """)
        let images = try Fixture.nodes("- {name: nginx, newTag: 1.10}\n- {name: solsa-echo, newTag: foo}\n").first?.elements ?? []
        var config = TransformerConfig.defaults
        try config.merge(try TransformerConfig(parsing: try Fixture.node("""
            images:
            - path: spec/runLatest/configuration/revisionTemplate/spec/container/image
              group: serving.knative.dev
              kind: Service
            """)))
        try Transformers.setImages(images, in: &map, config: config, origin: origin)
        let deployment = map.resources[0].node[path: ["spec", "template", "spec"]]
        #expect(deployment?["containers"]?.elements.first?["image"]?.text == "nginx:1.1")
        #expect(deployment?["initContainers"]?.elements.first?["image"]?.text == "nginx:1.1")
        #expect(map.resources[1].node[path: ["spec", "steps"]]?.elements.first?["containers"]?.elements.first?["image"]?.text == "nginx:1.1")
        #expect(map.resources[2].node[path: ["spec", "runLatest", "configuration", "revisionTemplate", "spec", "container", "image"]]?.text == "solsa-echo:foo")
        #expect(map.resources[3].node[path: ["spec", "containers"]]?.elements.first?["image"]?.text == "nginx")
    }

    @Test func configStringsReadNumbersLikeKustomize() throws {
        let values = try Fixture.node("{a: 1.10, b: 2.0, c: 0x10, d: true, e: 1.5e-7, f: 1000000.0, g: '1.10'}")
        #expect(["a", "b", "c", "d", "e", "f", "g"].map { Transformers.configString(values[$0]) }
            == ["1.1", "2", "16", "true", "1.5e-07", "1e+06", "1.10"])
    }

    // MARK: Replicas

    @Test func replicasMatchCurrentOrEarlierNames() throws {
        var map = try Fixture.map("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {replicas: 1}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            """)
        try Transformers.addNameAffixes(prefix: "p-", suffix: "", in: &map, config: .defaults, origin: origin)
        let replicas = try Fixture.nodes("- {name: web, count: 3}\n- {name: p-db, count: 2}\n").first?.elements ?? []
        try Transformers.setReplicas(replicas, in: &map, config: .defaults, origin: origin)
        #expect(map.resources[0].node[path: ["spec", "replicas"]] == .scalar("3", tag: .int))
        #expect(map.resources[1].node[path: ["spec", "replicas"]] == .scalar("2", tag: .int))
        let missing = try Fixture.nodes("- {name: nothing, count: 2}\n").first?.elements ?? []
        #expect(throws: RenderError.self) { try Transformers.setReplicas(missing, in: &map, config: .defaults, origin: origin) }
    }
}
