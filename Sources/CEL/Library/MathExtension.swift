/// cel-go's `ext.Math` library: `math.greatest`, `math.least`, rounding, `abs`, `sign`,
/// floating-point classification and bit operations.
enum MathExtension {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        registerExtremes(in: &env)
        registerRounding(in: &env)
        registerBits(in: &env)
    }

    private static func isNumber(_ v: Value) -> Bool {
        switch v {
        case .int, .uint, .double: return true
        default: return false
        }
    }

    /// `math.greatest(a, b, ...)` or `math.greatest([a, b, ...])`, keeping the winner's type.
    private static func registerExtremes(in env: inout CEL.Environment) {
        for (name, wantsGreater) in [("math.greatest", true), ("math.least", false)] {
            let pick: @Sendable ([Value]) -> Value = { arguments in
                var candidates = arguments
                if arguments.count == 1, case .list(let items) = arguments[0] { candidates = items }
                guard let first = candidates.first else { return .error("\(name)(): list must not be empty") }
                var best = first
                for candidate in candidates {
                    guard isNumber(candidate) else { return .noSuchOverload(name, arguments) }
                    guard let order = numericOrder(candidate, best) else { return .noSuchOverload(name, arguments) }
                    if order != 2 && (wantsGreater ? order > 0 : order < 0) { best = candidate }
                }
                guard isNumber(best) else { return .noSuchOverload(name, arguments) }
                return best
            }
            var overload = CEL.Overload("\(name)_variadic", parameters: [.dyn], result: .dyn, implementation: pick)
            overload.isVariadic = true
            env.add(function: name, [overload])
        }
    }

    private static func registerRounding(in env: inout CEL.Environment) {
        let rounding: [(String, FloatingPointRoundingRule)] = [
            ("math.ceil", .up), ("math.floor", .down), ("math.round", .toNearestOrAwayFromZero), ("math.trunc", .towardZero),
        ]
        for (name, rule) in rounding {
            env.addFunction(name, parameters: [.double], result: .double) { a in
                guard case .double(let d) = a[0] else { return .noSuchOverload(name, a) }
                return .double(d.rounded(rule))
            }
        }
        env.add(function: "math.abs", [
            .init("math_abs_int", parameters: [.int], result: .int) { a in
                guard case .int(let i) = a[0] else { return .noSuchOverload("math.abs", a) }
                return i == .min ? .error(.overflow) : .int(Swift.abs(i))
            },
            .init("math_abs_uint", parameters: [.uint], result: .uint) { $0[0] },
            .init("math_abs_double", parameters: [.double], result: .double) { a in
                guard case .double(let d) = a[0] else { return .noSuchOverload("math.abs", a) }
                return .double(Swift.abs(d))
            },
        ])
        env.add(function: "math.sign", [
            .init("math_sign_int", parameters: [.int], result: .int) { a in
                guard case .int(let i) = a[0] else { return .noSuchOverload("math.sign", a) }
                return .int(Int64(i.signum()))
            },
            .init("math_sign_uint", parameters: [.uint], result: .uint) { a in
                guard case .uint(let u) = a[0] else { return .noSuchOverload("math.sign", a) }
                return .uint(u == 0 ? 0 : 1)
            },
            .init("math_sign_double", parameters: [.double], result: .double) { a in
                guard case .double(let d) = a[0] else { return .noSuchOverload("math.sign", a) }
                if d.isNaN { return .double(d) }
                return .double(d > 0 ? 1 : (d < 0 ? -1 : 0))
            },
        ])
        let classifiers: [(String, @Sendable (Double) -> Bool)] = [
            ("math.isNaN", { $0.isNaN }), ("math.isInf", { $0.isInfinite }), ("math.isFinite", { $0.isFinite }),
        ]
        for (name, test) in classifiers {
            env.addFunction(name, parameters: [.double], result: .bool) { a in
                guard case .double(let d) = a[0] else { return .noSuchOverload(name, a) }
                return .bool(test(d))
            }
        }
    }

    private static func registerBits(in env: inout CEL.Environment) {
        let binary: [(String, @Sendable (UInt64, UInt64) -> UInt64)] = [
            ("math.bitAnd", { $0 & $1 }), ("math.bitOr", { $0 | $1 }), ("math.bitXor", { $0 ^ $1 }),
        ]
        for (name, op) in binary {
            env.add(function: name, [
                .init("\(name)_int_int", parameters: [.int, .int], result: .int) { a in
                    guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .noSuchOverload(name, a) }
                    return .int(Int64(bitPattern: op(UInt64(bitPattern: x), UInt64(bitPattern: y))))
                },
                .init("\(name)_uint_uint", parameters: [.uint, .uint], result: .uint) { a in
                    guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .noSuchOverload(name, a) }
                    return .uint(op(x, y))
                },
            ])
        }
        env.add(function: "math.bitNot", [
            .init("math_bitNot_int", parameters: [.int], result: .int) { a in
                guard case .int(let x) = a[0] else { return .noSuchOverload("math.bitNot", a) }
                return .int(~x)
            },
            .init("math_bitNot_uint", parameters: [.uint], result: .uint) { a in
                guard case .uint(let x) = a[0] else { return .noSuchOverload("math.bitNot", a) }
                return .uint(~x)
            },
        ])
        // Shifts move bits as unsigned 64-bit patterns; shifting by 64 or more clears them all.
        for (name, left) in [("math.bitShiftLeft", true), ("math.bitShiftRight", false)] {
            let shift: @Sendable (UInt64, Int64) -> UInt64 = { bits, count in
                guard count < 64 else { return 0 }
                return left ? bits << UInt64(count) : bits >> UInt64(count)
            }
            env.add(function: name, [
                .init("\(name)_int_int", parameters: [.int, .int], result: .int) { a in
                    guard case .int(let x) = a[0], case .int(let n) = a[1] else { return .noSuchOverload(name, a) }
                    guard n >= 0 else { return .error("\(name)() negative offset: \(n)") }
                    return .int(Int64(bitPattern: shift(UInt64(bitPattern: x), n)))
                },
                .init("\(name)_uint_int", parameters: [.uint, .int], result: .uint) { a in
                    guard case .uint(let x) = a[0], case .int(let n) = a[1] else { return .noSuchOverload(name, a) }
                    guard n >= 0 else { return .error("\(name)() negative offset: \(n)") }
                    return .uint(shift(x, n))
                },
            ])
        }
    }
}
