import Testing
@testable import Rendering

@Suite struct NameReferenceTests {
    let origin = Origin(file: "kustomization.yaml", line: 2, column: 1)

    /// Builds `yaml` as one kustomization with `namespace`/affixes, like a base.
    private func layer(_ yaml: String, namespace: String = "", prefix: String = "", suffix: String = "",
                       config: TransformerConfig = .defaults) throws -> ResourceMap {
        var map = try Fixture.map(yaml)
        if !namespace.isEmpty { try Transformers.setNamespace(namespace, in: &map, config: config, origin: origin) }
        try Transformers.addNameAffixes(prefix: prefix, suffix: suffix, in: &map, config: config, origin: origin)
        return map
    }

    @Test func workloadReferencesFollowRenamedConfigMapsAndSecrets() throws {
        var map = try layer("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  volumes: [{name: c, configMap: {name: config}}, {name: s, secret: {secretName: creds}}]
                  containers:
                  - name: app
                    envFrom: [{configMapRef: {name: config}}, {secretRef: {name: unrelated}}]
                    env: [{name: X, valueFrom: {secretKeyRef: {name: creds, key: k}}}]
            """, prefix: "dev-")
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        let spec = try #require(map.resources[2].node[path: ["spec", "template", "spec"]])
        #expect(spec["volumes"]?.elements.map { $0[path: ["configMap", "name"]]?.text ?? $0[path: ["secret", "secretName"]]?.text } == ["dev-config", "dev-creds"])
        let container = try #require(spec["containers"]?.elements.first)
        #expect(container["envFrom"]?.elements.map { $0.entries.first?.value["name"]?.text } == ["dev-config", "unrelated"])
        #expect(container["env"]?.elements.first?[path: ["valueFrom", "secretKeyRef", "name"]]?.text == "dev-creds")
        #expect(spec["volumes"]?.elements.first?[path: ["configMap", "name"]]?.origin?.changedBy == "nameReference")
    }

    @Test func referencesAreFixedAfterAPatchChangedTheReferrersKind() throws {
        var map = try Fixture.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: foo}
            spec: {template: {spec: {volumes: [{name: v, configMap: {name: cm}}]}}}
            """)
        // What a JSON patch replacing /kind leaves behind.
        map.resources[1].rememberID()
        map.resources[1].node["kind"] = .string("Deployment")
        try Transformers.addNameAffixes(prefix: "foo-", suffix: "", in: &map, config: .defaults, origin: origin)
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        #expect(map.resources[1].node[path: ["spec", "template", "spec", "volumes"]]?.elements.first?[path: ["configMap", "name"]]?.text == "foo-cm")
    }

    @Test func roleRefPicksTheKindNamedInTheRoleRef() throws {
        var map = try layer("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: binding}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            """, suffix: "-x")
        // Give the ClusterRole a different name so the choice is visible.
        map.resources[1].rememberID()
        map.resources[1].name = "cluster-reader-x"
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        #expect(map.resources[2].node[path: ["roleRef", "name"]]?.text == "cluster-reader-x")
    }

