import Testing
@testable import Rendering

/// Focused rules of kustomize's writer: go-yaml v2 quoting, key order, number spelling, layout.
@Suite struct OutputFormatTests {
    private func yaml(_ entries: [(String, Node)]) throws -> String {
        try KustomizeYAML.document(.mapping(entries.map { Node.Entry(key: $0.0, value: $0.1) }))
    }

    private func line(for value: Node) throws -> String {
        try yaml([("k", value)])
    }

    @Test func sortsKeysTheGoYAMLv2Way() throws {
        let keys = ["kind", "b", "a10", "apiVersion", "a2", "Zx", "_x"]
        let out = try yaml(keys.map { ($0, Node.scalar("1", tag: .int)) })
        #expect(out == "_x: 1\nZx: 1\na2: 1\na10: 1\napiVersion: 1\nb: 1\nkind: 1\n")
        #expect(GoYAMLKeyOrder.areInIncreasingOrder("item2", "item10"))
        #expect(GoYAMLKeyOrder.areInIncreasingOrder("a1", "a01"))
        #expect(!GoYAMLKeyOrder.areInIncreasingOrder("a01", "a1"))
        #expect(GoYAMLKeyOrder.areInIncreasingOrder("a-b", "ab"))
    }

    @Test(arguments: [
        "true", "True", "yes", "on", "Off", "y", "N", "~", "null", "", "123", "-7", "0x1F", "0o17", "0b101",
        "1.5", ".5", "1e3", "08", "1_000", "2001-12-14", "2000-02-29", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10", "12:30", "-1:20:30.5", ".inf", "-.Inf", ".NaN",
        "0xFFFFFFFFFFFFFFFFFF", "99999999999999999999",
    ])
    func doubleQuotesStringsThatReadBackAsAnotherType(_ text: String) throws {
        #expect(try line(for: .string(text)) == "k: \"\(text)\"\n")
    }

    @Test(arguments: [
        "hello", "yes please", "1.2.3", "v1", "2001-02-29", "2001-12-14T21:59:43", "12:60", "<<", "0x", "nginx:1.25",
        "1e999", "a#b", "it's", "é", "-x", "http://example.com/a?b=c", "-0xFFFFFFFFFFFFFFFFFF",
    ])
    func leavesOtherStringsPlain(_ text: String) throws {
        #expect(try line(for: .string(text)) == "k: \(text)\n")
    }

    @Test func fallsBackToQuotesWhenPlainWouldMisread() throws {
        #expect(try line(for: .string("- x")) == "k: '- x'\n")
        #expect(try line(for: .string("a: b")) == "k: 'a: b'\n")
        #expect(try line(for: .string("#x")) == "k: '#x'\n")
        #expect(try line(for: .string(" lead")) == "k: ' lead'\n")
        #expect(try line(for: .string("trail ")) == "k: 'trail '\n")
        #expect(try line(for: .string("*ref")) == "k: '*ref'\n")
        #expect(try line(for: .string("a\tb")) == "k: \"a\\tb\"\n")
        #expect(try line(for: .string("smile 😀")) == "k: \"smile \\U0001F600\"\n")
        #expect(try line(for: .string("{\"a\": 1}")) == "k: '{\"a\": 1}'\n")
    }

    @Test func writesMultiLineStringsAsLiteralBlocks() throws {
        #expect(try line(for: .string("a\nb")) == "k: |-\n  a\n  b\n")
        #expect(try line(for: .string("a\nb\n")) == "k: |\n  a\n  b\n")
        #expect(try line(for: .string("a\n\n")) == "k: |+\n  a\n\n")
        #expect(try line(for: .string("  indented\nx")) == "k: |2-\n    indented\n  x\n")
        // Trailing spaces on a line or a tab rule out block style; v2 then double-quotes.
        #expect(try line(for: .string("a \nb")) == "k: \"a \\nb\"\n")
        #expect(try line(for: .string("a\n\tb")) == "k: \"a\\n\\tb\"\n")
    }

