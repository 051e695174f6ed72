import Foundation
import Testing
@testable import CEL

/// A stand-in extension type, as the Kubernetes libraries define (quantities, IPs).
private struct Version: CELOpaqueValue {
    var major: Int
    var typeName: String { "test.Version" }
    var description: String { "v\(major)" }
    func isEqual(to other: any CELOpaqueValue) -> Bool { (other as? Version)?.major == major }
    func compare(to other: any CELOpaqueValue) -> Int? {
        guard let other = other as? Version else { return nil }
        return major == other.major ? 0 : (major < other.major ? -1 : 1)
    }
}

@Suite struct CELEnvironmentTests {
    private func environmentWithVersions() -> CEL.Environment {
        var env = CEL.Environment.standard
        let version = CELType.opaque("test.Version", [])
        env.declare(typeNamed: "test.Version", as: version)
        env.addFunction("version", parameters: [.int], result: version) { a in
            guard case .int(let major) = a[0] else { return .error("bad version") }
            return .opaque(Version(major: Int(major)))
        }
        env.addMethod("major", on: version, result: .int) { a in
            guard case .opaque(let v as Version) = a[0] else { return .error("not a version") }
            return .int(Int64(v.major))
        }
        env.addFunction("versions.latest", parameters: [.list(version)], result: version) { a in
            guard case .list(let items) = a[0], var best = items.first else { return .error("empty list") }
            for item in items where item.compare(to: best) == 1 { best = item }
            return best
        }
        return env
    }

    @Test func registeredFunctionsAndOpaqueValues() throws {
        let env = environmentWithVersions()
        func eval(_ source: String) throws -> CEL.Value { try CEL.Program.compile(source, environment: env).evaluate() }
        #expect(try eval("version(2) == version(2)").isEqual(to: .bool(true)))
        #expect(try eval("version(1) < version(2)").isEqual(to: .bool(true)))
        #expect(try eval("version(3).major()").isEqual(to: .int(3)))
        #expect(try eval("versions.latest([version(1), version(5), version(2)]).major()").isEqual(to: .int(5)))
        #expect(try eval("type(version(1)) == test.Version").isEqual(to: .bool(true)))
        #expect(try eval("string(version(4))").isEqual(to: .string("v4")))
        guard case .error(let error) = try eval("version('x')") else {
            Issue.record("expected no matching overload")
            return
        }
        #expect(error.message.contains("no such overload"))
    }

    @Test func checkerUsesDeclarationsAndCanRejectMixedAggregates() throws {
        var env = CEL.Environment.standard
        env.declare(variable: "replicas", type: .int)
        env.declare(variable: "object", type: .dyn)
        let checked = CEL.CompileOptions(checks: true)
        #expect(try CEL.Program.compile("replicas > 2", environment: env, options: checked).resultType == .bool)
        #expect(try CEL.Program.compile("object.spec.containers.map(c, c.name)", environment: env, options: checked).resultType == .list(.dyn))
        #expect(try CEL.Program.compile("{'a': [1, 2]}", environment: env, options: checked).resultType == .map(.string, .list(.int)))
        #expect(throws: CELError.self) { try CEL.Program.compile("replicas + 'x'", environment: env, options: checked) }
        #expect(throws: CELError.self) { try CEL.Program.compile("unknownVariable", environment: env, options: checked) }
        #expect(try CEL.Program.compile("[1, 'a']", environment: env, options: checked).resultType == .list(.dyn))
        env.rejectsHeterogeneousAggregates = true
        #expect(throws: CELError.self) { try CEL.Program.compile("[1, 'a']", environment: env, options: checked) }
        #expect(throws: CELError.self) { try CEL.Program.compile("{1: 1, 'a': 2}", environment: env, options: checked) }
    }

    @Test func nativeDataBecomesValues() throws {
        let object: [String: Any] = [
            "metadata": ["name": "web", "labels": ["app": "web"]],
            "spec": ["replicas": 3, "ratio": 0.5, "paused": false, "tags": ["a", "b"], "nothing": NSNull()],
        ]
        let program = try CEL.Program.compile(
            "object.spec.replicas >= 2 && object.metadata.labels.app == 'web' && object.spec.tags.size() == 2 && object.spec.ratio < 1.0 && !object.spec.paused && object.spec.nothing == null")
        #expect(program.evaluate(["object": CEL.Value(native: object)]).isEqual(to: .bool(true)))
        let json = try JSONSerialization.jsonObject(with: Data(#"{"n": 1, "b": true, "d": 1.5}"#.utf8))
        let value = CEL.Value(native: json)
        guard case .map(let map) = value else {
            Issue.record("expected a map")
            return
        }
        #expect(map["n"].map { if case .int(1) = $0 { true } else { false } } == true)
        #expect(map["b"].map { if case .bool(true) = $0 { true } else { false } } == true)
        #expect(map["d"].map { if case .double(1.5) = $0 { true } else { false } } == true)
    }

    @Test func typedJSONRoundTrips() throws {
        let text = #"{"map":[[{"string":"k"},{"list":[{"int":"-5"},{"uint":"18446744073709551615"},{"double":"NaN"},{"bytes":"AP8="},{"null":null},{"bool":true},{"type":"int"}]}]]}"#
        let value = try CEL.Value(typedJSONText: text)
        let again = try CEL.Value(typedJSONText: value.typedJSONText)
        #expect(ConformanceCase.matches(value, again))
        #expect(throws: CEL.Value.JSONError.self) { try CEL.Value(typedJSONText: #"{"int":"x"}"#) }
        #expect(throws: CEL.Value.JSONError.self) { try CEL.Value(typedJSONText: String(repeating: #"{"list":["#, count: 300)) }
        #expect(CEL.Value.error("boom").typedJSONText == #"{"error":"boom"}"#)
    }

    @Test func deepestAllowedNestingEvaluates() throws {
        let depth = 120
        let source = "size(" + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + ")"
        #expect(try CEL.Program.compile(source).evaluate().isEqual(to: .int(1)))
    }

    @Test func extensionLibrariesAreOptIn() throws {
        #expect(throws: Never.self) { try CEL.Program.compile("'a'.upperAscii()") }
        guard case .error = try CEL.Program.compile("'a'.upperAscii()").evaluate() else {
            Issue.record("strings extension should not be in the standard environment")
            return
        }
        var env = CEL.Environment.standard
        env.addStringsExtension()
        env.addMathExtension()
        env.addEncodersExtension()
        let value = try CEL.Program.compile("'%s-%d'.format(['a', math.greatest(1, 7u, 3.0)]) + base64.encode(b'hi')", environment: env).evaluate()
        #expect(value.isEqual(to: .string("a-7aGk=")))
    }
}
