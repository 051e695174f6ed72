import CEL
@testable import Policy
import Rendering
import Testing

@Suite("Node to CEL value")
struct NodeValueTests {
    static let object = node("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: demo}
        data:
          count: 3
          hex: 0x1F
          ratio: 0.5
          big: 18446744073709551615
          huge: 99999999999999999999999
          infinite: .inf
          enabled: true
          quoted: "3"
          word: yes
          empty:
          gone: null
          list: [1, null, a]
        """)

    static func field(_ name: String) -> CEL.Value? {
        guard case .map(let map) = CEL.Value(node: object), case .map(let data)? = map["data"] else { return nil }
        return data[name]
    }

    @Test func scalarsTakeTheTypeOfTheirYAMLTag() {
        #expect(Self.field("count")?.literalText == "3")
        #expect(Self.field("hex")?.literalText == "31")
        #expect(Self.field("ratio")?.literalText == "0.5")
        #expect(Self.field("big")?.literalText == "18446744073709551615u")
        if case .double? = Self.field("huge") {} else { Issue.record("beyond uint64 reads as a double: \(String(describing: Self.field("huge")))") }
        #expect(Self.field("infinite")?.literalText == "double('Infinity')")
        #expect(Self.field("enabled")?.literalText == "true")
        #expect(Self.field("quoted")?.literalText == "'3'")
        #expect(Self.field("word")?.literalText == "'yes'")
    }

    @Test func nullFieldsAreAbsentButListsKeepTheirShape() {
        #expect(Self.field("empty") == nil)
        #expect(Self.field("gone") == nil)
        #expect(Self.field("list")?.literalText == "[1, null, 'a']")
    }

    @Test func hasIsFalseForNullFieldsInExpressions() throws {
        let program = try CEL.Program.compile("has(object.data.empty) || has(object.data.gone) || !has(object.data.count)",
                                              environment: PolicyEnvironment.make())
        #expect(program.evaluate(["object": CEL.Value(node: Self.object)]).literalText == "false")
    }

    @Test func deepNestingBecomesAnErrorValueNotACrash() {
        var deep = Node.string("leaf")
        for _ in 0..<(CEL.Value.maximumNodeDepth + 10) { deep = .sequence([deep]) }
        var value = CEL.Value(node: deep)
        var depth = 0
        while case .list(let items) = value, let first = items.first {
            value = first
            depth += 1
        }
        #expect(depth == CEL.Value.maximumNodeDepth)
        if case .error = value {} else { Issue.record("expected an error value at the depth limit, got \(value.literalText)") }
    }

    @Test func secretDataIsNeverBound() {
        let secret = node("""
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            type: Opaque
            data: {password: aHVudGVyMg==}
            stringData: {token: hunter2}
            """)
        let subject = PolicySubject(object: secret)
        #expect(!subject.value.literalText.contains("hunter2"))
        #expect(!subject.value.literalText.contains("aHVudGVyMg"))
        #expect(subject.value.literalText.contains("'Opaque'"))
        // Only core Secrets are redacted; a CRD named Secret keeps its fields.
        let custom = node("apiVersion: example.com/v1\nkind: Secret\nmetadata: {name: x}\ndata: {a: b}\n")
        #expect(PolicySubject(object: custom).value.literalText.contains("'data'"))
    }
}