    @Test func roleBindingSubjectsAcrossNamespacesGetSuffixedNames() throws {
        var map = try layer("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: my-sa1, namespace: ns1}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: my-sa2, namespace: ns2}
            ---
            apiVersion: v1
            kind: NotServiceAccount
            metadata: {name: my-nsa, namespace: ns1}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: my-role, namespace: ns2}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: my-role-binding, namespace: ns2}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: my-role}
            subjects:
            - {kind: ServiceAccount, name: my-sa1, namespace: ns1}
            - {kind: ServiceAccount, name: my-sa2, namespace: ns2}
            - {kind: NotServiceAccount, name: my-nsa, namespace: ns1}
            """, suffix: "-ns2")
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        let binding = map.resources[4].node
        #expect(binding[path: ["roleRef", "name"]]?.text == "my-role-ns2")
        #expect(binding["subjects"]?.elements.map { $0["name"]?.text } == ["my-sa1-ns2", "my-sa2-ns2", "my-nsa"])
        #expect(binding["subjects"]?.elements.map { $0["namespace"]?.text } == ["ns1", "ns2", "ns1"])
    }

    @Test func sameServiceAccountNameInTwoNamespacesIsAmbiguous() throws {
        let base = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sa}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb-NS}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr-NS}
            subjects: [{kind: ServiceAccount, name: sa}]
            """
        var map = try layer(base.replacing("NS", with: "a"), namespace: "a")
        try map.append(contentsOf: try layer(base.replacing("NS", with: "b"), namespace: "b"))
        do {
            try Transformers.fixNameReferences(in: &map, config: .defaults)
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("found multiple possible referrals: ServiceAccount.v1.[noGrp]/sa.a, ServiceAccount.v1.[noGrp]/sa.b"))
        }
    }

    @Test func webhookServiceReferenceTakesTheMovedServicesNamespace() throws {
        let base = """
            apiVersion: v1
            kind: Service
            metadata: {name: admission, namespace: base-namespace}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: validatingwebhook}
            webhooks:
            - name: validate
              clientConfig: {service: {namespace: base-namespace, name: admission, path: /validate}}
            """
        var map = try Fixture.map(base)
        var overlay = try layer(base, namespace: "merge-namespace")
        overlay.resources.removeAll { $0.kind == "ValidatingWebhookConfiguration" }
        try map.append(contentsOf: overlay)
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        let service = map.resources[1].node["webhooks"]?.elements.first?[path: ["clientConfig", "service"]]
        #expect(service?["name"]?.text == "admission")
        #expect(service?["namespace"]?.text == "merge-namespace")
    }

    @Test func prefixesDisambiguateTwoCopiesOfABase() throws {
        let base = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pod}
            spec: {volumes: [{name: v, configMap: {name: config}}]}
            """
        var map = try layer(base, prefix: "a-")
        try map.append(contentsOf: try layer(base, prefix: "b-"))
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        #expect(map.resources[1].node[path: ["spec", "volumes"]]?.elements.first?[path: ["configMap", "name"]]?.text == "a-config")
        #expect(map.resources[3].node[path: ["spec", "volumes"]]?.elements.first?[path: ["configMap", "name"]]?.text == "b-config")
    }

    @Test func unchangedObjectsAreNeverReferralsAndEmptyValuesStay() throws {
        var map = try Fixture.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pod}
            spec: {volumes: [{name: v, configMap: {name: config}}, {name: w, configMap: {name: ""}}]}
            """)
        let before = map.resources[1].node
        try Transformers.fixNameReferences(in: &map, config: .defaults)
        #expect(map.resources[1].node == before)
    }

    @Test func crdSchemaReferencesAreFixed() throws {
        var config = TransformerConfig.defaults
        let schema = try Fixture.node("""
            {
              "x/v1.MyKind": {"Schema": {"properties": {"apiVersion": {}, "kind": {}, "metadata": {},
                                                        "spec": {"$ref": "x/v1.MyKindSpec"}}}},
              "x/v1.MyKindSpec": {"Schema": {"properties": {
                  "beeRef": {"x-kubernetes-object-ref-api-version": "v1beta1", "x-kubernetes-object-ref-kind": "Bee"},
                  "secretRef": {"x-kubernetes-object-ref-api-version": "v1", "x-kubernetes-object-ref-kind": "Secret"}}}}
            }
            """)
        try config.merge(try TransformerConfig.fromCRDs([schema]))
        var map = try layer("""
            apiVersion: v1
            kind: Secret
            metadata: {name: crdsecret}
            ---
            apiVersion: jingfang.example.com/v1
            kind: MyKind
            metadata: {name: mykind}
            spec: {secretRef: {name: crdsecret}, beeRef: {name: bee}}
            ---
            apiVersion: v1beta1
            kind: Bee
            metadata: {name: bee}
            """, prefix: "x-", config: config)
        try Transformers.fixNameReferences(in: &map, config: config)
        #expect(Fixture.render(map) == (try Fixture.render("""
            apiVersion: v1
            kind: Secret
            metadata: {name: x-crdsecret}
            ---
            apiVersion: jingfang.example.com/v1
            kind: MyKind
            metadata: {name: x-mykind}
            spec: {beeRef: {name: x-bee}, secretRef: {name: x-crdsecret}}
            ---
            apiVersion: v1beta1
            kind: Bee
            metadata: {name: x-bee}
            """)))
    }
}
