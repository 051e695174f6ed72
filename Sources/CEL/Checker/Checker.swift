/// Deduces the type of an expression from the environment's variable and function
/// declarations. Type parameters are unified flexibly, as cel-go does: when two candidates
/// disagree, the binding widens to the more general type (`dyn`) rather than failing.
/// Unknown operands are `dyn`, so partially typed input (Kubernetes objects) checks cleanly.
struct Checker {
    let environment: CEL.Environment
    private var scopes: [[String: CELType]] = []
    private var bindings: [String: CELType] = [:]
    private var nextVariable = 0
    /// How many enclosing calls exempt their literals from the homogeneity rule.
    private var exemptCallDepth = 0

    init(environment: CEL.Environment) {
        self.environment = environment
    }

    func check(_ expr: CEL.Expr) throws(CELError) -> CELType {
        var checker = self
        let type = try checker.infer(expr)
        return checker.finalize(type)
    }

    // MARK: Type variables

    private mutating func freshVariable() -> CELType {
        nextVariable += 1
        return .parameter("_var\(nextVariable)")
    }

    private func resolved(_ type: CELType) -> CELType {
        var current = type
        var guardCount = 0
        while case .parameter(let name) = current, let bound = bindings[name], guardCount < 100 {
            current = bound
            guardCount += 1
        }
        return current
    }

    /// Replaces bound variables everywhere; unbound ones become `dyn`.
    private func finalize(_ type: CELType, depth: Int = 0) -> CELType {
        guard depth < 100 else { return .dyn }
        switch resolved(type) {
        case .parameter: return .dyn
        case .list(let e): return .list(finalize(e, depth: depth + 1))
        case .map(let k, let v): return .map(finalize(k, depth: depth + 1), finalize(v, depth: depth + 1))
        case .type(let t): return .type(finalize(t, depth: depth + 1))
        case .optional(let t): return .optional(finalize(t, depth: depth + 1))
        case .opaque(let name, let ps): return .opaque(name, ps.map { finalize($0, depth: depth + 1) })
        case let other: return other
        }
    }

    /// The most specific type both `a` and `b` fit, binding type variables on the way;
    /// `nil` when they are incompatible (only `dyn` would hold both).
    private mutating func join(_ a: CELType, _ b: CELType, depth: Int = 0) -> CELType? {
        guard depth < 100 else { return .dyn }
        let a = resolved(a)
        let b = resolved(b)
        switch (a, b) {
        case (.parameter(let x), .parameter(let y)) where x == y: return a
        case (.parameter(let x), _):
            bindings[x] = b
            return b
        case (_, .parameter(let y)):
            bindings[y] = a
            return a
        case (.dyn, _), (_, .dyn): return .dyn
        case (.error, _), (_, .error): return .error
        case (.list(let x), .list(let y)):
            return join(x, y, depth: depth + 1).map(CELType.list)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            guard let k = join(k1, k2, depth: depth + 1), let v = join(v1, v2, depth: depth + 1) else { return nil }
            return .map(k, v)
        case (.type(let x), .type(let y)):
            return .type(join(x, y, depth: depth + 1) ?? .dyn)
        case (.optional(let x), .optional(let y)):
            return join(x, y, depth: depth + 1).map(CELType.optional)
        case (.opaque(let n1, let p1), .opaque(let n2, let p2)) where n1 == n2 && p1.count == p2.count:
            var parameters: [CELType] = []
            for (x, y) in zip(p1, p2) {
                guard let j = join(x, y, depth: depth + 1) else { return nil }
                parameters.append(j)
            }
            return .opaque(n1, parameters)
        default:
            return a == b ? a : nil
        }
    }

    /// Joins, widening to `dyn` for mixed aggregates unless the environment forbids them.
    private mutating func joinElements(_ a: CELType, _ b: CELType, at position: SourcePosition) throws(CELError) -> CELType {
        if let joined = join(a, b) { return joined }
        if environment.rejectsHeterogeneousAggregates && exemptCallDepth == 0 {
            throw CELError(.check, "expected type '\(finalize(a))' but found '\(finalize(b))'", at: position)
        }
        return .dyn
    }

    // MARK: Inference

    private func local(_ name: String) -> CELType? {
        for scope in scopes.reversed() {
            if let t = scope[name] { return t }
        }
        return nil
    }

