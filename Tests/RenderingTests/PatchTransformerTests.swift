import Testing
@testable import Rendering

@Suite struct PatchTransformerTests {
    func map(_ documents: String...) throws -> ResourceMap {
        var map = ResourceMap()
        for (index, text) in documents.enumerated() { try map.append(try resource(text, file: "r\(index).yaml")) }
        return map
    }

    func entry(_ text: String, target: String? = nil, options: String? = nil) throws -> PatchEntry {
        PatchEntry(text: text, origin: Origin(file: "patch.yaml", line: 1, column: 1),
                   target: try target.map { try yamlNode($0) }, options: try options.map { try yamlNode($0) })
    }

    let web = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec: {replicas: 1, template: {spec: {containers: [{name: app, image: app:1}]}}}\n"
    let api = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, labels: {app: api}}\nspec: {replicas: 1, template: {spec: {containers: [{name: app, image: api:1}]}}}\n"
    let service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {app: web}}\nspec: {ports: [{port: 80}]}\n"

    @Test func patchWithoutTargetFindsItsResourceById() throws {
        var resources = try map(web, api, service)
        try PatchTransformer.apply(try entry("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec: {replicas: 3}
            """), to: &resources, schema: .kubernetes)
        #expect(resources.resources[1].node[path: ["spec", "replicas"]]?.text == "3")
        #expect(resources.resources[0].node[path: ["spec", "replicas"]]?.text == "1")
    }

    @Test func targetSelectsByLabelAndKeepsEachName() throws {
        var resources = try map(web, api, service)
        try PatchTransformer.apply(try entry("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ignored, namespace: elsewhere}
            spec: {template: {spec: {containers: [{name: app, imagePullPolicy: Always}]}}}
            """, target: "kind: Deployment\nlabelSelector: 'app in (web, api)'"), to: &resources, schema: .kubernetes)
        for index in 0..<2 {
            let node = resources.resources[index].node
            #expect(node[path: ["spec", "template", "spec", "containers"]]?.elements.first?["imagePullPolicy"]?.text == "Always")
            #expect(node[path: ["metadata", "namespace"]] == nil)
        }
        #expect(resources.resources.map(\.name) == ["web", "api", "web"])
        #expect(resources.resources[2].node[path: ["spec", "template"]] == nil)
    }

    @Test func deleteDirectiveRemovesTheResource() throws {
        var resources = try map(web, api)
        try PatchTransformer.apply(try entry("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n$patch: delete\n"),
                                   to: &resources, schema: .kubernetes)
        #expect(resources.resources.map(\.name) == ["api"])
    }

    @Test func nameChangeNeedsTheOptionAndIsRemembered() throws {
        let patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: new-web}\nspec: {replicas: 2}\n"
        var kept = try map(web)
        try PatchTransformer.apply(try entry(patch, target: "name: web"), to: &kept, schema: .kubernetes)
        #expect(kept.resources[0].name == "web")
        var renamed = try map(web)
        try PatchTransformer.apply(try entry(patch, target: "name: web", options: "allowNameChange: true"),
                                   to: &renamed, schema: .kubernetes)
        #expect(renamed.resources[0].name == "new-web")
        #expect(renamed.resources[0].originalID.name == "web")
        #expect(renamed.indexes(anyID: ResourceID(gvk: GVK(group: "apps", version: "v1", kind: "Deployment"), name: "web")) == [0])
    }

    @Test func kindChangeNeedsTheOption() throws {
        var resources = try map(web)
        try PatchTransformer.apply(try entry("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\n",
                                             target: "kind: Deployment", options: "{allowKindChange: true}"),
                                   to: &resources, schema: .kubernetes)
        #expect(resources.resources[0].kind == "StatefulSet")
        #expect(resources.resources[0].originalID.gvk.kind == "Deployment")
    }

    @Test func ambiguousAndMissingTargetsFailLikeKustomize() throws {
        var first = try resource(web)
        first.rememberID()
        first.name = "web-a"
        var second = try resource(web)
        second.rememberID()
        second.name = "web-b"
        var resources = ResourceMap([first, second])
        let patch = try entry("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n")
        #expect {
            try PatchTransformer.apply(patch, to: &resources, schema: .kubernetes)
        } throws: { error in
            (error as? RenderError)?.message.contains(
                "multiple matches for Id Deployment.v1.apps/web.[noNs]; failed to find unique target for patch Deployment.v1.apps/web.[noNs]") == true
        }
        var none = try map(api)
        #expect {
            try PatchTransformer.apply(patch, to: &none, schema: .kubernetes)
        } throws: { error in
            (error as? RenderError)?.message.contains("no matches for Id Deployment.v1.apps/web.[noNs]") == true
        }
    }

    @Test func emptyAndCommentOnlyPatchesDoNothing() throws {
        var resources = try map(web)
        for text in ["", "\n# only a comment\n", "\n\n  # indented\n\n"] {
            try PatchTransformer.apply(try entry(text), to: &resources, schema: .kubernetes)
        }
        #expect(canonical(resources.resources[0].node) == canonical(try yamlNode(web)))
    }

    @Test func jsonPatchNeedsATargetAndPatchesEachMatch() throws {
        var resources = try map(web, api, service)
        let operations = "- {op: replace, path: /spec/replicas, value: 5}"
        #expect(throws: RenderError.self) {
            try PatchTransformer.apply(try entry(operations), to: &resources, schema: .kubernetes)
        }
        try PatchTransformer.apply(try entry(operations, target: "kind: Deployment"), to: &resources, schema: .kubernetes)
        #expect(resources.resources.prefix(2).allSatisfy { $0.node[path: ["spec", "replicas"]]?.text == "5" })
        #expect(resources.resources[2].node[path: ["spec", "replicas"]] == nil)
    }

    @Test func severalDocumentsInOnePatchFile() throws {
        var resources = try map(web, api)
        try PatchTransformer.apply(try entry("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {replicas: 2}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec: {replicas: 4}
            """), to: &resources, schema: .kubernetes)
        #expect(resources.resources.map { $0.node[path: ["spec", "replicas"]]?.text } == ["2", "4"])
    }

    @Test func legacyStrategicMergeAndJSON6902() throws {
        var resources = try map(web, service)
        try PatchTransformer.applyStrategicMerge([try yamlNode("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 443}]}\n", file: "svc-patch.yaml")],
                                                 to: &resources, schema: .kubernetes)
        let ports = resources.resources[1].node[path: ["spec", "ports"]]?.elements.compactMap { $0["port"]?.text }
        #expect(ports == ["443", "80"])
        #expect(resources.resources[1].node[path: ["spec", "ports"]]?.elements.first?.origin?.changedBy == "patch svc-patch.yaml")

        let origin = Origin(file: "ops.yaml", line: 1, column: 1)
        try PatchTransformer.applyJSON6902("- {op: add, path: /metadata/labels/x, value: y}", origin: origin,
                                           target: try yamlNode("{kind: Deployment, name: web}"), to: &resources)
        #expect(resources.resources[0].labels()["x"] == "y")
        #expect {
            try PatchTransformer.applyJSON6902("- {op: add, path: /x, value: y}", origin: origin,
                                               target: try yamlNode("{kind: Deployment, name: nope}"), to: &resources)
        } throws: { error in
            (error as? RenderError)?.message.contains("patchesJson6902 target not found") == true
        }
    }

    @Test func inlinePatchPositionsPointIntoTheKustomization() throws {
        var resources = try map(web)
        let inline = PatchEntry(text: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 7}\n",
                                origin: Origin(file: "kustomization.yaml", line: 10, column: 3), isInline: true)
        try PatchTransformer.apply(inline, to: &resources, schema: .kubernetes)
        let replicas = resources.resources[0].node[path: ["spec", "replicas"]]
        #expect(replicas?.origin?.file == "kustomization.yaml")
        #expect(replicas?.origin?.line == 14)
        #expect(replicas?.origin?.changedBy == "patch kustomization.yaml")
    }
}
