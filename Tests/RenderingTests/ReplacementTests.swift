import Testing
@testable import Rendering

@Suite struct ReplacementTests {
    // MARK: Fixtures

    static func map(_ yaml: String) throws -> ResourceMap {
        let nodes = try Kustomization.parseDocuments(Array(yaml.utf8), path: "resources.yaml")
        return ResourceMap(nodes.map { Resource(node: $0, source: $0.origin ?? Origin(file: "resources.yaml", line: 1, column: 1)) })
    }

    static func replacements(_ yaml: String) throws -> [Node] {
        let nodes = try Kustomization.parseDocuments(Array(yaml.utf8), path: "kustomization.yaml")
        return try #require(nodes.first).elements
    }

    static func value(_ map: ResourceMap, _ index: Int, _ path: String) -> Scalar? {
        var node: Node? = map.resources[index].node
        for part in path.split(separator: ".") {
            if let position = Int(part) { node = node?.elements.indices.contains(position) == true ? node?.elements[position] : nil }
            else { node = node?[String(part)] }
        }
        return node?.scalar
    }

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: deploy
        spec:
          template:
            spec:
              containers:
              - image: foobar:1
                name: replaced-with-digest
              - image: postgres:1.8.0
                name: postgresdb
        """

    // MARK: Behaviour from kustomize's krusty tests

    @Test func copiesBetweenListEntriesByIndex() throws {
        var resources = try Self.map(Self.deployment)
        try Replacements.apply(try Self.replacements("""
            - source:
                kind: Deployment
                fieldPath: spec.template.spec.containers.0.image
              targets:
              - select:
                  kind: Deployment
                fieldPaths:
                - spec.template.spec.containers.1.image
            """), to: &resources)
        #expect(Self.value(resources, 0, "spec.template.spec.containers.1.image")?.text == "foobar:1")
        let written = try #require(resources.resources[0].node[path: ["spec", "template", "spec", "containers"]]?.elements[1]["image"])
        #expect(written.origin?.changedBy == "replacement from Deployment spec.template.spec.containers.0.image")
        #expect(written.origin?.file == "kustomization.yaml")
    }

    @Test func selectsByListEntryAndDefaultsToTheName() throws {
        var resources = try Self.map(Self.deployment + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx:1.25\n")
        try Replacements.apply(try Self.replacements("""
            - source: {kind: ConfigMap}
              targets:
              - select: {name: deploy}
                fieldPaths:
                - spec.template.spec.containers.[name=postgres].image
            """), to: &resources)
        // `[name=postgres]` is a regex found anywhere in the value, as in kyaml's PathMatcher.
        #expect(Self.value(resources, 0, "spec.template.spec.containers.1.image")?.text == "nginx:1.25")
        #expect(Self.value(resources, 0, "spec.template.spec.containers.0.image")?.text == "foobar:1")
    }

    @Test func appendsWithDelimiterAndRegexSelectors() throws {
        var resources = try Self.map("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d1}
            ---
            apiVersion: apps/v1
            kind: ConfigMap
            metadata: {name: cm1}
            ---
            apiVersion: apps/v1
            kind: ConfigMap
            metadata: {name: cm2}
            ---
            apiVersion: apps/v1
            kind: postgresql
            metadata: {name: pg1}
            """)
        try Replacements.apply(try Self.replacements("""
            - source: {kind: ConfigMap, name: cm1}
              targets:
              - reject: [{kind: ConfigMap, name: c.1}]
                select: {kind: Deployment|ConfigMap|postgresql}
                fieldPaths: [metadata.annotations.visitedby]
                options: {index: -1, delimiter: ",", create: true}
            - source: {kind: ConfigMap, name: cm2}
              targets:
              - reject: [{kind: ConfigMap, name: .*2}]
                select: {kind: Deployment|ConfigMap|postgresql}
                fieldPaths: [metadata.annotations.visitedby]
                options: {index: -1, delimiter: ",", create: true}
            """), to: &resources)
        #expect(Self.value(resources, 0, "metadata.annotations.visitedby")?.text == "cm2,cm1,")
        #expect(Self.value(resources, 1, "metadata.annotations.visitedby")?.text == "cm2,")
        #expect(Self.value(resources, 2, "metadata.annotations.visitedby")?.text == "cm1,")
        #expect(Self.value(resources, 3, "metadata.annotations.visitedby")?.text == "cm2,cm1,")
    }

    @Test func wildcardAndSuffixDelimiterKeepTheTargetString() throws {
        var resources = try Self.map("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: d2}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    env:
                    - {name: APP1_SERVICE, value: "d2.app1"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm1}
            data: {PORT: "8080"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc1, namespace: svc1-namespace}
            """)
        try Replacements.apply(try Self.replacements("""
            - source: {kind: Service, name: svc1, fieldPath: metadata.namespace}
              targets:
              - select: {kind: Deployment|.*Set}
                fieldPaths:
                - spec.template.spec.containers.*.env.[name=APP1_SERVICE].value
                options: {index: 99, delimiter: "."}
            - source: {kind: ConfigMap, name: cm1, fieldPath: data.PORT}
              targets:
              - select: {kind: Deployment|.*Set}
                fieldPaths:
                - spec.template.spec.containers.*.env.[name=APP1_SERVICE].value
                options: {index: 99, delimiter: ":"}
            """), to: &resources)
        let result = Self.value(resources, 0, "spec.template.spec.containers.0.env.0.value")
        #expect(result == Scalar("d2.app1.svc1-namespace:8080", tag: .string))
    }

    @Test func rejectLooksAtPreviousNames() throws {
        var resources = try Self.map(Self.deployment + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config-dev}\ndata: {name: something-else}\n")
        resources.resources[0].rememberID()
        resources.resources[0].name = "deploy-dev"
        resources.resources[1].previousIDs = [ResourceID(gvk: GVK(version: "v1", kind: "ConfigMap"), name: "app-config")]
        try Replacements.apply(try Self.replacements("""
            - source: {kind: ConfigMap, name: app-config, fieldPath: data.name}
              targets:
              - select: {kind: Deployment}
                reject: [{name: deploy}]
                fieldPaths: [spec.template.spec.containers.0.name]
              - select: {kind: ConfigMap, name: app-config}
                fieldPaths: [data.name-copy]
                options: {create: true}
            """), to: &resources)
        #expect(Self.value(resources, 0, "spec.template.spec.containers.0.name")?.text == "replaced-with-digest")
        #expect(Self.value(resources, 1, "data.name-copy")?.text == "something-else")
    }

    @Test func scalarTargetsKeepTheirTypeAndCreatedOnesResolve() throws {
        var resources = try Self.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: source}
            data: {port: "8080", text: "x"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: target}
            spec:
              ports:
              - port: 80
                name: "81"
            """)
        try Replacements.apply(try Self.replacements("""
            - source: {name: source, fieldPath: data.port}
              targets:
              - select: {kind: Service}
                fieldPaths: [spec.ports.0.port, spec.ports.0.name]
              - select: {kind: Service}
                fieldPaths: [spec.created]
                options: {create: true}
            """), to: &resources)
        #expect(Self.value(resources, 1, "spec.ports.0.port") == Scalar("8080", tag: .int))
        #expect(Self.value(resources, 1, "spec.ports.0.name") == Scalar("8080", tag: .string))
        // kyaml creates an untagged node, so the copied text reads as a number in the output.
        #expect(Self.value(resources, 1, "spec.created") == Scalar("8080", tag: .int))
    }

    @Test func copiesMappingsWholeAndCreatesListEntries() throws {
        var resources = try Self.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: source, labels: {a: b}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: target}
            spec: {template: {spec: {containers: [{name: app}]}}}
            """)
        try Replacements.apply(try Self.replacements("""
            - source: {name: source, fieldPath: metadata.labels}
              targets:
              - select: {kind: Deployment}
                fieldPaths:
                - spec.template.metadata.labels
                - spec.template.spec.containers.[name=sidecar].env.0.extra
                options: {create: true}
            """), to: &resources)
        #expect(resources.resources[1].node[path: ["spec", "template", "metadata", "labels", "a"]]?.text == "b")
        let containers = resources.resources[1].node[path: ["spec", "template", "spec", "containers"]]?.elements ?? []
        #expect(containers.count == 2)
        #expect(containers.last?["name"]?.text == "sidecar")
        #expect(containers.last?["env"]?.elements.first?[path: ["extra", "a"]]?.text == "b")
    }

    @Test func selectsByLabelsAndRejectsByAnnotations() throws {
        var resources = try Self.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: source}
            data: {v: new}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, labels: {tier: web}}
            data: {v: old}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b, labels: {tier: web}, annotations: {skip: "yes"}}
            data: {v: old}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {tier: db}}
            data: {v: old}
            """)
        try Replacements.apply(try Self.replacements("""
            - source: {name: source, fieldPath: data.v}
              targets:
              - select: {labelSelector: "tier in (web, api)"}
                reject: [{annotationSelector: skip}]
                fieldPaths: [data.v]
            """), to: &resources)
        #expect(resources.resources.map { $0.node[path: ["data", "v"]]?.text } == ["new", "new", "old", "old"])
    }

    @Test func sourceDelimiterPicksOnePart() throws {
        var resources = try Self.map(Self.deployment)
        try Replacements.apply(try Self.replacements("""
            - source:
                kind: Deployment
                fieldPath: spec.template.spec.containers.[name=postgresdb].image
                options: {delimiter: ":", index: 1}
              targets:
              - select: {kind: Deployment}
                fieldPaths: [spec.template.spec.containers.0.image]
                options: {delimiter: ":", index: 1}
            """), to: &resources)
        #expect(Self.value(resources, 0, "spec.template.spec.containers.0.image")?.text == "foobar:1.8.0")
    }

    // MARK: Errors with kustomize's wording

    @Test(arguments: [
        ("- source: {kind: Deployment}\n", "replacements must specify a source and at least one target"),
        ("- source: {kind: Pod}\n  targets: [{select: {kind: Deployment}}]\n", "nothing selected by Pod.[noVer].[noGrp]/[noName].[noNs]"),
        ("- source: {kind: Deployment, fieldPath: spec.missing}\n  targets: [{select: {kind: Deployment}}]\n",
         "fieldPath `spec.missing` is missing for replacement source Deployment.[noVer].[noGrp]/[noName].[noNs]"),
        ("- source: {kind: Deployment}\n  targets: [{fieldPaths: [a]}]\n", "target must specify resources to select"),
        ("- source: {kind: Deployment}\n  targets: [{select: {kind: Deployment}, fieldPaths: [spec.nothing.here]}]\n",
         "unable to find field \"spec.nothing.here\" in replacement target"),
        ("- source: {kind: Deployment}\n  targets: [{select: {kind: Deployment}, fieldPaths: [spec.template.spec.containers.5.image]}]\n",
         "unable to find field \"spec.template.spec.containers.5.image\" in replacement target: index 5 specified but only 2 elements found"),
        ("- source: {kind: Deployment}\n  targets: [{select: {kind: Deployment}, fieldPaths: [spec.template], options: {delimiter: \"-\"}}]\n",
         "delimiter option can only be used with scalar nodes"),
        ("- source: {kind: Deployment, options: {delimiter: \"-\", index: 3}}\n  targets: [{select: {kind: Deployment}}]\n",
         "options.index 3 is out of bounds for value deploy"),
    ])
    func reportsKustomizeErrors(replacement: String, message: String) throws {
        var resources = try Self.map(Self.deployment)
        let nodes = try Self.replacements(replacement)
        #expect {
            try Replacements.apply(nodes, to: &resources)
        } throws: { error in
            (error as? RenderError)?.message.contains(message) == true
        }
    }

    @Test func refusesTwoSources() throws {
        var resources = try Self.map(Self.deployment + "\n---\n" + Self.deployment.replacingFirst("name: deploy", with: "name: other"))
        let nodes = try Self.replacements("- source: {kind: Deployment}\n  targets: [{select: {kind: Deployment}}]\n")
        #expect {
            try Replacements.apply(nodes, to: &resources)
        } throws: { error in
            (error as? RenderError)?.message == "multiple matches for selector Deployment.[noVer].[noGrp]/[noName].[noNs]"
        }
    }

    // MARK: replacements: entries that name files

    @Test func expandsPathEntries() throws {
        let field = try #require(try Kustomization.parseDocuments(Array("""
            - path: one.yaml
            - source: {kind: A}
              targets: []
            - path: many.yaml
            """.utf8), path: "kustomization.yaml").first)
        let entries = try Replacements.entries(in: field) { (path: String, _: Origin?) throws(RenderError) -> Node in
            let text = path == "one.yaml" ? "source: {kind: One}\ntargets: []\n" : "- source: {kind: Two}\n- source: {kind: Three}\n"
            return try Kustomization.parseDocuments(Array(text.utf8), path: path)[0]
        }
        #expect(entries.map { $0[path: ["source", "kind"]]?.text } == ["One", "A", "Two", "Three"])
    }

    @Test func refusesPathWithInlineReplacement() throws {
        let field = try #require(try Kustomization.parseDocuments(Array("- path: one.yaml\n  source: {kind: A}\n".utf8), path: "k.yaml").first)
        #expect(throws: RenderError.self) {
            _ = try Replacements.entries(in: field) { (_: String, _: Origin?) throws(RenderError) -> Node in .mapping() }
        }
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
