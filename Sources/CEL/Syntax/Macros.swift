/// Parse-time macro expansion: `has`, the comprehension macros (one- and two-variable forms),
/// `cel.bind`, `cel.block` and the optional `optMap`/`optFlatMap`, all lowered to selects,
/// calls and comprehensions so the evaluator needs no macro knowledge.
enum Macros {
    static let accumulator = "@result"

    static func expand(_ function: String, target: CEL.Expr?, arguments: [CEL.Expr], at position: SourcePosition, parser: inout Parser) throws(CELError) -> CEL.Expr? {
        var builder = Builder(parser: parser, position: position)
        defer { parser = builder.parser }
        guard let target else {
            guard function == "has", arguments.count == 1 else { return nil }
            guard case .select(let operand, let field, false, let optional) = arguments[0].kind, !optional else {
                throw CELError(.macro, "invalid argument to has() macro", at: position)
            }
            return try builder.expr(.select(operand: operand, field: field, testOnly: true, optional: false))
        }
        if target.qualifiedName == "cel", let expanded = try namespaceMacro(function, arguments, &builder) {
            return expanded
        }
        switch (function, arguments.count) {
        case ("all", 2), ("exists", 2), ("exists_one", 2), ("existsOne", 2), ("map", 2), ("map", 3), ("filter", 2):
            let variable = try builder.variableName(arguments[0])
            return try builder.comprehension(function, range: target, first: variable, second: nil, arguments: Array(arguments.dropFirst()))
        case ("all", 3), ("exists", 3), ("existsOne", 3), ("exists_one", 3), ("transformList", 3), ("transformList", 4), ("transformMap", 3), ("transformMap", 4):
            let first = try builder.variableName(arguments[0])
            let second = try builder.variableName(arguments[1])
            guard first != second else {
                throw CELError(.macro, "duplicate variable name '\(first)'", at: position)
            }
            return try builder.comprehension(function, range: target, first: first, second: second, arguments: Array(arguments.dropFirst(2)))
        case ("optMap", 2), ("optFlatMap", 2):
            let variable = try builder.variableName(arguments[0])
            let value = try builder.call("value", [], target: target)
            let bound = try builder.bind(variable, value, arguments[1])
            let some = function == "optMap" ? try builder.call("optional.of", [bound]) : bound
            let hasValue = try builder.call("hasValue", [], target: target)
            return try builder.call("_?_:_", [hasValue, some, try builder.call("optional.none", [])])
        default:
            return nil
        }
    }

    private static func namespaceMacro(_ function: String, _ arguments: [CEL.Expr], _ builder: inout Builder) throws(CELError) -> CEL.Expr? {
        switch (function, arguments.count) {
        case ("bind", 3):
            return try builder.bind(try builder.variableName(arguments[0]), arguments[1], arguments[2])
        case ("index", 1):
            guard case .literal(.int(let slot)) = arguments[0].kind, slot >= 0 else {
                throw CELError(.macro, "cel.index requires a non-negative int literal", at: builder.position)
            }
            return try builder.expr(.identifier("@index\(slot)"))
        case ("iterVar", 2), ("accuVar", 2):
            guard case .literal(.int(let a)) = arguments[0].kind, case .literal(.int(let b)) = arguments[1].kind, a >= 0, b >= 0 else {
                throw CELError(.macro, "cel.\(function) requires non-negative int literals", at: builder.position)
            }
            return try builder.expr(.identifier("@\(function == "iterVar" ? "it" : "ac"):\(a):\(b)"))
        case ("block", 2):
            guard case .list(let slots, let optional) = arguments[0].kind, optional.isEmpty else {
                throw CELError(.macro, "cel.block requires a list literal of bindings", at: builder.position)
            }
            var result = arguments[1]
            for (slot, value) in slots.enumerated().reversed() {
                result = try builder.bind("@index\(slot)", value, result)
            }
            return result
        default:
            return nil
        }
    }

