import Testing
@testable import Rendering

/// Builds resource maps from YAML text and compares them with expected YAML, ignoring key order
/// (kustomize prints keys sorted) and origins.
enum Fixture {
    static func nodes(_ yaml: String, file: String = "test.yaml") throws -> [Node] {
        try Kustomization.parseDocuments(Array(yaml.utf8), path: file).filter { !$0.isNull }
    }

    static func node(_ yaml: String) throws -> Node {
        try #require(try nodes(yaml).first)
    }

    static func map(_ yaml: String, file: String = "test.yaml") throws -> ResourceMap {
        var map = ResourceMap()
        for node in try nodes(yaml, file: file) {
            try map.append(Resource(node: node, source: node.origin ?? Origin(file: file, line: 1, column: 1)))
        }
        return map
    }

    /// The map printed with sorted keys, one document per resource.
    static func render(_ map: ResourceMap) -> String {
        map.resources.map { dump(canonical($0.node)) }.joined(separator: "---\n")
    }

    static func render(_ yaml: String) throws -> String {
        try nodes(yaml).map { dump(canonical($0)) }.joined(separator: "---\n")
    }

    static func canonical(_ node: Node) -> Node {
        node.mapNodes { node in
            guard case .mapping(let entries) = node.value else { return node }
            var sorted = node
            sorted.value = .mapping(entries.sorted { $0.key < $1.key })
            return sorted
        }
    }

    /// A plain, unambiguous listing (tags shown for non-strings) good enough for diffs.
    static func dump(_ node: Node, indent: String = "") -> String {
        switch node.value {
        case .scalar(let scalar):
            return indent + (scalar.tag == .string ? "\"\(scalar.text)\"" : "\(scalar.text) !\(scalar.tag)") + "\n"
        case .mapping(let entries):
            if entries.isEmpty { return indent + "{}\n" }
            return entries.map { indent + $0.key + ":\n" + dump($0.value, indent: indent + "  ") }.joined()
        case .sequence(let items):
            if items.isEmpty { return indent + "[]\n" }
            return items.map { indent + "-\n" + dump($0, indent: indent + "  ") }.joined()
        }
    }
}

@Suite struct TransformerFixtureTests {
    @Test func fixtureComparisonIgnoresKeyOrderButNotValues() throws {
        let a = try Fixture.render("b: 1\na: x\n")
        #expect(a == (try Fixture.render("a: x\nb: 1\n")))
        #expect(a != (try Fixture.render("a: x\nb: \"1\"\n")))
    }
}
