/// Ends an evaluation outright, whatever `||` or `&&` would otherwise absorb.
enum EvaluationAbort: Error {
    case costLimitExceeded(limit: Int)
}

/// Tree-walking evaluator. Errors are values; only exceeding the budget aborts.
final class Interpreter {
    private let environment: CEL.Environment
    private let bindings: [String: CEL.Value]
    /// Comprehension variables, innermost last.
    private var locals: [(name: String, value: CEL.Value)] = []
    private(set) var cost = 0
    private let costLimit: Int

    init(environment: CEL.Environment, bindings: [String: CEL.Value], costLimit: Int) {
        self.environment = environment
        self.bindings = bindings
        self.costLimit = costLimit
    }

    private func charge(_ amount: Int) throws(EvaluationAbort) {
        cost += amount
        if cost > costLimit { throw .costLimitExceeded(limit: costLimit) }
    }

    func evaluate(_ expr: CEL.Expr) throws(EvaluationAbort) -> CEL.Value {
        try charge(1)
        switch expr.kind {
        case .literal(let value):
            return value
        case .identifier(let name):
            return resolve(name, id: expr.id)
        case .select(let operand, let field, let testOnly, let optional):
            if !testOnly && !optional, let name = expr.qualifiedName, let value = resolveQualified(name) {
                return value
            }
            let base = try evaluate(operand)
            return select(field, from: base, testOnly: testOnly, optional: optional, id: expr.id)
        case .call(let function, let target, let arguments):
            return try call(function, target: target, arguments: arguments, id: expr.id)
        case .list(let elements, let optionalIndices):
            try charge(elements.count)
            var items: [CEL.Value] = []
            items.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                let value = try evaluate(element)
                if value.isErrorOrUnknown { return value }
                if optionalIndices.contains(i) {
                    guard case .optional(let wrapped) = value else { return .noSuchOverload("optional list element", [value]) }
                    if let wrapped { items.append(wrapped) }
                } else {
                    items.append(value)
                }
            }
            return .list(items)
        case .map(let entries):
            try charge(entries.count)
            var map = CEL.MapValue()
            for entry in entries {
                let key = try evaluate(entry.key)
                if key.isErrorOrUnknown { return key }
                var value = try evaluate(entry.value)
                if value.isErrorOrUnknown { return value }
                if entry.isOptional {
                    guard case .optional(let wrapped) = value else { return .noSuchOverload("optional map entry", [value]) }
                    guard let wrapped else { continue }
                    value = wrapped
                }
                do {
                    try map.insert(value, forKey: key)
                } catch {
                    return .error(error)
                }
            }
            return .map(map)
        case .message(let typeName, _):
            return .error("unknown message type '\(typeName)'")
        case .comprehension(let comprehension):
            return try evaluate(comprehension)
        }
    }

    // MARK: Names

    private func local(_ name: String) -> CEL.Value? {
        for entry in locals.reversed() where entry.name == name { return entry.value }
        return nil
    }

    private func resolve(_ name: String, id: Int64) -> CEL.Value {
        if !name.hasPrefix("."), let value = local(name) { return value }
        if let value = resolveQualified(name) { return value }
        return .error(CEL.EvaluationError("undeclared reference to '\(name)' (in container '\(environment.container)')", expressionID: id))
    }

    /// Resolves a dotted name: the longest prefix that names a variable (tried in each
    /// container scope) wins, and the remaining parts select fields from it.
    private func resolveQualified(_ name: String) -> CEL.Value? {
        let absolute = name.hasPrefix(".")
        let parts = (absolute ? name.dropFirst() : Substring(name)).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if !absolute, let first = parts.first, local(first) != nil {
            guard parts.count > 1, var value = local(first) else { return nil }
            for field in parts.dropFirst() { value = select(field, from: value, testOnly: false, optional: false, id: 0) }
            return value
        }
        for length in stride(from: parts.count, through: 1, by: -1) {
            let prefix = parts[0..<length].joined(separator: ".")
            for candidate in environment.candidateNames(absolute ? "." + prefix : prefix) {
                var value: CEL.Value
                if let bound = bindings[candidate] {
                    value = bound
                } else if let type = environment.typeNamed(candidate) {
                    value = .type(type)
                } else {
                    continue
                }
                for field in parts[length...] { value = select(field, from: value, testOnly: false, optional: false, id: 0) }
                return value
            }
        }
        return nil
    }

    // MARK: Selection and indexing

    func select(_ field: String, from base: CEL.Value, testOnly: Bool, optional: Bool, id: Int64) -> CEL.Value {
        switch base {
        case .error, .unknown:
            return base
        case .optional(let wrapped):
            // Selection on an optional stays optional: none propagates, some selects inside.
            guard let wrapped else { return testOnly ? .bool(false) : .optional(nil) }
            let inner = select(field, from: wrapped, testOnly: testOnly, optional: true, id: id)
            return inner
        case .map(let map):
            let value = map[field]
            if testOnly { return .bool(value != nil) }
            if optional { return .optional(value) }
            return value ?? .error(CEL.EvaluationError("no such key: '\(field)'", expressionID: id))
        default:
            return .error(CEL.EvaluationError("type '\(base.runtimeType.name)' does not support field selection", expressionID: id))
        }
    }

    private func index(_ base: CEL.Value, _ key: CEL.Value, optional: Bool, id: Int64) -> CEL.Value {
        if base.isErrorOrUnknown { return base }
        if key.isErrorOrUnknown { return key }
        switch base {
        case .optional(let wrapped):
            guard let wrapped else { return .optional(nil) }
            return index(wrapped, key, optional: true, id: id)
        case .list(let items):
            let position: Int64
            switch key {
            case .int(let i): position = i
            case .uint(let u): position = u <= UInt64(Int64.max) ? Int64(u) : -1
            case .double(let d):
                guard let i = Int64(exactly: d) else {
                    return .error(CEL.EvaluationError("invalid_argument: non-integral list index \(d)", expressionID: id))
                }
                position = i
            default:
                return .error(CEL.EvaluationError("invalid_argument: no such overload for list index of type \(key.runtimeType.name)", expressionID: id))
            }
            guard position >= 0, position < items.count else {
                if optional { return .optional(nil) }
                return .error(CEL.EvaluationError("invalid_argument: index out of bounds: \(position)", expressionID: id))
            }
            let item = items[Int(position)]
            return optional ? .optional(item) : item
        case .map(let map):
            let value = map[key]
            if optional { return .optional(value) }
            return value ?? .error(CEL.EvaluationError("no such key: \(key.typedJSONText)", expressionID: id))
        default:
            return .error(.noSuchOverload("_[_]", [base, key]))
        }
    }

    // MARK: Calls

    private func call(_ function: String, target: CEL.Expr?, arguments: [CEL.Expr], id: Int64) throws(EvaluationAbort) -> CEL.Value {
        switch function {
        case "_&&_", "_||_":
            return try logical(function == "_&&_", arguments, id: id)
        case "_?_:_":
            let condition = try evaluate(arguments[0])
            switch condition {
            case .bool(let b): return try evaluate(arguments[b ? 1 : 2])
            case .error, .unknown: return condition
            default: return .error(CEL.EvaluationError("no matching overload for '_?_:_' applied to \(condition.runtimeType.name)", expressionID: id))
            }
        case "@not_strictly_false":
            let value = try evaluate(arguments[0])
            if case .bool(let b) = value { return .bool(b) }
            return .bool(true)
        case "_[_]", "_[?_]":
            let base = try evaluate(arguments[0])
            let key = try evaluate(arguments[1])
            return index(base, key, optional: function == "_[?_]", id: id)
        default:
            break
        }
        var values: [CEL.Value] = []
        values.reserveCapacity(arguments.count + 1)
        if let target { values.append(try evaluate(target)) }
        for argument in arguments { values.append(try evaluate(argument)) }
        if let failure = Self.firstFailure(values) { return failure }
        try charge(values.reduce(0) { $0 + $1.sizeCost })

        let overloads = environment.overloads(of: function)
        guard !overloads.isEmpty else {
            return .error(CEL.EvaluationError("unbound function: '\(function)'", expressionID: id))
        }
        let receiverStyle = target != nil
        for overload in overloads where overload.isReceiverStyle == receiverStyle && overload.accepts(values) {
            var result = overload.implementation(values)
            if case .error(var error) = result, error.expressionID == nil {
                error.expressionID = id
                result = .error(error)
            }
            return result
        }
        return .error(CEL.EvaluationError.noSuchOverload(function, values))
    }

    /// Strict functions return the first error, or all unknowns merged, among their arguments.
    static func firstFailure(_ values: [CEL.Value]) -> CEL.Value? {
        var unknowns: Set<Int64>?
        for value in values {
            switch value {
            case .error: return value
            case .unknown(let ids): unknowns = (unknowns ?? []).union(ids)
            default: continue
            }
        }
        return unknowns.map { .unknown($0) }
    }

    /// `&&` and `||` are commutative over errors and unknowns: a decisive operand on either
    /// side wins, then unknowns, then errors.
    private func logical(_ isAnd: Bool, _ arguments: [CEL.Expr], id: Int64) throws(EvaluationAbort) -> CEL.Value {
        let decisive = !isAnd
        let left = try evaluate(arguments[0])
        if case .bool(let b) = left, b == decisive { return left }
        let right = try evaluate(arguments[1])
        if case .bool(let b) = right, b == decisive { return right }
        switch (left, right) {
        case (.bool, .bool): return .bool(!decisive)
        case (.unknown(let a), .unknown(let b)): return .unknown(a.union(b))
        case (.unknown, _): return left
        case (_, .unknown): return right
        case (.error, _): return left
        case (_, .error): return right
        default:
            let culprit: CEL.Value
            if case .bool = left { culprit = right } else { culprit = left }
            return .error(CEL.EvaluationError("no matching overload for '\(isAnd ? "_&&_" : "_||_")' applied to \(culprit.runtimeType.name)", expressionID: id))
        }
    }

    // MARK: Comprehensions

    private func evaluate(_ c: CEL.Expr.Comprehension) throws(EvaluationAbort) -> CEL.Value {
        let range = try evaluate(c.range)
        let pairs: [(CEL.Value, CEL.Value)]
        switch range {
        case .list(let items):
            pairs = items.enumerated().map { (.int(Int64($0.offset)), $0.element) }
        case .map(let map):
            pairs = map.entries.map { ($0.key, $0.value) }
        case .error, .unknown:
            return range
        default:
            return .error("expression of type '\(range.runtimeType.name)' cannot be the range of a comprehension")
        }
        let initial = try evaluate(c.initial)
        locals.append((c.accumulator, initial))
        let accumulatorSlot = locals.count - 1
        defer { locals.removeLast(locals.count - accumulatorSlot) }
        for (first, second) in pairs {
            try charge(1)
            if let secondName = c.secondIterationVariable {
                locals.append((c.iterationVariable, first))
                locals.append((secondName, second))
            } else {
                // One-variable loops over lists see elements; over maps, keys.
                if case .list = range {
                    locals.append((c.iterationVariable, second))
                } else {
                    locals.append((c.iterationVariable, first))
                }
            }
            let proceed = try evaluate(c.condition)
            if case .bool(false) = proceed {
                locals.removeLast(locals.count - accumulatorSlot - 1)
                break
            }
            let next = try step(c.step, accumulatorSlot: accumulatorSlot)
            locals.removeLast(locals.count - accumulatorSlot - 1)
            locals[accumulatorSlot].value = next
        }
        return try evaluate(c.result)
    }

    /// Evaluates a loop step, appending to the accumulator in place when the step is one of
    /// the macro-generated `@append`/`@insert` forms, so `map` and `filter` stay linear.
    private func step(_ expr: CEL.Expr, accumulatorSlot: Int) throws(EvaluationAbort) -> CEL.Value {
        guard case .call(let function, nil, let arguments) = expr.kind else { return try evaluate(expr) }
        let accumulatorName = locals[accumulatorSlot].name
        func isAccumulator(_ e: CEL.Expr) -> Bool {
            if case .identifier(let name) = e.kind { return name == accumulatorName }
            return false
        }
        switch function {
        case "_?_:_" where isAccumulator(arguments[2]):
            try charge(1)
            let condition = try evaluate(arguments[0])
            switch condition {
            case .bool(true): return try step(arguments[1], accumulatorSlot: accumulatorSlot)
            case .bool(false): return locals[accumulatorSlot].value
            case .error, .unknown: return condition
            default: return .error("no matching overload for '_?_:_' applied to \(condition.runtimeType.name)")
            }
        case "@append" where isAccumulator(arguments[0]):
            try charge(1)
            let element = try evaluate(arguments[1])
            if element.isErrorOrUnknown { return element }
            var accumulated = locals[accumulatorSlot].value
            locals[accumulatorSlot].value = .null
            guard case .list(var items) = accumulated else { return accumulated }
            accumulated = .null
            items.append(element)
            return .list(items)
        case "@insert" where isAccumulator(arguments[0]):
            try charge(1)
            let key = try evaluate(arguments[1])
            if key.isErrorOrUnknown { return key }
            let value = try evaluate(arguments[2])
            if value.isErrorOrUnknown { return value }
            var accumulated = locals[accumulatorSlot].value
            locals[accumulatorSlot].value = .null
            guard case .map(var map) = accumulated else { return accumulated }
            accumulated = .null
            do {
                try map.insert(value, forKey: key)
            } catch {
                return .error(error)
            }
            return .map(map)
        default:
            return try evaluate(expr)
        }
    }
}

extension CEL.Value {
    /// Extra cost of handing this value to a function: large strings, bytes and lists cost more.
    var sizeCost: Int {
        switch self {
        case .string(let s): return s.utf8.count / 64
        case .bytes(let b): return b.count / 64
        case .list(let l): return l.count / 8
        case .map(let m): return m.count / 8
        default: return 0
        }
    }
}
