/// `optional.of`, `optional.none`, `optional.ofNonZeroValue`, `hasValue`, `value`, `or`,
/// `orValue` (`optMap` and `optFlatMap` are macros).
enum OptionalFunctions {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        let t = CELType.parameter("T")
        env.add(function: "optional.of", [.init("optional_of", parameters: [t], result: .optional(t), typeParameters: ["T"]) { a in
            .optional(a[0])
        }])
        env.add(function: "optional.ofNonZeroValue", [.init("optional_ofNonZeroValue", parameters: [t], result: .optional(t), typeParameters: ["T"]) { a in
            .optional(a[0].isZeroValue ? nil : a[0])
        }])
        env.add(function: "optional.none", [.init("optional_none", parameters: [], result: .optional(t), typeParameters: ["T"]) { _ in
            .optional(nil)
        }])
        env.addMethod("hasValue", on: .optional(t), result: .bool, typeParameters: ["T"]) { a in
            guard case .optional(let o) = a[0] else { return .noSuchOverload("hasValue", a) }
            return .bool(o != nil)
        }
        env.addMethod("value", on: .optional(t), result: t, typeParameters: ["T"]) { a in
            guard case .optional(let o) = a[0] else { return .noSuchOverload("value", a) }
            return o ?? .error("optional.none() dereference")
        }
        env.addMethod("or", on: .optional(t), parameters: [.optional(t)], result: .optional(t), typeParameters: ["T"]) { a in
            guard case .optional(let o) = a[0] else { return .noSuchOverload("or", a) }
            return o == nil ? a[1] : a[0]
        }
        env.addMethod("orValue", on: .optional(t), parameters: [t], result: t, typeParameters: ["T"]) { a in
            guard case .optional(let o) = a[0] else { return .noSuchOverload("orValue", a) }
            return o ?? a[1]
        }
    }
}
