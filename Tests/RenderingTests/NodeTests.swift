import Testing
import YAMLTree
@testable import Rendering

@Suite struct NodeTests {
    @Test func resolvesPlainScalarsLikeKyaml() {
        #expect(ScalarResolver.resolve("yes") == .string)
        #expect(ScalarResolver.resolve("true") == .bool)
        #expect(ScalarResolver.resolve("0x1F") == .int)
        #expect(ScalarResolver.resolve("1.5e3") == .float)
        #expect(ScalarResolver.resolve("2001-12-14") == .string)
        #expect(ScalarResolver.resolve("~") == .null)
        #expect(ScalarResolver.resolve("1.2.3") == .string)
    }

    @Test func convertsYAMLWithMergeKeysAndPositions() throws {
        let file = YAMLParser.parse(Array("base: &b {a: 1, b: x}\nuse:\n  <<: *b\n  b: y\n".utf8), path: "f.yaml")
        let node = Node(yaml: try #require(file.documents.first?.root))
        #expect(node[path: ["use", "a"]]?.scalar == Scalar("1", tag: .int))
        #expect(node[path: ["use", "b"]]?.text == "y")
        #expect(node["use"]?.origin?.line == 3)
    }

    @Test func setsNestedPaths() {
        var node = Node.mapping()
        node[path: ["metadata", "labels", "app"]] = .string("web")
        #expect(node[path: ["metadata", "labels", "app"]]?.text == "web")
        node[path: ["metadata", "labels", "app"]] = nil
        #expect(node[path: ["metadata", "labels"]]?.entries.isEmpty == true)
    }
}
