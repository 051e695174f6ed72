import Diagnostics
import Testing
@testable import YAMLTree

private func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLFile {
    YAMLParser.parse(Array(text.utf8), path: "f.yaml", limits: limits)
}

struct YAMLParserTests {
    @Test func multiDocumentStreamKeepsPositions() throws {
        let file = parse("apiVersion: v1\nkind: ConfigMap\n---\n# second\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.documents.count == 2)
        let second = try #require(file.documents[1].root)
        #expect(second["kind"]?.string == "Secret")
        let name = try #require(second.at("metadata", "name"))
        #expect((name.line, name.column) == (8, 9))
        #expect(second.entry(for: "metadata")?.key.line == 7)
        #expect(file.documents[1].index == 1)
    }

    @Test func scalarsAndSequences() throws {
        let root = try #require(parse("a: [1, two, 'x # y']\nb: ~\nc: yes\nd: \"5\"\n").documents.first?.root)
        #expect(root["a"]?.elements.map(\.scalar) == ["1", "two", "x # y"])
        #expect(root["b"]?.isNull == true)
        #expect(root["c"]?.bool == true)
        #expect(root["d"]?.int == nil)
        #expect(root.at("a", "0")?.int == 1)
        #expect(root["missing"] == nil)
    }

    @Test func mergeKeysResolveWithExplicitKeysWinning() throws {
        let text = "base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  y: 3\n"
        let root = try #require(parse(text).documents.first?.root)
        #expect(root.at("use", "x")?.int == 1)
        #expect(root.at("use", "y")?.int == 3)
        #expect(root["use"]?.isSameNode(as: root["base"]!) == false)
    }

    @Test func redefinedAnchorsAreValidYAML() {
        let file = parse("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.documents.first?.root?["d"]?.int == 2)
    }

    @Test func duplicateKeysAreReportedWithBothPositions() throws {
        let file = parse("metadata:\n  name: a\n  name: b\n")
        let d = try #require(file.diagnostics.first)
        #expect(d.rule == .yamlDuplicateKey)
        #expect((d.location.line, d.location.column) == (3, 3))
        #expect(d.related.first?.location.line == 2)
    }

    @Test func duplicateKeysInLargeMappings() {
        let keys = (0..<40).map { "k\($0): 1" }.joined(separator: "\n")
        let file = parse(keys + "\nk7: 2\n")
        #expect(file.diagnostics.map(\.rule) == [.yamlDuplicateKey])
        #expect(file.diagnostics.first?.location.line == 41)
    }

    @Test func aliasBombIsStoppedQuickly() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let clock = ContinuousClock()
        let started = clock.now
        let file = parse(text)
        #expect(clock.now - started < .seconds(1))
        #expect(file.diagnostics.map(\.rule) == [.yamlAliasBudget])
    }

    @Test func deepNestingIsBounded() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let file = parse(text)
        #expect(file.diagnostics.map(\.rule) == [.yamlDepth])
        #expect(file.diagnostics.first?.location.column == 257)
    }

    @Test func binaryAndInvalidUTF8AreDetected() {
        #expect(YAMLParser.parse([0x61, 0x3A, 0x00, 0x01], path: "b.yaml").diagnostics.map(\.rule) == [.yamlBinary])
        let bad = YAMLParser.parse(Array("a: 1\nb: ".utf8) + [0xC3, 0x28], path: "u.yaml")
        #expect(bad.diagnostics.map(\.rule) == [.yamlEncoding])
        #expect(bad.diagnostics.first?.location.line == 2)
        #expect(bad.diagnostics.first?.location.column == 4)
    }

    @Test func tabIndentationHasItsOwnMessage() throws {
        let d = try #require(parse("a:\n\tb: 1\n").diagnostics.first)
        #expect(d.rule == .yamlSyntax)
        #expect(d.message.contains("tab"))
        #expect(d.location.line == 2)
    }

    @Test func syntaxErrorsKeepEarlierDocuments() throws {
        let file = parse("a: 1\n---\nb: [1, 2\n")
        #expect(file.documents.count == 1)
        let d = try #require(file.diagnostics.first)
        #expect(d.rule == .yamlSyntax)
        #expect(d.location.line >= 3)
    }

    @Test func trailingTabsAreAWarningNotAFailure() throws {
        let file = parse("kind: Service\t\nmetadata:\n  name: ui\t\n")
        #expect(file.documents.first?.root?.at("metadata", "name")?.string == "ui")
        #expect(file.diagnostics.allSatisfy { $0.rule == .yamlTrailingTab })
    }

    @Test func undefinedAndRecursiveAliases() {
        #expect(parse("a: *nope\n").diagnostics.first?.message.contains("not defined") == true)
        #expect(parse("a: &x [*x]\n").diagnostics.first?.message.contains("contains it") == true)
    }

    @Test func commentsAreKeptOutsideScalars() {
        let text = """
        image: ghcr.io/app:v1 # {"$imagepolicy": "flux-system:app"}
        quoted: "a # not a comment"
        block: |
          # not a comment either
        # a real one
        url: http://x/#anchor
        """
        let comments = parse(text).comments
        #expect(comments.map(\.line) == [1, 5])
        #expect(comments.first?.text == " {\"$imagepolicy\": \"flux-system:app\"}")
        #expect(comments.first?.column == 23)
    }

    @Test func emptyInputAndEmptyDocuments() {
        #expect(parse("").documents.isEmpty)
        let file = parse("---\n---\na: 1\n")
        #expect(file.documents.count == 2)
        #expect(file.documents[0].root?.isNull == true)
    }
}