    private struct Builder {
        var parser: Parser
        let position: SourcePosition

        mutating func expr(_ kind: CEL.Expr.Kind) throws(CELError) -> CEL.Expr {
            try parser.makeExpr(kind, at: position)
        }

        mutating func identifier(_ name: String) throws(CELError) -> CEL.Expr {
            try expr(.identifier(name))
        }

        mutating func literal(_ value: CEL.Value) throws(CELError) -> CEL.Expr {
            try expr(.literal(value))
        }

        mutating func call(_ function: String, _ arguments: [CEL.Expr], target: CEL.Expr? = nil) throws(CELError) -> CEL.Expr {
            try parser.call(function, arguments, target: target, at: position)
        }

        func variableName(_ expr: CEL.Expr) throws(CELError) -> String {
            guard case .identifier(let name) = expr.kind, !name.hasPrefix(".") else {
                throw CELError(.macro, "argument must be a simple name", at: expr.position)
            }
            return name
        }

        /// `cel.bind(name, value, body)`: a loop over nothing whose accumulator is the binding.
        mutating func bind(_ name: String, _ value: CEL.Expr, _ body: CEL.Expr) throws(CELError) -> CEL.Expr {
            let comprehension = CEL.Expr.Comprehension(
                iterationVariable: "#unused", secondIterationVariable: nil,
                range: try expr(.list(elements: [], optionalIndices: [])),
                accumulator: name, initial: value,
                condition: try literal(.bool(false)), step: try identifier(name), result: body)
            return try expr(.comprehension(comprehension))
        }

        mutating func comprehension(_ macro: String, range: CEL.Expr, first: String, second: String?, arguments: [CEL.Expr]) throws(CELError) -> CEL.Expr {
            let accu = Macros.accumulator
            let initial: CEL.Expr
            let condition: CEL.Expr
            let step: CEL.Expr
            var result: CEL.Expr = try identifier(accu)
            switch macro {
            case "all":
                initial = try literal(.bool(true))
                condition = try call("@not_strictly_false", [try identifier(accu)])
                step = try call("_&&_", [try identifier(accu), arguments[0]])
            case "exists":
                initial = try literal(.bool(false))
                condition = try call("@not_strictly_false", [try call("!_", [try identifier(accu)])])
                step = try call("_||_", [try identifier(accu), arguments[0]])
            case "exists_one", "existsOne":
                initial = try literal(.int(0))
                condition = try literal(.bool(true))
                let increment = try call("_+_", [try identifier(accu), try literal(.int(1))])
                step = try call("_?_:_", [arguments[0], increment, try identifier(accu)])
                result = try call("_==_", [try identifier(accu), try literal(.int(1))])
            case "map", "transformList":
                initial = try expr(.list(elements: [], optionalIndices: []))
                condition = try literal(.bool(true))
                let append = try call("@append", [try identifier(accu), arguments[arguments.count - 1]])
                step = arguments.count == 2 ? try call("_?_:_", [arguments[0], append, try identifier(accu)]) : append
            case "filter":
                initial = try expr(.list(elements: [], optionalIndices: []))
                condition = try literal(.bool(true))
                let append = try call("@append", [try identifier(accu), try identifier(first)])
                step = try call("_?_:_", [arguments[0], append, try identifier(accu)])
            case "transformMap":
                initial = try expr(.map(entries: []))
                condition = try literal(.bool(true))
                let insert = try call("@insert", [try identifier(accu), try identifier(first), arguments[arguments.count - 1]])
                step = arguments.count == 2 ? try call("_?_:_", [arguments[0], insert, try identifier(accu)]) : insert
            default:
                throw CELError(.macro, "unknown macro \(macro)", at: position)
            }
            let comprehension = CEL.Expr.Comprehension(
                iterationVariable: first, secondIterationVariable: second, range: range,
                accumulator: accu, initial: initial, condition: condition, step: step, result: result)
            return try expr(.comprehension(comprehension))
        }
    }
}
