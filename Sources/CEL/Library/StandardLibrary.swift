/// CEL's standard functions and operators, registered into an environment.
enum StandardLibrary {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        registerArithmetic(in: &env)
        registerComparisons(in: &env)
        registerContainers(in: &env)
        Conversions.register(in: &env)
        StringFunctions.register(in: &env)
        TimeFunctions.register(in: &env)
        OptionalFunctions.register(in: &env)
    }

    // MARK: Arithmetic

    private static func registerArithmetic(in env: inout CEL.Environment) {
        env.add(function: "_+_", [
            .init("add_int64", parameters: [.int, .int], result: .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                let (r, o) = x.addingReportingOverflow(y)
                return o ? .error(.overflow) : .int(r)
            },
            .init("add_uint64", parameters: [.uint, .uint], result: .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                let (r, o) = x.addingReportingOverflow(y)
                return o ? .error(.overflow) : .uint(r)
            },
            .init("add_double", parameters: [.double, .double], result: .double) { a in
                guard case .double(let x) = a[0], case .double(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return .double(x + y)
            },
            .init("add_string", parameters: [.string, .string], result: .string) { a in
                guard case .string(let x) = a[0], case .string(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return .string(x + y)
            },
            .init("add_bytes", parameters: [.bytes, .bytes], result: .bytes) { a in
                guard case .bytes(let x) = a[0], case .bytes(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return .bytes(x + y)
            },
            .init("add_list", parameters: [.list(.parameter("T")), .list(.parameter("T"))], result: .list(.parameter("T")), typeParameters: ["T"]) { a in
                guard case .list(let x) = a[0], case .list(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return .list(x + y)
            },
            .init("add_duration_duration", parameters: [.duration, .duration], result: .duration) { a in
                guard case .duration(let x) = a[0], case .duration(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return x.adding(y).map(Value.duration) ?? .error("duration out of range")
            },
            .init("add_timestamp_duration", parameters: [.timestamp, .duration], result: .timestamp) { a in
                guard case .timestamp(let x) = a[0], case .duration(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return x.adding(y).map(Value.timestamp) ?? .error("timestamp out of range")
            },
            .init("add_duration_timestamp", parameters: [.duration, .timestamp], result: .timestamp) { a in
                guard case .duration(let x) = a[0], case .timestamp(let y) = a[1] else { return .noSuchOverload("_+_", a) }
                return y.adding(x).map(Value.timestamp) ?? .error("timestamp out of range")
            },
        ])
        env.add(function: "_-_", [
            .init("subtract_int64", parameters: [.int, .int], result: .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .noSuchOverload("_-_", a) }
                let (r, o) = x.subtractingReportingOverflow(y)
                return o ? .error(.overflow) : .int(r)
            },
            .init("subtract_uint64", parameters: [.uint, .uint], result: .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .noSuchOverload("_-_", a) }
                let (r, o) = x.subtractingReportingOverflow(y)
                return o ? .error(.overflow) : .uint(r)
            },
            .init("subtract_double", parameters: [.double, .double], result: .double) { a in
                guard case .double(let x) = a[0], case .double(let y) = a[1] else { return .noSuchOverload("_-_", a) }
                return .double(x - y)
            },
            .init("subtract_duration_duration", parameters: [.duration, .duration], result: .duration) { a in
                guard case .duration(let x) = a[0], case .duration(let y) = a[1], let negated = y.negated else { return .noSuchOverload("_-_", a) }
                return x.adding(negated).map(Value.duration) ?? .error("duration out of range")
            },
            .init("subtract_timestamp_timestamp", parameters: [.timestamp, .timestamp], result: .duration) { a in
                guard case .timestamp(let x) = a[0], case .timestamp(let y) = a[1] else { return .noSuchOverload("_-_", a) }
                return x.subtracting(y).map(Value.duration) ?? .error("duration out of range")
            },
            .init("subtract_timestamp_duration", parameters: [.timestamp, .duration], result: .timestamp) { a in
                guard case .timestamp(let x) = a[0], case .duration(let y) = a[1], let negated = y.negated else { return .noSuchOverload("_-_", a) }
                return x.adding(negated).map(Value.timestamp) ?? .error("timestamp out of range")
            },
        ])
        env.add(function: "_*_", [
            .init("multiply_int64", parameters: [.int, .int], result: .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .noSuchOverload("_*_", a) }
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? .error(.overflow) : .int(r)
            },
            .init("multiply_uint64", parameters: [.uint, .uint], result: .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .noSuchOverload("_*_", a) }
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? .error(.overflow) : .uint(r)
            },
            .init("multiply_double", parameters: [.double, .double], result: .double) { a in
                guard case .double(let x) = a[0], case .double(let y) = a[1] else { return .noSuchOverload("_*_", a) }
                return .double(x * y)
            },
        ])
        env.add(function: "_/_", [
            .init("divide_int64", parameters: [.int, .int], result: .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .noSuchOverload("_/_", a) }
                guard y != 0 else { return .error(.divideByZero) }
                let (r, o) = x.dividedReportingOverflow(by: y)
                return o ? .error(.overflow) : .int(r)
            },
            .init("divide_uint64", parameters: [.uint, .uint], result: .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .noSuchOverload("_/_", a) }
                guard y != 0 else { return .error(.divideByZero) }
                return .uint(x / y)
            },
            .init("divide_double", parameters: [.double, .double], result: .double) { a in
                guard case .double(let x) = a[0], case .double(let y) = a[1] else { return .noSuchOverload("_/_", a) }
                return .double(x / y)
            },
        ])
        env.add(function: "_%_", [
            .init("modulo_int64", parameters: [.int, .int], result: .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .noSuchOverload("_%_", a) }
                guard y != 0 else { return .error(.moduloByZero) }
                let (r, o) = x.remainderReportingOverflow(dividingBy: y)
                return o ? .error(.overflow) : .int(r)
            },
            .init("modulo_uint64", parameters: [.uint, .uint], result: .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .noSuchOverload("_%_", a) }
                guard y != 0 else { return .error(.moduloByZero) }
                return .uint(x % y)
            },
        ])
        env.add(function: "-_", [
            .init("negate_int64", parameters: [.int], result: .int) { a in
                guard case .int(let x) = a[0] else { return .noSuchOverload("-_", a) }
                let (r, o) = Int64(0).subtractingReportingOverflow(x)
                return o ? .error(.overflow) : .int(r)
            },
            .init("negate_double", parameters: [.double], result: .double) { a in
                guard case .double(let x) = a[0] else { return .noSuchOverload("-_", a) }
                return .double(-x)
            },
        ])
        env.add(function: "!_", [
            .init("logical_not", parameters: [.bool], result: .bool) { a in
                guard case .bool(let x) = a[0] else { return .noSuchOverload("!_", a) }
                return .bool(!x)
            },
        ])
    }

    // MARK: Comparisons

    private static let orderedTypes: [CELType] = [.bool, .int, .uint, .double, .string, .bytes, .timestamp, .duration]

    private static func registerComparisons(in env: inout CEL.Environment) {
        env.add(function: "_==_", [.init("equals", parameters: [.parameter("A"), .parameter("A")], result: .bool, typeParameters: ["A"]) { a in
            .bool(a[0].isEqual(to: a[1]))
        }])
        env.add(function: "_!=_", [.init("not_equals", parameters: [.parameter("A"), .parameter("A")], result: .bool, typeParameters: ["A"]) { a in
            .bool(!a[0].isEqual(to: a[1]))
        }])
        let relations: [(String, String, @Sendable (Int) -> Bool)] = [
            ("_<_", "less", { $0 < 0 }), ("_<=_", "less_equals", { $0 <= 0 }),
            ("_>_", "greater", { $0 > 0 && $0 != 2 }), ("_>=_", "greater_equals", { $0 >= 0 && $0 != 2 }),
        ]
        let numeric: [CELType] = [.int, .uint, .double]
        for (function, name, test) in relations {
            var overloads: [CEL.Overload] = []
            var pairs = orderedTypes.map { ($0, $0) }
            for a in numeric { for b in numeric where a != b { pairs.append((a, b)) } }
            for (a, b) in pairs {
                overloads.append(.init("\(name)_\(a.name)_\(b.name)", parameters: [a, b], result: .bool) { args in
                    guard let order = args[0].compare(to: args[1]) else { return .noSuchOverload(function, args) }
                    return .bool(test(order))
                })
            }
            // Extension values with an order of their own.
            overloads.append(.init("\(name)_opaque", parameters: [.parameter("A"), .parameter("A")], result: .bool, typeParameters: ["A"]) { args in
                guard case .opaque = args[0], let order = args[0].compare(to: args[1]) else { return .noSuchOverload(function, args) }
                return .bool(test(order))
            })
            env.add(function: function, overloads)
        }
    }

    // MARK: Containers and types

    private static func registerContainers(in env: inout CEL.Environment) {
        env.add(function: "@in", [
            .init("in_list", parameters: [.parameter("A"), .list(.parameter("A"))], result: .bool, typeParameters: ["A"]) { a in
                guard case .list(let items) = a[1] else { return .noSuchOverload("@in", a) }
                return .bool(items.contains { $0.isEqual(to: a[0]) })
            },
            .init("in_map", parameters: [.parameter("A"), .map(.parameter("A"), .parameter("B"))], result: .bool, typeParameters: ["A", "B"]) { a in
                guard case .map(let map) = a[1] else { return .noSuchOverload("@in", a) }
                return .bool(map[a[0]] != nil)
            },
        ])
        let size: @Sendable ([Value]) -> Value = { a in
            switch a[0] {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: return .noSuchOverload("size", a)
            }
        }
        let sized: [CELType] = [.string, .bytes, .list(.parameter("A")), .map(.parameter("A"), .parameter("B"))]
        env.add(function: "size", sized.map { .init("size_\($0.name)", parameters: [$0], result: .int, typeParameters: ["A", "B"], implementation: size) }
            + sized.map { .init("\($0.name)_size", receiverStyle: true, parameters: [$0], result: .int, typeParameters: ["A", "B"], implementation: size) })
        env.add(function: "type", [.init("type", parameters: [.parameter("A")], result: .type(.parameter("A")), typeParameters: ["A"]) { a in
            .type(a[0].runtimeType)
        }])
        env.add(function: "dyn", [.init("to_dyn", parameters: [.parameter("A")], result: .dyn, typeParameters: ["A"]) { a in a[0] }])
    }
}
