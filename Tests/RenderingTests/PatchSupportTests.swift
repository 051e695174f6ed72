import Testing
@testable import Rendering

/// Parses one YAML document for a test.
func yamlNode(_ text: String, file: String = "test.yaml") throws -> Node {
    let documents = try Kustomization.parseDocuments(Array(text.utf8), path: file)
    return try #require(documents.first)
}

/// A key-sorted, tag-aware rendering: what kustomize's JSON-based output would make equal.
func canonical(_ node: Node?) -> String {
    guard let node else { return "<deleted>" }
    switch node.value {
    case .scalar(let scalar):
        return scalar.tag == .string ? "\"\(scalar.text)\"" : (scalar.tag == .null ? "null" : scalar.text)
    case .sequence(let items):
        return "[" + items.map { canonical($0) }.joined(separator: ",") + "]"
    case .mapping(let entries):
        return "{" + entries.sorted { $0.key < $1.key }.map { "\($0.key):\(canonical($0.value))" }.joined(separator: ",") + "}"
    }
}

func resource(_ text: String, file: String = "res.yaml") throws -> Resource {
    let node = try yamlNode(text, file: file)
    return Resource(node: node, source: node.origin ?? Origin(file: file, line: 1, column: 1))
}

@Suite struct PatchSupportTests {
    @Test func canonicalFormIgnoresKeyOrderButNotTags() throws {
        #expect(canonical(try yamlNode("{b: 1, a: x}")) == canonical(try yamlNode("{a: x, b: 1}")))
        #expect(canonical(try yamlNode("a: 1")) != canonical(try yamlNode("a: '1'")))
    }
}
