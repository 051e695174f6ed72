import Testing
@testable import Plan

@Suite struct PlanJSONTests {
    @Test func writesSortedKeysAndEscapes() {
        let value = PlanJSON.object(["b": .number("1"), "a": .array([.string("x\"\n\u{1}"), .null, .bool(true)]), "é": .object([:])])
        #expect(value.compact() == #"{"a":["x\"\n\u0001",null,true],"b":1,"é":{}}"#)
        #expect(value.pretty() == "{\n  \"a\": [\n    \"x\\\"\\n\\u0001\",\n    null,\n    true\n  ],\n  \"b\": 1,\n  \"é\": {}\n}\n")
    }

    @Test func parsesWhatItWrites() throws {
        let value = PlanJSON.object(["text": .string("tab\t, quote \", emoji 🚢, nul \u{0}"), "n": .number("-12.5e3"), "list": .array([])])
        #expect(try PlanJSONParser.parse(Array(value.pretty().utf8)) == value)
        #expect(try PlanJSONParser.parse(Array(#"["\ud83d\udea2", "\u00e9"]"#.utf8)) == .array([.string("🚢"), .string("é")]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":1,\"a\":2}", "01", "\"\\x\"", "[1] 2", "\"\\ud83d\"", "{\"a\" 1}", "nul", "\"a\nb\""])
    func rejectsMalformedInput(text: String) {
        #expect(throws: PlanFileError.self) { try PlanJSONParser.parse(Array(text.utf8)) }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: PlanFileError.self) { try PlanJSONParser.parse(Array(deep.utf8)) }
    }

    @Test func errorsNeverEchoContent() {
        do {
            _ = try PlanDocument(fileBytes: Array(#"{"schemaVersion": 1, "source": {"treeHash": 5}}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("plan.source.treeHash") && !error.message.contains("5"))
        }
    }

    @Test func manifestsRoundTripThroughYAMLScalars() {
        let manifest = PlanJSON.object(["replicas": .number("3"), "ratio": .number("0.5"), "on": .bool(true), "port": .string("80"), "none": .null])
        #expect(ManifestConversion.json(ManifestConversion.node(manifest)) == manifest)
        let yaml = ManifestConversion.yaml(manifest)
        #expect(yaml == "none: null\n\"on\": true\nport: \"80\"\nratio: 0.5\nreplicas: 3\n")
    }

    @Test(arguments: [("10m", 600), ("1h30m", 5400), ("5m0s", 300), ("500ms", 1), ("1.5h", 5400), ("0", 0)])
    func goDurations(text: String, seconds: Int) { #expect(GoDuration.seconds(text) == seconds) }

    @Test(arguments: ["", "10", "-1m", "5x", "m"])
    func badGoDurations(text: String) { #expect(GoDuration.seconds(text) == nil) }
}
