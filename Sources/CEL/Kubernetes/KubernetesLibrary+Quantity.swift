/// `kubernetes.quantity`: `quantity()`, `isQuantity()`, and on `kubernetes.Quantity`
/// `isInteger`, `asInteger`, `asApproximateFloat`, `sign`, `add`, `sub`, `compareTo`,
/// `isGreaterThan` and `isLessThan`.
extension CEL.Environment {
    public mutating func addKubernetesQuantityLibrary() {
        typealias Quantity = KubernetesQuantity
        let quantity = Quantity.celType
        declare(typeNamed: Quantity.celTypeName, as: quantity)
        addFunction("quantity", id: "string_to_quantity", parameters: [.string], result: quantity) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("quantity", a) }
            do {
                return .opaque(try Quantity(parsing: text))
            } catch {
                return .failure(error)
            }
        }
        addFunction("isQuantity", id: "is_quantity_string", parameters: [.string], result: .bool) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("isQuantity", a) }
            return .bool(Quantity.isValid(text))
        }
        addMethod("isInteger", id: "quantity_is_integer", on: quantity, result: .bool) { a in
            guard let q = a[0].opaqueValue(Quantity.self) else { return .noSuchOverload("isInteger", a) }
            return .bool(q.isInteger)
        }
        addMethod("asInteger", id: "quantity_get_int", on: quantity, result: .int) { a in
            guard let q = a[0].opaqueValue(Quantity.self) else { return .noSuchOverload("asInteger", a) }
            do {
                return .int(try q.asInteger())
            } catch {
                return .failure(error)
            }
        }
        addMethod("asApproximateFloat", id: "quantity_get_float", on: quantity, result: .double) { a in
            guard let q = a[0].opaqueValue(Quantity.self) else { return .noSuchOverload("asApproximateFloat", a) }
            return .double(q.approximateDouble)
        }
        // Kubernetes documents `q.sign()` but declares `sign` as a global overload; accept both.
        let sign: @Sendable ([CEL.Value]) -> CEL.Value = { a in
            guard let q = a[0].opaqueValue(Quantity.self) else { return .noSuchOverload("sign", a) }
            return .int(Int64(q.sign))
        }
        add(function: "sign", [
            CEL.Overload("quantity_sign", parameters: [quantity], result: .int, implementation: sign),
            CEL.Overload("quantity_sign_member", receiverStyle: true, parameters: [quantity], result: .int, implementation: sign),
        ])
        registerQuantityArithmetic(quantity)
        registerQuantityComparisons(quantity)
    }

    private mutating func registerQuantityArithmetic(_ quantity: CELType) {
        typealias Quantity = KubernetesQuantity
        for (name, isAddition) in [("add", true), ("sub", false)] {
            let apply: @Sendable ([CEL.Value]) -> CEL.Value = { a in
                guard let q = a[0].opaqueValue(Quantity.self) else { return .noSuchOverload(name, a) }
                do {
                    if case .int(let i) = a[1] {
                        return .opaque(isAddition ? try q.adding(i) : try q.subtracting(i))
                    }
                    guard let other = a[1].opaqueValue(Quantity.self) else { return .noSuchOverload(name, a) }
                    return .opaque(isAddition ? try q.adding(other) : try q.subtracting(other))
                } catch {
                    return .failure(error)
                }
            }
            add(function: name, [
                CEL.Overload("quantity_\(name)", receiverStyle: true, parameters: [quantity, quantity], result: quantity, implementation: apply),
                CEL.Overload("quantity_\(name)_int", receiverStyle: true, parameters: [quantity, .int], result: quantity, implementation: apply),
            ])
        }
    }

    private mutating func registerQuantityComparisons(_ quantity: CELType) {
        typealias Quantity = KubernetesQuantity
        let comparisons: [(String, String, CELType, @Sendable (Int) -> CEL.Value)] = [
            ("compareTo", "quantity_compare_to", .int, { .int(Int64($0)) }),
            ("isGreaterThan", "quantity_is_greater_than", .bool, { .bool($0 > 0) }),
            ("isLessThan", "quantity_is_less_than", .bool, { .bool($0 < 0) }),
        ]
        for (name, id, result, answer) in comparisons {
            addMethod(name, id: id, on: quantity, parameters: [quantity], result: result) { a in
                guard let q = a[0].opaqueValue(Quantity.self), let other = a[1].opaqueValue(Quantity.self) else {
                    return .noSuchOverload(name, a)
                }
                return answer(q.compare(to: other))
            }
        }
    }
}
