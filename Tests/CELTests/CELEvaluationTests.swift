import Foundation
import Testing
@testable import CEL

@Suite struct CELEvaluationTests {
    private func eval(_ source: String, _ bindings: [String: CEL.Value] = [:], environment: CEL.Environment = .standard) throws -> CEL.Value {
        try CEL.Program.compile(source, environment: environment).evaluate(bindings)
    }

    private func expectValue(_ source: String, _ expected: CEL.Value, _ bindings: [String: CEL.Value] = [:]) throws {
        let value = try eval(source, bindings)
        #expect(value.isEqual(to: expected) && value.runtimeType.name == expected.runtimeType.name,
                "\(source) = \(value.typedJSONText), expected \(expected.typedJSONText)")
    }

    private func expectError(_ source: String, containing text: String = "") throws {
        guard case .error(let error) = try eval(source) else {
            Issue.record("\(source) did not fail")
            return
        }
        #expect(text.isEmpty || error.message.contains(text), "\(source): \(error.message)")
    }

    @Test func arithmeticOverflowAndDivisionAreErrors() throws {
        try expectError("9223372036854775807 + 1", containing: "overflow")
        try expectError("0u - 1u", containing: "overflow")
        try expectError("1 / 0", containing: "divide by zero")
        try expectError("1 % 0", containing: "modulus by zero")
        try expectError("int(1e19)", containing: "range")
        try expectError("uint(-1)", containing: "range")
        try expectValue("7 / -2", .int(-3))
        try expectValue("-7 % 3", .int(-1))
    }

    @Test func heterogeneousNumericEqualityAndOrdering() throws {
        try expectValue("1 == 1.0", .bool(true))
        try expectValue("1u < 2", .bool(true))
        try expectValue("-1 < 0u", .bool(true))
        try expectValue("0.0/0.0 == 0.0/0.0", .bool(false))
        try expectValue("{1: 'a'}[1u]", .string("a"))
        try expectValue("'a' == 1", .bool(false))
        try expectError("'a' < 1", containing: "no such overload")
        try expectError("{1: 1, 1u: 2}", containing: "repeated key")
    }

    @Test func logicalOperatorsAbsorbErrorsCommutatively() throws {
        try expectValue("1/0 == 1 || true", .bool(true))
        try expectValue("true || 1/0 == 1", .bool(true))
        try expectValue("1/0 == 1 && false", .bool(false))
        try expectError("1/0 == 1 && true", containing: "divide by zero")
        try expectError("'a' ? 1 : 2", containing: "no matching overload")
    }

    @Test func macrosAndComprehensions() throws {
        try expectValue("[1, 2, 3].all(x, x > 0)", .bool(true))
        try expectValue("[1, 2, 3].exists_one(x, x == 2)", .bool(true))
        try expectValue("[1, 2, 3].map(x, x * 2)", .list([.int(2), .int(4), .int(6)]))
        try expectValue("[1, 2, 3].map(x, x > 1, x)", .list([.int(2), .int(3)]))
        try expectValue("[1, 2, 3].filter(x, x % 2 == 1)", .list([.int(1), .int(3)]))
        try expectValue("{'a': 1}.exists(k, v, k == 'a' && v == 1)", .bool(true))
        try expectValue("cel.bind(x, 2, x * x)", .int(4))
        try expectValue("has({'a': 1}.a) && !has({'a': 1}.b)", .bool(true))
        try expectValue("[1, 2].all(x, [3].exists(x, x == 3))", .bool(true))
    }

    @Test func qualifiedNamesResolveLongestFirstAndLocalsShadow() throws {
        try expectValue("a.b.c", .string("long"), ["a.b.c": .string("long"), "a.b": .error("wrong")])
        try expectValue("[{'c': 1}].all(a, a.c == 1)", .bool(true), ["a.c": .int(5)])
        try expectError("missing", containing: "undeclared reference")
    }

    @Test func stringsCountCodePointsAndDoNotNormalise() throws {
        try expectValue("size('héllo')", .int(5))
        try expectValue("'Am\\u00E9lie' == 'Ame\\u0301lie'", .bool(false))
        try expectValue("'abc'.matches('^a.c$')", .bool(true))
        try expectError("'abc'.matches('(')", containing: "Illegal regex")
        try expectValue("'b' > 'a' && 'é' > 'z'", .bool(true))
    }

    @Test func timestampsAndDurations() throws {
        try expectValue("timestamp('2024-02-29T12:00:00Z').getDayOfYear()", .int(59))
        try expectValue("timestamp('2024-02-29T23:30:00Z').getDate('+01:00')", .int(1))
        try expectValue("timestamp('2024-07-01T12:00:00Z').getHours('Europe/Paris')", .int(14))
        try expectValue("duration('1h30m').getMinutes()", .int(90))
        try expectValue("string(timestamp('2024-01-01T00:00:00.5Z') + duration('-1.5s'))", .string("2023-12-31T23:59:59Z"))
        try expectValue("string(duration('-1.5s'))", .string("-1.5s"))
        try expectError("timestamp('2024-02-30T00:00:00Z')")
        try expectError("timestamp('2024-01-01T00:00:00Z').getHours('Mars/Base')", containing: "time zone")
    }

    @Test func optionals() throws {
        try expectValue("{'a': 1}.?a.orValue(0)", .int(1))
        try expectValue("{'a': 1}.?b.orValue(0)", .int(0))
        try expectValue("[1][?3].hasValue()", .bool(false))
        try expectValue("optional.of(2).optMap(x, x + 1).value()", .int(3))
        try expectValue("[?optional.none(), ?optional.of(1)]", .list([.int(1)]))
        try expectError("optional.none().value()")
    }

    @Test func costBudgetStopsRunawayEvaluation() throws {
        var env = CEL.Environment.standard
        env.costLimit = 10_000
        let program = try CEL.Program.compile("[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, [1,2,3,4,5,6,7,8,9,10].map(c, a * b * c)))", environment: env)
        guard case .error(let error) = program.evaluate() else {
            Issue.record("expected the budget to be exceeded")
            return
        }
        #expect(error.message.contains("cost limit"))
        // A budget error is not absorbed by `||`.
        let absorbed = try CEL.Program.compile("true || [1,2,3].map(x, x).size() > 0", environment: env).evaluateWithCost()
        #expect(absorbed.cost < 10)
        let small = try CEL.Program.compile("[1, 2, 3].map(x, x * 2)", environment: env).evaluateWithCost()
        #expect(small.cost > 3 && small.cost < 100)
    }

    @Test func comprehensionsOverLargeListsStayLinear() throws {
        let items = CEL.Value.list((0..<50_000).map { .int(Int64($0)) })
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let value = try eval("items.map(x, x + 1).filter(x, x % 2 == 0).size()", ["items": items])
            #expect(value.isEqual(to: .int(25_000)))
        }
        #expect(elapsed < .seconds(10))
    }
}
