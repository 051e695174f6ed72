import Testing
@testable import Rendering

@Suite struct PatchStrategicMergeTests {
    let deployment = GVK(group: "apps", version: "v1", kind: "Deployment")

    func merge(_ patch: String, into target: String, gvk: GVK? = nil, schema: PatchSchema = .kubernetes) throws -> Node? {
        let targetNode = try yamlNode(target, file: "base.yaml")
        let kind = gvk ?? GVK(apiVersion: targetNode["apiVersion"]?.text ?? "", kind: targetNode["kind"]?.text ?? "")
        return try StrategicMerge.apply(try yamlNode(patch, file: "patch.yaml"), to: targetNode,
                                        gvk: kind, schema: schema, step: "patch patch.yaml")
    }

    func expectMerge(_ patch: String, into target: String, gives expected: String,
                     schema: PatchSchema = .kubernetes) throws {
        #expect(canonical(try merge(patch, into: target, schema: schema)) == canonical(try yamlNode(expected)))
    }

    static let base = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: app:1
                args: [--a, --b]
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
              - name: sidecar
                image: side:1
        """

    @Test func containersMergeByNameAndNewOnesComeFirst() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers:
                  - name: sidecar
                    image: side:2
                  - name: debug
                    image: busybox
            """, into: Self.base))
        let containers = try #require(result[path: ["spec", "template", "spec", "containers"]]).elements
        #expect(containers.map { $0["name"]?.text } == ["sidecar", "debug", "app"])
        #expect(containers[0]["image"]?.text == "side:2")
        #expect(containers[2]["image"]?.text == "app:1")
    }

    @Test func envMergesAndDeletesByName() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    env:
                    - {name: B, value: "20"}
                    - {name: A, $patch: delete}
                    - {name: MISSING, $patch: delete}
                    - {name: C, value: "3"}
            """, into: Self.base))
        let env = try #require(result[path: ["spec", "template", "spec", "containers"]]?.elements.first?["env"])
        #expect(canonical(env) == canonical(try yamlNode("[{name: B, value: '20'}, {name: C, value: '3'}]")))
    }

    @Test func listsWithoutStrategyAreReplaced() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: app, args: [--c]}]}}}
            """, into: Self.base))
        let app = result[path: ["spec", "template", "spec", "containers"]]?.elements.first { $0["name"]?.text == "app" }
        #expect(app?["args"]?.elements.compactMap(\.text) == ["--c"])
        #expect(app?["env"]?.elements.count == 2)
    }

    @Test func deletingEveryContainerLeavesAnEmptyList() throws {
        try expectMerge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: app, $patch: delete}]}}}
            """, into: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: app, image: x}]}}}
            """, gives: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: []}}}
            """)
    }

    @Test func volumeNullFieldRemovedAndNewVolumePrepended() throws {
        // TestVolumeRemoveEmptyDirInOverlay: volumes merge by name although their strategy is "merge,retainKeys".
        try expectMerge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx}
            spec:
              template:
                spec:
                  volumes:
                  - {name: fancyDisk, emptyDir: null, gcePersistentDisk: {pdName: fancyDisk}}
                  - {name: overlayCm, configMap: {name: overlayCm}}
            """, into: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx}
            spec:
              template:
                spec:
                  volumes:
                  - {name: fancyDisk, emptyDir: {}}
                  - {name: baseCm, configMap: {name: baseCm}}
            """, gives: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx}
            spec:
              template:
                spec:
                  volumes:
                  - {name: fancyDisk, gcePersistentDisk: {pdName: fancyDisk}}
                  - {name: overlayCm, configMap: {name: overlayCm}}
                  - {name: baseCm, configMap: {name: baseCm}}
            """)
    }

    @Test func portsMergeOnContainerPortAndProtocol() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 80, protocol: TCP, name: web}, {containerPort: 53, protocol: UDP}]}]}}}
            """, into: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 53, protocol: TCP}]}]}}}
            """))
        let ports = try #require(result[path: ["spec", "template", "spec", "containers"]]?.elements.first?["ports"])
        #expect(canonical(ports) == canonical(try yamlNode("""
            [{containerPort: 80, name: web, protocol: TCP}, {containerPort: 53, protocol: UDP}, {containerPort: 53, protocol: TCP}]
            """)))
    }

    @Test func servicePortsMergeByPort() throws {
        try expectMerge("""
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 443, name: https}]}
            """, into: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 80, name: http}]}
            """, gives: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 443, name: https}, {port: 80, name: http}]}
            """)
    }

    @Test func finalizersMergeAsAPrimitiveSet() throws {
        try expectMerge("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [b, c]}
            """, into: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [a, b]}
            """, gives: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [b, c, a]}
            """)
    }

    @Test func customResourceListsAreReplacedWhole() throws {
        try expectMerge("""
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {items: [{name: b, size: 2}]}
            """, into: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {items: [{name: a, size: 1}], keep: true}
            """, gives: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {items: [{name: b, size: 2}], keep: true}
            """)
    }

    @Test func nullRemovesAFieldAndTargetNullsAreDropped() throws {
        try expectMerge("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: null, new: v, absent: null}
            """, into: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, creationTimestamp: null}
            data: {a: x, b: y}
            """, gives: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {b: y, new: v}
            """)
    }

    @Test func replaceDirectiveSwapsAMap() throws {
        try expectMerge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {$patch: replace, containers: [{name: new}]}}}
            """, into: Self.base, gives: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: new}]}}}
            """)
    }

    @Test func deleteDirectiveOnTheTopDeletesTheObject() throws {
        #expect(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            $patch: delete
            """, into: Self.base) == nil)
    }

    @Test func otherDirectivesStayOrdinaryKeysAsInKustomize() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {$setElementOrder/containers: [{name: sidecar}], $retainKeys: [x]}}}
            """, into: Self.base))
        #expect(result[path: ["spec", "template", "spec", "$setElementOrder/containers"]] != nil)
        #expect(result[path: ["spec", "template", "spec", "$retainKeys"]] != nil)
    }

    @Test func unknownDirectiveAndKindMismatchAreErrors() throws {
        #expect(throws: RenderError.self) {
            try merge("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, $patch: nope}\n",
                      into: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
        }
        #expect(throws: RenderError.self) {
            try merge("apiVersion: v1\nkind: ConfigMap\ndata: [x]\n", into: "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n")
        }
    }

    @Test func valuesFromThePatchRecordTheStep() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {replicas: 3}
            """, into: Self.base))
        #expect(result[path: ["spec", "replicas"]]?.origin?.changedBy == "patch patch.yaml")
        #expect(result[path: ["spec", "replicas"]]?.origin?.file == "patch.yaml")
        let image = result[path: ["spec", "template", "spec", "containers"]]?.elements.first?["image"]
        #expect(image?.origin?.file == "base.yaml")
        #expect(result[path: ["spec", "template"]]?.origin?.changedBy == nil)
    }

    @Test func customOpenAPISchemaMergesCustomResourceLists() throws {
        // TestCustomOpenApiFieldBasicUsage: a CRD's containers merge once its schema is known.
        var schema = PatchSchema.empty
        try schema.add(openAPI: try yamlNode("""
            definitions:
              v1alpha1.MyCRD:
                properties:
                  spec:
                    properties:
                      template: {$ref: "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}
                    type: object
                x-kubernetes-group-version-kind: [{group: example.com, kind: MyCRD, version: v1alpha1}]
              io.k8s.api.core.v1.PodTemplateSpec:
                properties:
                  spec: {$ref: "#/definitions/io.k8s.api.core.v1.PodSpec"}
              io.k8s.api.core.v1.PodSpec:
                properties:
                  containers:
                    items: {$ref: "#/definitions/io.k8s.api.core.v1.Container"}
                    type: array
                    x-kubernetes-patch-merge-key: name
                    x-kubernetes-patch-strategy: merge
              io.k8s.api.core.v1.Container:
                properties:
                  name: {type: string}
            """))
        let crd = GVK(group: "example.com", version: "v1alpha1", kind: "MyCRD")
        #expect(schema.knows(crd))
        try expectMerge("""
            apiVersion: example.com/v1alpha1
            kind: MyCRD
            metadata: {name: service}
            spec: {template: {spec: {containers: [{name: server, image: nginx}]}}}
            """, into: """
            apiVersion: example.com/v1alpha1
            kind: MyCRD
            metadata: {name: service}
            spec: {template: {spec: {containers: [{name: server, image: server, ports: [{containerPort: 8080}]}]}}}
            """, gives: """
            apiVersion: example.com/v1alpha1
            kind: MyCRD
            metadata: {name: service}
            spec: {template: {spec: {containers: [{name: server, image: nginx, ports: [{containerPort: 8080}]}]}}}
            """, schema: schema)
        // Without the schema the list is replaced.
        try expectMerge("""
            apiVersion: example.com/v1alpha1
            kind: MyCRD
            metadata: {name: service}
            spec: {template: {spec: {containers: [{name: server, image: nginx}]}}}
            """, into: """
            apiVersion: example.com/v1alpha1
            kind: MyCRD
            metadata: {name: service}
            spec: {template: {spec: {containers: [{name: server, image: server, ports: [{containerPort: 8080}]}]}}}
            """, gives: """
            apiVersion: example.com/v1alpha1
            kind: MyCRD
            metadata: {name: service}
            spec: {template: {spec: {containers: [{name: server, image: nginx}]}}}
            """, schema: .kubernetes)
    }

    @Test func builtInSchemaKnowsCurrentAndLegacyKinds() {
        let schema = PatchSchema.kubernetes
        #expect(schema.knows(GVK(group: "apps", version: "v1", kind: "Deployment")))
        #expect(schema.knows(GVK(group: "batch", version: "v1beta1", kind: "CronJob")))
        #expect(schema.knows(GVK(group: "", version: "v1", kind: "Pod")))
        #expect(!schema.knows(GVK(group: "example.com", version: "v1", kind: "Widget")))
        let podSpec = schema.definitions["io.k8s.api.core.v1.PodSpec"]
        #expect(schema.resolve(podSpec?.properties["containers"])?.mergeKeys == ["name"])
        let container = schema.definitions["io.k8s.api.core.v1.Container"]
        #expect(schema.resolve(container?.properties["ports"])?.mergeKeys == ["containerPort", "protocol"])
    }
}

