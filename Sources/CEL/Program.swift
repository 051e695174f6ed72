extension CEL {
    /// How `Program.compile` treats the source.
    public struct CompileOptions: Sendable {
        /// Leave `has`, `all`, `exists`, ... as plain calls.
        public var disablesMacros = false
        /// Type-check against the environment's declarations; type errors fail compilation.
        public var checks = false

        public init(disablesMacros: Bool = false, checks: Bool = false) {
            self.disablesMacros = disablesMacros
            self.checks = checks
        }
    }

    /// The outcome of one evaluation with its cost.
    public struct Evaluation: Sendable {
        public var value: Value
        /// Evaluation steps taken.
        public var cost: Int
    }

    /// A compiled expression, ready to evaluate many times with different bindings.
    public struct Program: Sendable {
        public let source: String
        public let expression: Expr
        public let environment: Environment
        /// The type the checker deduced, when compiled with `checks`.
        public let resultType: CELType?

        public static func compile(_ source: String, environment: Environment = .standard,
                                   options: CompileOptions = CompileOptions()) throws(CELError) -> Program {
            var parserOptions = Parser.Options()
            parserOptions.expandsMacros = !options.disablesMacros
            parserOptions.maximumDepth = environment.maximumDepth
            let parsed = try Parser.parse(source, options: parserOptions)
            let resolved = FunctionNameResolver(environment: environment).resolve(parsed)
            var resultType: CELType?
            if options.checks {
                resultType = try Checker(environment: environment).check(resolved)
            }
            return Program(source: source, expression: resolved, environment: environment, resultType: resultType)
        }

        /// Evaluates with variable bindings; failures are returned as `.error` values.
        public func evaluate(_ bindings: [String: Value] = [:]) -> Value {
            evaluateWithCost(bindings).value
        }

        /// Evaluates and reports the cost; exceeding `costLimit` (default: the environment's)
        /// yields an error value saying so.
        public func evaluateWithCost(_ bindings: [String: Value] = [:], costLimit: Int? = nil) -> Evaluation {
            let limit = costLimit ?? environment.costLimit
            let interpreter = Interpreter(environment: environment, bindings: bindings, costLimit: limit)
            do {
                let value = try interpreter.evaluate(expression)
                return Evaluation(value: value, cost: interpreter.cost)
            } catch {
                switch error {
                case .costLimitExceeded(let limit):
                    return Evaluation(value: .error(EvaluationError("operation cancelled: actual cost limit \(limit) exceeded")), cost: interpreter.cost)
                }
            }
        }
    }
}

/// Turns receiver-style calls on dotted names into global calls of namespaced functions
/// when the environment defines them: `optional.of(x)`, `sets.contains(a, b)`.
struct FunctionNameResolver {
    let environment: CEL.Environment

    func resolve(_ expr: CEL.Expr) -> CEL.Expr {
        var result = expr
        switch expr.kind {
        case .literal, .identifier:
            return expr
        case .select(let operand, let field, let testOnly, let optional):
            result.kind = .select(operand: resolve(operand), field: field, testOnly: testOnly, optional: optional)
        case .call(let function, let target, let arguments):
            let arguments = arguments.map(resolve)
            if let target, let prefix = target.qualifiedName {
                for candidate in environment.candidateNames("\(prefix).\(function)") where environment.hasFunction(candidate) {
                    if environment.overloads(of: candidate).contains(where: { !$0.isReceiverStyle }) {
                        result.kind = .call(function: candidate, target: nil, arguments: arguments)
                        return result
                    }
                }
            }
            var name = function
            if target == nil, name.hasPrefix(".") { name.removeFirst() }
            result.kind = .call(function: name, target: target.map(resolve), arguments: arguments)
        case .list(let elements, let optionalIndices):
            result.kind = .list(elements: elements.map(resolve), optionalIndices: optionalIndices)
        case .map(let entries):
            result.kind = .map(entries: entries.map { CEL.Expr.MapEntry(key: resolve($0.key), value: resolve($0.value), isOptional: $0.isOptional) })
        case .message(let typeName, let fields):
            result.kind = .message(typeName: typeName, fields: fields.map { CEL.Expr.FieldEntry(field: $0.field, value: resolve($0.value), isOptional: $0.isOptional) })
        case .comprehension(var c):
            c.range = resolve(c.range)
            c.initial = resolve(c.initial)
            c.condition = resolve(c.condition)
            c.step = resolve(c.step)
            c.result = resolve(c.result)
            result.kind = .comprehension(c)
        }
        return result
    }
}
