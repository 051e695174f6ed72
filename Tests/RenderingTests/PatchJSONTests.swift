import Testing
@testable import Rendering

@Suite struct PatchJSONTests {
    let origin = Origin(file: "ops.yaml", line: 1, column: 1)
    let target = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, annotations: {a/b: x}}
        spec:
          replicas: 1
          template: {spec: {containers: [{name: app, image: app:1}, {name: side, image: side:1}]}}
        """

    func patched(_ operations: String) throws -> Node {
        try JSONPatch(parsing: operations, origin: origin).apply(to: try yamlNode(target), step: "patch ops.yaml")
    }

    @Test func replacesAnIndexedElementField() throws {
        let result = try patched("""
            - op: replace
              path: /spec/template/spec/containers/1/image
              value: side:2
            """)
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.elements[1]["image"]?.text == "side:2")
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.elements[1]["image"]?.origin?.changedBy == "patch ops.yaml")
    }

    @Test func addsAppendsAndInsertsInJSONSyntax() throws {
        let result = try patched("""
            [{"op": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "last"}},
             {"op": "add", "path": "/spec/template/spec/containers/0", "value": {"name": "first"}},
             {"op": "add", "path": "/metadata/labels", "value": {"app": "web"}}]
            """)
        let names = result[path: ["spec", "template", "spec", "containers"]]?.elements.compactMap { $0["name"]?.text }
        #expect(names == ["first", "app", "side", "last"])
        #expect(result[path: ["metadata", "labels", "app"]]?.text == "web")
    }

    @Test func removeMoveCopyAndEscapedKeys() throws {
        let result = try patched("""
            - {op: remove, path: /metadata/annotations/a~1b}
            - {op: copy, from: /metadata/name, path: /metadata/annotations/copied}
            - {op: move, from: /spec/replicas, path: /spec/count}
            """)
        #expect(result[path: ["metadata", "annotations", "a/b"]] == nil)
        #expect(result[path: ["metadata", "annotations", "copied"]]?.text == "web")
        #expect(result[path: ["spec", "replicas"]] == nil)
        #expect(result[path: ["spec", "count"]]?.scalar == Scalar("1", tag: .int))
    }

    @Test func testOperationGuardsTheRest() throws {
        _ = try patched("- {op: test, path: /spec/replicas, value: 1}")
        #expect(throws: RenderError.self) { try patched("- {op: test, path: /spec/replicas, value: 2}") }
    }

    @Test func missingTargetsAreErrors() throws {
        #expect(throws: RenderError.self) { try patched("- {op: replace, path: /spec/paused, value: true}") }
        #expect(throws: RenderError.self) { try patched("- {op: add, path: /spec/missing/deeper, value: 1}") }
        #expect(throws: RenderError.self) { try patched("- {op: remove, path: /spec/template/spec/containers/5}") }
        #expect(throws: RenderError.self) { try patched("- {op: frobnicate, path: /spec}") }
    }

    @Test func addReplacesAnExistingKey() throws {
        let result = try patched("- {op: add, path: /spec/replicas, value: 5}")
        #expect(result[path: ["spec", "replicas"]]?.text == "5")
    }
}
