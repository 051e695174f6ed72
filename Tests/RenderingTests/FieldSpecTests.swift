import Testing
@testable import Rendering

@Suite struct FieldSpecTests {
    // MARK: Field paths

    @Test func entersEveryListElementOnThePath() throws {
        var node = try Fixture.node("""
            kind: Pod
            spec:
              containers:
              - name: a
                env: [{name: X, valueFrom: {configMapKeyRef: {name: one}}}]
              - name: b
                env: [{name: Y, valueFrom: {configMapKeyRef: {name: two}}}]
            """)
        var seen: [String] = []
        try FieldPath.visit(FieldSpec(gvk: GVK(kind: "Pod"), path: "spec/containers/env/valueFrom/configMapKeyRef/name"), in: &node) { value in
            seen.append(value.text ?? "")
            value = .string((value.text ?? "") + "-x")
        }
        #expect(seen == ["one", "two"])
        #expect(node[path: ["spec", "containers"]]?.elements[1]["env"]?.elements[0][path: ["valueFrom", "configMapKeyRef", "name"]]?.text == "two-x")
    }

    @Test func createsMissingMapsOnlyWhenTheSpecSaysCreate() throws {
        var node = try Fixture.node("kind: Deployment\nspec: {}\n")
        let path = "spec/template/metadata/labels"
        try FieldPath.visit(FieldSpec(path: path, create: false), in: &node, creating: .mapping()) { _ in Issue.record("visited") }
        #expect(node[path: ["spec", "template"]] == nil)
        var calls = 0
        try FieldPath.visit(FieldSpec(path: path, create: true), in: &node, creating: .mapping()) { value in
            calls += 1
            #expect(value.isMapping)
        }
        #expect(calls == 1)
        #expect(node[path: ["spec", "template", "metadata", "labels"]]?.isMapping == true)
    }

    @Test func listHintNeverCreatesButTurnsNullIntoAnEmptyList() throws {
        var node = try Fixture.node("kind: StatefulSet\nspec:\n  volumeClaimTemplates:\n")
        try FieldPath.visit(FieldSpec(path: "spec/volumeClaimTemplates[]/metadata/labels", create: true), in: &node,
                            creating: .mapping()) { _ in Issue.record("visited") }
        #expect(node[path: ["spec", "volumeClaimTemplates"]] == .sequence([]))
        var other = try Fixture.node("kind: StatefulSet\nspec: {}\n")
        try FieldPath.visit(FieldSpec(path: "spec/volumeClaimTemplates[]/metadata/labels", create: true), in: &other,
                            creating: .mapping()) { _ in Issue.record("visited") }
        #expect(other[path: ["spec", "volumeClaimTemplates"]] == nil)
    }