@Suite struct PatchListElementTests {
    func merge(_ patch: String, into target: String) throws -> Node? {
        try StrategicMerge.apply(try yamlNode(patch), to: try yamlNode(target),
                                 gvk: GVK(group: "apps", version: "v1", kind: "Deployment"),
                                 schema: .kubernetes, step: "patch p.yaml")
    }

    @Test func replaceDirectiveOnAnElementReplacesIt() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            spec: {template: {spec: {containers: [{name: app, $patch: replace, image: b}]}}}
            """, into: """
            apiVersion: apps/v1
            kind: Deployment
            spec: {template: {spec: {containers: [{name: app, image: a, args: [x]}, {name: other}]}}}
            """))
        #expect(canonical(result[path: ["spec", "template", "spec", "containers"]])
                == canonical(try yamlNode("[{name: app, image: b}, {name: other}]")))
    }

    @Test func newListIsTakenWithItsDeletedElementsDropped() throws {
        let result = try #require(try merge("""
            apiVersion: apps/v1
            kind: Deployment
            spec: {template: {spec: {initContainers: [{name: a}, {name: b, $patch: delete}]}}}
            """, into: "apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {}}}\n"))
        #expect(canonical(result[path: ["spec", "template", "spec", "initContainers"]]) == canonical(try yamlNode("[{name: a}]")))
    }
}
