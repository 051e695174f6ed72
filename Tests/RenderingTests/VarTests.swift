import Testing
@testable import Rendering

@Suite struct VarTests {
    // MARK: Fixtures

    static func map(_ yaml: String) throws -> ResourceMap {
        let nodes = try Kustomization.parseDocuments(Array(yaml.utf8), path: "resources.yaml")
        return ResourceMap(nodes.map { Resource(node: $0, source: $0.origin ?? Origin(file: "resources.yaml", line: 1, column: 1)) })
    }

    static func vars(_ yaml: String) throws -> [Variable] {
        try Vars.parse(try Kustomization.parseDocuments(Array(yaml.utf8), path: "kustomization.yaml").first)
    }

    /// The few default varReference specs these tests need (the full list lives in TransformerConfig).
    static let specs = [
        FieldSpec(path: "spec/containers/command"),
        FieldSpec(path: "spec/containers/env/value"),
        FieldSpec(path: "spec/template/spec/containers/env/value"),
        FieldSpec(path: "spec/ports/port"),
        FieldSpec(path: "spec/ports/targetPort"),
        FieldSpec(path: "metadata/labels"),
        FieldSpec(gvk: GVK(kind: "CronWorkflow"), path: "spec"),
    ]

    static let pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: circus}
        spec:
          containers:
          - name: ring
            command: [echo, "$(POD_NAME1)", "$$(POD_NAME1)", "x$(UNKNOWN)y"]
            env:
            - {name: P1, value: "http://$(POD_NAME1):80/$(POD_NAME1)"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: kelley}
        """

    // MARK: Declaring and merging

    @Test func parsesObjrefCaseInsensitivelyWithDefaults() throws {
        let vars = try Self.vars("""
            - name: PORT
              objRef: {kind: StatefulSet, name: db, apiVersion: apps/v1}
              fieldref: {fieldpath: "spec.ports[1].port"}
            - name: NAMESPACE
              objref: {group: foo, version: v1, kind: Giraffe, name: april, namespace: zoo}
            """)
        #expect(vars.map(\.name) == ["PORT", "NAMESPACE"])
        #expect(vars[0].target == ResourceID(gvk: GVK(group: "apps", version: "v1", kind: "StatefulSet"), name: "db"))
        #expect(vars[0].fieldPath == "spec.ports[1].port")
        #expect(vars[1].target == ResourceID(gvk: GVK(group: "foo", version: "v1", kind: "Giraffe"), name: "april", namespace: "zoo"))
        #expect(vars[1].fieldPath == "metadata.name")
        #expect(vars[0].description == "{PORT {apps/v1 StatefulSet.v1.apps db } {spec.ports[1].port}}")
    }

    @Test func mergeRefusesASecondVarOfTheSameName() throws {
        var collected = try Self.vars("- {name: POD_NAME, objref: {kind: Pod, name: kelley, apiVersion: v1}}")
        let again = try Self.vars("- {name: POD_NAME, objref: {kind: Pod, name: grimaldi, apiVersion: v1}}")
        #expect {
            try Vars.merge(again, into: &collected)
        } throws: { error in
            (error as? RenderError)?.message == "var 'POD_NAME' already encountered"
        }
        try Vars.merge(try Self.vars("- {name: OTHER, objref: {kind: Pod, name: x}}"), into: &collected)
        #expect(collected.map(\.name) == ["POD_NAME", "OTHER"])
    }

    @Test func bindsByOriginalNameAndRefusesAmbiguity() throws {
        var resources = try Self.map("""
            apiVersion: v1
            kind: Service
            metadata: {name: elasticsearch, namespace: dev}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: elasticsearch, namespace: test}
            """)
        let ambiguous = try Self.vars("- {name: SVC, objref: {kind: Service, name: elasticsearch, apiVersion: v1}}")
        #expect {
            try Vars.bind(ambiguous, in: &resources)
        } throws: { error in
            (error as? RenderError)?.message.contains("found 2 resId matches for var {SVC {v1 Service.v1.[noGrp] elasticsearch } {metadata.name}} (unable to disambiguate)") == true
        }
        let precise = try Self.vars("- {name: SVC, objref: {kind: Service, name: elasticsearch, namespace: test, apiVersion: v1}}")
        try Vars.bind(precise, in: &resources)
        #expect(resources.resources.map(\.referencedVars) == [[], ["SVC"]])
    }

    // MARK: Resolving

    @Test func substitutesAfterRenamesAndKeepsEscapes() throws {
        var resources = try Self.map(Self.pods)
        let vars = try Self.vars("- {name: POD_NAME1, objref: {kind: Pod, name: kelley, apiVersion: v1}}")
        try Vars.bind(vars, in: &resources)
        // A later namePrefix renames the object; the var follows it through its original id.
        resources.resources[1].rememberID()
        resources.resources[1].name = "base1-kelley"
        let unused = try Vars.resolve(vars, in: &resources, referenceSpecs: Self.specs)
        #expect(unused.isEmpty)
        let container = try #require(resources.resources[0].node[path: ["spec", "containers"]]?.elements.first)
        #expect(container["command"]?.elements.map(\.text) == ["echo", "base1-kelley", "$(POD_NAME1)", "x$(UNKNOWN)y"])
        let value = try #require(container["env"]?.elements.first?["value"])
        #expect(value.text == "http://base1-kelley:80/base1-kelley")
        #expect(value.origin?.changedBy == "var POD_NAME1")
        #expect(value.origin?.file == "kustomization.yaml")
    }

    @Test func wholeFieldReferencesKeepTheValueType() throws {
        var resources = try Self.map("""
            apiVersion: v1
            kind: Service
            metadata: {name: myService}
            spec:
              ports:
              - {port: $(THE_PORT), targetPort: "$(THE_PORT)x", name: grpc}
            ---
            apiVersion: apps/v1beta1
            kind: StatefulSet
            metadata: {name: cockroachdb}
            spec:
              template:
                spec:
                  containers:
                  - ports: [{containerPort: 26257}, {containerPort: 8888}]
            """)
        let vars = try Self.vars("""
            - name: THE_PORT
              objref: {kind: StatefulSet, name: cockroachdb, apiVersion: apps/v1beta1}
              fieldref: {fieldpath: "spec.template.spec.containers[0].ports[1].containerPort"}
            """)
        try Vars.bind(vars, in: &resources)
        try Vars.resolve(vars, in: &resources, referenceSpecs: Self.specs)
        let port = try #require(resources.resources[0].node[path: ["spec", "ports"]]?.elements.first)
        #expect(port["port"]?.scalar == Scalar("8888", tag: .int))
        #expect(port["targetPort"]?.scalar == Scalar("8888x", tag: .string))
    }

    @Test func mapFieldSpecsExpandStringValuesOnly() throws {
        var resources = try Self.map("""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: cron, labels: {env: $(SUSPENDED)}}
            spec:
              suspend: $(SUSPENDED)
              replicas: 3
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kustomize-vars}
            data: {SUSPENDED: "True"}
            """)
        let vars = try Self.vars("""
            - name: SUSPENDED
              objref: {kind: ConfigMap, name: kustomize-vars, version: v1}
              fieldref: {fieldpath: data.SUSPENDED}
            """)
        try Vars.bind(vars, in: &resources)
        try Vars.resolve(vars, in: &resources, referenceSpecs: Self.specs)
        #expect(resources.resources[0].node[path: ["spec", "suspend"]]?.scalar == Scalar("True", tag: .string))
        #expect(resources.resources[0].node[path: ["spec", "replicas"]]?.scalar == Scalar("3", tag: .int))
        #expect(resources.resources[0].node[path: ["metadata", "labels", "env"]]?.text == "True")
    }

    @Test func reportsUnboundVarsMissingFieldsAndUnusedOnes() throws {
        var resources = try Self.map(Self.pods)
        let unbound = try Self.vars("- {name: GHOST, objref: {kind: Pod, name: nobody, apiVersion: v1}}")
        try Vars.bind(unbound, in: &resources)
        #expect {
            try Vars.resolve(unbound, in: &resources, referenceSpecs: Self.specs)
        } throws: { error in
            (error as? RenderError)?.message == "var '{GHOST {v1 Pod.v1.[noGrp] nobody } {metadata.name}}' cannot be mapped to a field in the set of known resources"
        }
        let missing = try Self.vars("- {name: LOST, objref: {kind: Pod, name: kelley, apiVersion: v1}, fieldref: {fieldPath: spec.nothing}}")
        try Vars.bind(missing, in: &resources)
        #expect {
            try Vars.resolve(missing, in: &resources, referenceSpecs: Self.specs)
        } throws: { error in
            (error as? RenderError)?.message.hasPrefix("field specified in var '{LOST") == true
        }
        let idle = try Self.vars("- {name: IDLE, objref: {kind: Pod, name: circus, apiVersion: v1}}")
        try Vars.bind(idle, in: &resources)
        #expect(try Vars.resolve(idle, in: &resources, referenceSpecs: Self.specs) == ["IDLE"])
    }

    @Test func listsOfNonStringsAreRefused() throws {
        var resources = try Self.map("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - command: [sleep, 10]
            """)
        let vars = try Self.vars("- {name: P, objref: {kind: Pod, name: p, apiVersion: v1}}")
        try Vars.bind(vars, in: &resources)
        #expect(throws: RenderError.self) {
            try Vars.resolve(vars, in: &resources, referenceSpecs: Self.specs)
        }
    }

    // MARK: Expansion details

    @Test(arguments: [
        ("$(A)", Scalar("7", tag: .int)),
        ("$(A)$(A)", Scalar("77", tag: .string)),
        ("$$(A)", Scalar("$(A)", tag: .string)),
        ("$$$(A)", Scalar("$7", tag: .string)),
        ("$(B", Scalar("$(B", tag: .string)),
        ("cost: $", Scalar("cost: $", tag: .string)),
        ("$(F) and $(T)", Scalar("1.5 and true", tag: .string)),
        ("$(BIG)", Scalar("1000000", tag: .float)),
        ("x$(BIG)", Scalar("x1e+06", tag: .string)),
        ("$(MAP)", Scalar("$(MAP)", tag: .string)),
        ("é$(S)é", Scalar("éhié", tag: .string)),
    ])
    func expandsLikeKustomize(input: String, expected: Scalar) {
        var expander = VarExpander(values: [
            "A": .int(7), "F": .float(1.5), "T": .bool(true), "BIG": .float(1_000_000), "MAP": .structured, "S": .string("hi"),
        ])
        #expect(expander.expand(input) == expected)
    }

    @Test func formatsFloatsLikeGo() {
        #expect(VarNumberFormat.shortest(123456) == "123456")
        #expect(VarNumberFormat.shortest(123456789) == "1.23456789e+08")
        #expect(VarNumberFormat.shortest(0.00001) == "1e-05")
        #expect(VarNumberFormat.shortest(-2.5) == "-2.5")
        #expect(VarNumberFormat.plain(1e21) == "1000000000000000000000")
        #expect(VarNumberFormat.plain(0.00012) == "0.00012")
    }

    @Test func splitsBracketIndexes() {
        #expect(Vars.splittingIndexes(["spec", "containers[0]", "ports[12]", "[3]", "a[b]"]) ==
                ["spec", "containers", "0", "ports", "12", "3", "a[b]"])
    }
}