    /// Type of a dotted name: a declared variable (longest prefix, per container scope)
    /// followed by field selections, or a type denotation.
    private mutating func qualified(_ name: String, at position: SourcePosition) throws(CELError) -> CELType? {
        let absolute = name.hasPrefix(".")
        let parts = (absolute ? name.dropFirst() : Substring(name)).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if !absolute, let first = parts.first, var type = local(first) {
            for field in parts.dropFirst() { type = try selection(field, of: type, optional: false, at: position) }
            return type
        }
        for length in stride(from: parts.count, through: 1, by: -1) {
            let prefix = parts[0..<length].joined(separator: ".")
            for candidate in environment.candidateNames(absolute ? "." + prefix : prefix) {
                var type: CELType
                if let declared = environment.variables[candidate] {
                    type = declared
                } else if let denoted = environment.typeNamed(candidate) {
                    type = .type(denoted)
                } else {
                    continue
                }
                for field in parts[length...] { type = try selection(field, of: type, optional: false, at: position) }
                return type
            }
        }
        return nil
    }

    private mutating func selection(_ field: String, of operand: CELType, optional: Bool, at position: SourcePosition) throws(CELError) -> CELType {
        switch resolved(operand) {
        case .map(_, let value): return optional ? .optional(value) : value
        case .dyn, .parameter: return optional ? .optional(.dyn) : .dyn
        case .optional(let inner): return .optional(try selection(field, of: inner, optional: false, at: position))
        case .opaque: return .dyn
        case let other: throw CELError(.check, "type '\(finalize(other))' does not support field selection", at: position)
        }
    }

    private mutating func infer(_ expr: CEL.Expr) throws(CELError) -> CELType {
        switch expr.kind {
        case .literal(let value):
            return value.runtimeType
        case .identifier(let name):
            if !name.hasPrefix("."), let t = local(name) { return t }
            if let t = try qualified(name, at: expr.position) { return t }
            throw CELError(.check, "undeclared reference to '\(name)' (in container '\(environment.container)')", at: expr.position)
        case .select(let operand, let field, let testOnly, let optional):
            if !testOnly && !optional, let name = expr.qualifiedName, let t = try qualified(name, at: expr.position) {
                return t
            }
            let base = try infer(operand)
            let selected = try selection(field, of: base, optional: optional, at: expr.position)
            return testOnly ? .bool : selected
        case .list(let elements, let optionalIndices):
            var element = freshVariable()
            for (i, e) in elements.enumerated() {
                var t = try infer(e)
                if optionalIndices.contains(i) {
                    if case .optional(let inner) = resolved(t) { t = inner } else { t = .dyn }
                }
                element = try joinElements(element, t, at: e.position)
            }
            return .list(element)
        case .map(let entries):
            var key = freshVariable()
            var value = freshVariable()
            for entry in entries {
                key = try joinElements(key, try infer(entry.key), at: entry.key.position)
                var t = try infer(entry.value)
                if entry.isOptional {
                    if case .optional(let inner) = resolved(t) { t = inner } else { t = .dyn }
                }
                value = try joinElements(value, t, at: entry.value.position)
            }
            return .map(key, value)
        case .message(let typeName, _):
            throw CELError(.check, "unknown message type '\(typeName)'", at: expr.position)
        case .comprehension(let c):
            return try infer(c)
        case .call(let function, let target, let arguments):
            return try call(function, target: target, arguments: arguments, at: expr.position)
        }
    }

    private mutating func infer(_ c: CEL.Expr.Comprehension) throws(CELError) -> CELType {
        let range = resolved(try infer(c.range))
        var first: CELType = .dyn
        var second: CELType = .dyn
        switch range {
        case .list(let element):
            first = c.secondIterationVariable == nil ? element : .int
            second = element
        case .map(let key, let value):
            first = key
            second = value
        case .dyn, .parameter:
            break
        default:
            throw CELError(.check, "expression of type '\(finalize(range))' cannot be the range of a comprehension", at: c.range.position)
        }
        let accumulator = try infer(c.initial)
        scopes.append([c.accumulator: accumulator])
        defer { scopes.removeLast() }
        var loopScope = [c.iterationVariable: first]
        if let secondName = c.secondIterationVariable { loopScope[secondName] = second }
        scopes.append(loopScope)
        _ = try infer(c.condition)
        let step = try infer(c.step)
        scopes.removeLast()
        scopes[scopes.count - 1][c.accumulator] = join(accumulator, step) ?? .dyn
        return try infer(c.result)
    }

