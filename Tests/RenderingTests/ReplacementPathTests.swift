import Testing
@testable import Rendering

/// Path splitting as kyaml's `SmarterPathSplitter` test table has it, plus lookups.
@Suite struct ReplacementPathTests {
    @Test(arguments: [
        ("spec.replicas", ["spec", "replicas"]),
        ("spec.data.[name=first].key", ["spec", "data", "[name=first]", "key"]),
        ("spec.data.[.name=.first].key", ["spec", "data", "[.name=.first]", "key"]),
        ("spec.data.[name.=first.].key", ["spec", "data", "[name.=first.]", "key"]),
        ("spec.data.[name=f.i.r.s.t.].key", ["spec", "data", "[name=f.i.r.s.t.]", "key"]),
        (#"spec\.replicas"#, ["spec.replicas"]),
        ("spec.data.[name=f.i.[r.s.t..key", ["spec", "data", "[name=f.i.[r.s.t..key"]),
        ("metadata.annotations.[a.b.c/d.e.f-g.]", ["metadata", "annotations", "a.b.c/d.e.f-g."]),
        ("", [""]),
    ])
    func splitsLikeKyaml(path: String, parts: [String]) {
        #expect(ReplacementPath(path).parts == parts)
    }

    static let pod = try? Kustomization.parseDocuments(Array("""
        spec:
          containers:
          - name: a
            ports: [{containerPort: 80}, {containerPort: 8080}]
          - name: b
          args: [x, y]
        """.utf8), path: "pod.yaml").first

    @Test func looksUpIndexesEntriesAndLast() throws {
        let pod = try #require(Self.pod)
        #expect(try ReplacementLookup.node(at: ["spec", "containers", "0", "ports", "-", "containerPort"], in: pod)?.text == "8080")
        #expect(try ReplacementLookup.node(at: ["spec", "containers", "[name=b]", "name"], in: pod)?.text == "b")
        #expect(try ReplacementLookup.node(at: ["spec", "args", "[=y]"], in: pod)?.text == "y")
        // Lookups match list entries exactly, unlike target paths.
        #expect(try ReplacementLookup.node(at: ["spec", "containers", "[name=x]"], in: pod) == nil)
        #expect(try ReplacementLookup.node(at: ["spec", "containers", "7"], in: pod) == nil)
    }

    @Test func lookupRefusesFieldsOfScalars() throws {
        let pod = try #require(Self.pod)
        #expect(throws: RenderError.self) {
            _ = try ReplacementLookup.node(at: ["spec", "containers", "0", "name", "first"], in: pod)
        }
        #expect(throws: RenderError.self) {
            _ = try ReplacementLookup.node(at: ["spec", "containers", "[name]"], in: pod)
        }
    }

    @Test func walkerVisitsEveryMatchAndCreatesOnlyWhenAsked() throws {
        var pod = try #require(Self.pod)
        let every = ReplacementTargetWalker(parts: ["spec", "containers", "*", "name"], create: nil)
        var seen: [String] = []
        let count = try every.walk(&pod) { (node: inout Node, _: Bool) throws(RenderError) in
            seen.append(node.text ?? "")
            node = .string("renamed")
        }
        #expect(count == 2 && seen == ["a", "b"])
        #expect(pod[path: ["spec", "containers"]]?.elements.map { $0["name"]?.text } == ["renamed", "renamed"])

        let missing = ReplacementTargetWalker(parts: ["spec", "volumes", "0", "name"], create: nil)
        #expect(try missing.walk(&pod) { (_: inout Node, _: Bool) throws(RenderError) in } == 0)
        #expect(pod["spec"]?["volumes"] == nil)

        let creating = ReplacementTargetWalker(parts: ["spec", "volumes", "0", "name"], create: .scalar)
        var created = false
        #expect(try creating.walk(&pod) { (_: inout Node, fresh: Bool) throws(RenderError) in created = fresh } == 1)
        #expect(created)
        #expect(pod[path: ["spec", "volumes"]]?.elements.count == 1)
    }
}