    @Test func aScalarInTheMiddleOfThePathIsAnError() throws {
        var node = try Fixture.node("kind: Service\nspec: text\n")
        #expect(throws: RenderError.self) {
            try FieldPath.visit(FieldSpec(path: "spec/selector"), in: &node) { _ in }
        }
        var empty = try Fixture.node("kind: Service\nspec:\n")
        try FieldPath.visit(FieldSpec(path: "spec/selector"), in: &empty) { _ in Issue.record("visited") }
    }

    @Test func escapedSlashesNameOneKey() throws {
        var node = try Fixture.node("kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/auth-secret: s\n")
        var seen: [String] = []
        try FieldPath.visit(FieldSpec(path: #"metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret"#), in: &node) { seen.append($0.text ?? "") }
        #expect(seen == ["s"])
    }

    @Test func matchesKindsLikeKustomizeReadsApiVersion() throws {
        let core = try Fixture.node("apiVersion: v1\nkind: Service\n")
        let apps = try Fixture.node("apiVersion: apps/v1\nkind: Deployment\n")
        let bare = try Fixture.node("apiVersion: example.com\nkind: Thing\n")
        #expect(FieldSpec(gvk: GVK(version: "v1", kind: "Service"), path: "x").selects(core))
        #expect(!FieldSpec(gvk: GVK(group: "apps", kind: "Service"), path: "x").selects(core))
        #expect(FieldSpec(gvk: GVK(group: "apps"), path: "x").selects(apps))
        #expect(FieldSpec(gvk: GVK(group: "example.com"), path: "x").selects(bare))
    }

    // MARK: Configuration

    @Test func defaultsHoldKustomizesFieldSpecs() throws {
        let config = TransformerConfig.defaults
        #expect(config.namePrefix == [FieldSpec(path: "metadata/name")])
        #expect(config.commonLabels.contains(FieldSpec(gvk: GVK(version: "v1", kind: "Service"), path: "spec/selector", create: true)))
        #expect(config.commonLabels.contains(FieldSpec(gvk: GVK(group: "apps", kind: "StatefulSet"), path: "spec/volumeClaimTemplates[]/metadata/labels", create: true)))
        #expect(!config.templateLabels.contains { $0.pathString.contains("volumeClaimTemplates") })
        #expect(config.volumeClaimTemplateLabels.count == 1)
        #expect(config.images.count == 6)
        #expect(config.replicas.count == 4)
        let secret = config.nameReference.first { $0.gvk == GVK(version: "v1", kind: "Secret") }
        #expect(secret?.referrers.contains(FieldSpec(gvk: GVK(kind: "Ingress"), path: #"metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret"#)) == true)
        let serviceAccount = config.nameReference.first { $0.gvk.kind == "ServiceAccount" }
        #expect(serviceAccount?.referrers.first?.path == ["subjects"])
        // Sorted like kustomize: ConfigMap before Secret before Service, webhooks last.
        let kinds = config.nameReference.map(\.gvk.kind)
        let configMap = try #require(kinds.firstIndex(of: "ConfigMap"))
        let secretIndex = try #require(kinds.firstIndex(of: "Secret"))
        let service = try #require(kinds.firstIndex(of: "Service"))
        #expect(configMap < secretIndex && secretIndex < service)
        #expect(config.varReference.count == 72)
    }

    @Test func parsesAConfigurationsFile() throws {
        let config = try TransformerConfig(parsing: try Fixture.node("""
            nameReference:
            - kind: Gorilla
              fieldSpecs:
              - kind: AnimalPark
                path: spec/gorillaRef/name
            varReference:
            - path: spec/food
              kind: AnimalPark
            images:
            - path: spec/runLatest/configuration/revisionTemplate/spec/container/image
              group: serving.knative.dev
              version: v1alpha1
              kind: Service
            somethingElse: ignored
            """))
        #expect(config.nameReference == [NameBackReference(gvk: GVK(kind: "Gorilla"),
                                                           referrers: [FieldSpec(gvk: GVK(kind: "AnimalPark"), path: "spec/gorillaRef/name")])])
        #expect(config.varReference == [FieldSpec(gvk: GVK(kind: "AnimalPark"), path: "spec/food")])
        #expect(config.images.first?.gvk == GVK(group: "serving.knative.dev", version: "v1alpha1", kind: "Service"))
        #expect(throws: RenderError.self) { try TransformerConfig(parsing: try Fixture.node("commonLabels:\n- path: x\n  create: maybe\n")) }
    }

    @Test func configurationsReplaceDefaultNamePrefixSpecsOnly() throws {
        let file = try Fixture.node("""
            namePrefix:
            - {path: metadata/name, kind: IngressHost}
            labels:
            - {path: spec/template/metadata/labels, kind: SampleResource, create: true}
            """)
        let config = try TransformerConfig.make(configurations: [file])
        #expect(config.namePrefix == [FieldSpec(gvk: GVK(kind: "IngressHost"), path: "metadata/name")])
        #expect(config.nameSuffix == TransformerConfig.defaults.nameSuffix)
        #expect(config.labels == [FieldSpec(gvk: GVK(kind: "SampleResource"), path: "spec/template/metadata/labels", create: true)])
        #expect(config.commonLabels == TransformerConfig.defaults.commonLabels)
        #expect(try TransformerConfig.make(configurations: []) == TransformerConfig.defaults)
    }

    @Test func mergeDropsCoveredSpecsAndRejectsConflictingCreate() throws {
        var config = TransformerConfig.defaults
        try config.merge(TransformerConfig.defaults)
        #expect(config == TransformerConfig.defaults)

        // As in kustomize, an incoming spec is dropped when its kind selects an existing spec with
        // the same path: a kind-less one covers kind-specific ones, not the other way round.
        var custom = TransformerConfig()
        custom.commonLabels = [FieldSpec(path: "spec/template/metadata/labels", create: true),
                               FieldSpec(gvk: GVK(kind: "Deployment"), path: "metadata/labels", create: true),
                               FieldSpec(gvk: GVK(kind: "MyKind"), path: "spec/selectors", create: true)]
        try config.merge(custom)
        #expect(config.commonLabels.count == TransformerConfig.defaults.commonLabels.count + 2)
        #expect(!config.commonLabels.contains(FieldSpec(path: "spec/template/metadata/labels", create: true)))

        var conflicting = TransformerConfig()
        conflicting.commonLabels = [FieldSpec(path: "metadata/labels", create: false)]
        do {
            try config.merge(conflicting)
            Issue.record("no conflict reported")
        } catch {
            #expect(error.message == "failed to merge CommonLabels fieldSpec: conflicting fieldspecs")
        }

        var references = TransformerConfig()
        references.nameReference = [NameBackReference(gvk: GVK(version: "v1", kind: "Secret"),
                                                      referrers: [FieldSpec(gvk: GVK(kind: "MyKind"), path: "spec/secret")])]
        try config.merge(references)
        let secret = config.nameReference.filter { $0.gvk == GVK(version: "v1", kind: "Secret") }
        #expect(secret.count == 1)
        #expect(secret.first?.referrers.last == FieldSpec(gvk: GVK(kind: "MyKind"), path: "spec/secret"))
    }

    @Test func crdSchemasBecomeNameReferences() throws {
        let schema = try Fixture.node("""
            {
              "example/v1beta1.Bee": {"Schema": {"properties": {"apiVersion": {}, "kind": {}, "metadata": {}, "spec": {}}}},
              "example/v1beta1.BeeObjectReference": {"Schema": {"properties": {"name": {"type": "string"}}}},
              "example/v1beta1.MyKind": {"Schema": {"properties": {
                  "apiVersion": {}, "kind": {}, "metadata": {},
                  "spec": {"$ref": "example/v1beta1.MyKindSpec"}}}},
              "example/v1beta1.MyKindSpec": {"Schema": {"properties": {
                  "beeRef": {"x-kubernetes-object-ref-api-version": "v1beta1", "x-kubernetes-object-ref-kind": "Bee",
                             "$ref": "example/v1beta1.BeeObjectReference"},
                  "secretRef": {"x-kubernetes-object-ref-api-version": "v1", "x-kubernetes-object-ref-kind": "Secret"},
                  "labels": {"x-kubernetes-label-selector": ""}}}}
            }
            """)
        let config = try TransformerConfig.fromCRDs([schema])
        #expect(config.nameReference.contains(NameBackReference(gvk: GVK(version: "v1beta1", kind: "Bee"),
                                                                referrers: [FieldSpec(gvk: GVK(kind: "MyKind"), path: "spec/beeRef/name")])))
        #expect(config.nameReference.contains(NameBackReference(gvk: GVK(version: "v1", kind: "Secret"),
                                                                referrers: [FieldSpec(gvk: GVK(kind: "MyKind"), path: "spec/secretRef/name")])))
        #expect(config.commonLabels == [FieldSpec(gvk: GVK(kind: "MyKind"), path: "spec/labels")])
        #expect(config.nameReference.count == 2)
    }
}