    @Test func spellsNumbersAfterTheJSONRoundTrip() throws {
        let ints = ["0x1F": "31", "0o17": "15", "0777": "511", "1_000": "1000", "+5": "5", "-0": "0",
                    "18446744073709551615": "18446744073709551615", "99999999999999999999": "1e+20",
                    "+18446744073709551615": "1.8446744073709552e+19", "-0x10": "-16", "0b101": "5"]
        for (text, spelled) in ints {
            #expect(try line(for: .scalar(text, tag: .int)) == "k: \(spelled)\n", "int \(text)")
        }
        let floats = ["1.0": "1", "1.5": "1.5", "1e3": "1000", "1.5e-7": "1.5e-07", "1234567.5": "1.2345675e+06",
                      "123456.5": "123456.5", "1e21": "1e+21", "1e20": "1e+20", "1e19": "10000000000000000000",
                      "0.000001": "1e-06", "0.0001": "0.0001", "-0.0": "0", "08": "8", "1_0.5": "10.5",
                      "2.5e+300": "2.5e+300", "0.1": "0.1", "100.25": "100.25"]
        for (text, spelled) in floats {
            #expect(try line(for: .scalar(text, tag: .float)) == "k: \(spelled)\n", "float \(text)")
        }
        #expect(try line(for: .scalar("True", tag: .bool)) == "k: true\n")
        #expect(try line(for: .scalar("false", tag: .bool)) == "k: false\n")
        #expect(try line(for: .scalar("~", tag: .null)) == "k: null\n")
    }

    @Test func refusesValuesJSONCannotHold() {
        #expect(throws: RenderError.self) { try line(for: .scalar(".inf", tag: .float)) }
        #expect(throws: RenderError.self) { try line(for: .scalar(".nan", tag: .float)) }
        #expect(throws: RenderError.self) { try line(for: .scalar("abc", tag: .int)) }
        #expect(throws: RenderError.self) { try line(for: .string("del \u{7F}")) }
        #expect(throws: RenderError.self) { try yaml([("c1 \u{90}", .string("v"))]) }
        #expect(throws: RenderError.self) { try KustomizeYAML.document(.sequence([.string("a")])) }
        #expect(throws: RenderError.self) { try KustomizeYAML.document(.string("a")) }
    }

    @Test func laysOutCollectionsLikeKustomize() throws {
        let container = Node.mapping([
            .init(key: "name", value: .string("x")),
            .init(key: "ports", value: .sequence([.scalar("80", tag: .int)])),
        ])
        let node = Node.mapping([
            .init(key: "spec", value: .mapping([
                .init(key: "containers", value: .sequence([container])),
                .init(key: "empty", value: .mapping()),
                .init(key: "none", value: .sequence()),
                .init(key: "nested", value: .sequence([.sequence([.string("a"), .string("b")])])),
            ])),
        ])
        let expected = """
            spec:
              containers:
              - name: x
                ports:
                - 80
              empty: {}
              nested:
              - - a
                - b
              none: []

            """
        #expect(try KustomizeYAML.document(node) == expected)
    }

    @Test func foldsLongStringsAtWidthEighty() throws {
        let words = (1...24).map { "word\($0)" }.joined(separator: " ")
        let expected = "k: word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12 word13\n"
            + "  word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24\n"
        #expect(try line(for: .string(words)) == expected)
        // Quoted strings fold too; a double-quoted one escapes the second of two spaces at a fold.
        let quoted = "true " + words
        let folded = try line(for: .string(quoted + "\t"))
        #expect(folded.hasPrefix("k: \"true word1"))
        #expect(folded.contains("\n  word"))
        // Keys longer than 128 bytes cannot be simple keys.
        let key = String(repeating: "k", count: 129)
        #expect(try yaml([(key, .string("v"))]) == "? \(key)\n: v\n")
    }

    @Test func joinsDocumentsWithSeparators() throws {
        let a = Node.mapping([.init(key: "a", value: .scalar("1", tag: .int))])
        let b = Node.mapping([.init(key: "b", value: .string("x"))])
        #expect(try KustomizeYAML.stream([a, b]) == "a: 1\n---\nb: x\n")
        #expect(try KustomizeYAML.stream([]) == "")
        // A trailing `|+` block does not make libyaml close the document with `...`.
        #expect(try KustomizeYAML.stream([Node.mapping([.init(key: "k", value: .string("x\n\n"))]), a])
            == "k: |+\n  x\n\n---\na: 1\n")
    }

    @Test func keepsTheLastValueOfARepeatedKey() throws {
        let node = Node.mapping([.init(key: "a", value: .string("old")), .init(key: "a", value: .string("new"))])
        #expect(try KustomizeYAML.document(node) == "a: new\n")
    }
}