    private mutating func call(_ function: String, target: CEL.Expr?, arguments: [CEL.Expr], at position: SourcePosition) throws(CELError) -> CELType {
        var types: [CELType] = []
        let exempt = environment.heterogeneousAggregateExemptFunctions.contains(function)
        if exempt { exemptCallDepth += 1 }
        defer { if exempt { exemptCallDepth -= 1 } }
        if let target { types.append(try infer(target)) }
        for argument in arguments { types.append(try infer(argument)) }
        switch function {
        case "_&&_", "_||_", "@not_strictly_false":
            return .bool
        case "_?_:_":
            return join(types[1], types[2]) ?? .dyn
        case "_[_]", "_[?_]":
            let optional = function == "_[?_]"
            var element: CELType
            var container = resolved(types[0])
            var wrapped = false
            if case .optional(let inner) = container {
                container = resolved(inner)
                wrapped = true
            }
            switch container {
            case .list(let e): element = e
            case .map(_, let v): element = v
            case .dyn, .parameter: element = .dyn
            default: throw CELError(.check, "type '\(finalize(container))' does not support indexing", at: position)
            }
            return optional || wrapped ? .optional(element) : element
        case "@append":
            return .list(join(listElement(types[0]), types[1]) ?? .dyn)
        case "@insert":
            return types[0]
        default:
            break
        }
        let candidates = environment.overloads(of: function).filter { $0.isReceiverStyle == (target != nil) }
        guard !candidates.isEmpty else {
            throw CELError(.check, "undeclared reference to '\(function)'", at: position)
        }
        var results: [CELType] = []
        for overload in candidates {
            let saved = bindings
            if let result = apply(overload, to: types) {
                results.append(result)
            } else {
                bindings = saved
            }
        }
        guard var result = results.first else {
            let shown = types.map { finalize($0).description }.joined(separator: ", ")
            throw CELError(.check, "found no matching overload for '\(function)' applied to '(\(shown))'", at: position)
        }
        for other in results.dropFirst() { result = join(result, other) ?? .dyn }
        return result
    }

    private func listElement(_ t: CELType) -> CELType {
        if case .list(let e) = resolved(t) { return e }
        return .dyn
    }

    /// Instantiates an overload's type parameters and checks the arguments against it.
    private mutating func apply(_ overload: CEL.Overload, to arguments: [CELType]) -> CELType? {
        let count = overload.parameters.count
        guard overload.isVariadic ? arguments.count >= count - 1 : arguments.count == count else { return nil }
        var renaming: [String: CELType] = [:]
        for name in overload.typeParameters { renaming[name] = freshVariable() }
        func instantiate(_ t: CELType) -> CELType { Self.substitute(t, renaming) }
        for (i, argument) in arguments.enumerated() {
            let parameter = instantiate(overload.parameters[min(i, count - 1)])
            guard accepts(parameter, argument) else { return nil }
        }
        return instantiate(overload.result)
    }

    /// Whether an argument of type `argument` may be passed for `parameter`, binding
    /// parameters as needed. `dyn` goes anywhere.
    private mutating func accepts(_ parameter: CELType, _ argument: CELType, depth: Int = 0) -> Bool {
        guard depth < 100 else { return true }
        let p = resolved(parameter)
        let a = resolved(argument)
        switch (p, a) {
        case (.parameter(let name), _):
            if case .parameter(let other) = a, other == name { return true }
            bindings[name] = a
            return true
        case (_, .parameter(let name)):
            bindings[name] = p
            return true
        case (.dyn, _), (_, .dyn), (_, .error): return true
        case (.list(let x), .list(let y)): return acceptsWidening(x, y, depth: depth)
        case (.map(let k1, let v1), .map(let k2, let v2)): return acceptsWidening(k1, k2, depth: depth) && acceptsWidening(v1, v2, depth: depth)
        case (.optional(let x), .optional(let y)): return acceptsWidening(x, y, depth: depth)
        case (.type, .type): return true
        case (.opaque(let n1, let p1), .opaque(let n2, let p2)):
            guard n1 == n2, p1.count == p2.count else { return false }
            return zip(p1, p2).allSatisfy { acceptsWidening($0, $1, depth: depth) }
        default: return p == a
        }
    }

    /// Nested positions accept the argument too, widening an already bound parameter to the
    /// join of both types (`T` seen as `int` and as `dyn` becomes `dyn`).
    private mutating func acceptsWidening(_ parameter: CELType, _ argument: CELType, depth: Int) -> Bool {
        if case .parameter(let name) = parameter, let bound = bindings[name] {
            bindings[name] = join(bound, argument, depth: depth + 1) ?? .dyn
            return true
        }
        return accepts(parameter, argument, depth: depth + 1)
    }

    private static func substitute(_ t: CELType, _ renaming: [String: CELType]) -> CELType {
        switch t {
        case .parameter(let name): return renaming[name] ?? t
        case .list(let e): return .list(substitute(e, renaming))
        case .map(let k, let v): return .map(substitute(k, renaming), substitute(v, renaming))
        case .type(let x): return .type(substitute(x, renaming))
        case .optional(let x): return .optional(substitute(x, renaming))
        case .opaque(let name, let ps): return .opaque(name, ps.map { substitute($0, renaming) })
        default: return t
        }
    }
}
