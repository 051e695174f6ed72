/// `kubernetes.lists`: `isSorted`, `sum`, `min`, `max`, `indexOf` and `lastIndexOf` on lists.
///
/// Overloads are declared per element type so the checker rejects `[[1]].min()`; at run time
/// every list fits every overload, so each implementation works from the elements it gets.
extension CEL.Environment {
    public mutating func addKubernetesListsLibrary() {
        typealias Lists = KubernetesLists
        let comparable: [CELType] = [.int, .uint, .double, .bool, .duration, .timestamp, .string, .bytes]
        let summable: [CELType] = [.int, .uint, .double, .duration]
        add(function: "isSorted", comparable.map { element in
            CEL.Overload("list_\(element.name)_is_sorted_bool", receiverStyle: true, parameters: [.list(element)], result: .bool,
                         implementation: Lists.isSorted)
        })
        add(function: "sum", summable.map { element in
            CEL.Overload("list_\(element.name)_sum_\(element.name)", receiverStyle: true, parameters: [.list(element)], result: element,
                         implementation: Lists.sum)
        })
        for (name, wantsLarger) in [("min", false), ("max", true)] {
            add(function: name, comparable.map { element in
                CEL.Overload("list_\(element.name)_\(name)_\(element.name)", receiverStyle: true, parameters: [.list(element)], result: element) { a in
                    Lists.extreme(a, name: name, wantsLarger: wantsLarger)
                }
            })
        }
        let a = CELType.parameter("A")
        addMethod("indexOf", id: "list_a_index_of_int", on: .list(a), parameters: [a], result: .int, typeParameters: ["A"]) { args in
            guard case .list(let items) = args[0] else { return .noSuchOverload("indexOf", args) }
            return .int(Int64(items.firstIndex { $0.isEqual(to: args[1]) } ?? -1))
        }
        addMethod("lastIndexOf", id: "list_a_last_index_of_int", on: .list(a), parameters: [a], result: .int, typeParameters: ["A"]) { args in
            guard case .list(let items) = args[0] else { return .noSuchOverload("lastIndexOf", args) }
            return .int(Int64(items.lastIndex { $0.isEqual(to: args[1]) } ?? -1))
        }
    }
}

enum KubernetesLists {
    typealias Value = CEL.Value

    /// True when no element is greater than the one after it. Elements without an order
    /// between them (mixed kinds in a `dyn` list) are an error, as in Kubernetes.
    static func isSorted(_ arguments: [Value]) -> Value {
        guard case .list(let items) = arguments[0] else { return .noSuchOverload("isSorted", arguments) }
        for (previous, next) in zip(items, items.dropFirst()) {
            guard let order = previous.compare(to: next) else { return .noSuchOverload("isSorted", [previous, next]) }
            // `numericOrder` reports NaN as 2: unordered, so it never breaks sortedness.
            if order == 1 { return .bool(false) }
        }
        return .bool(true)
    }

    /// Sum with CEL's overflow rules; an empty list gives int 0, since at run time an empty
    /// list carries no element type (Kubernetes' documented `[].sum() == 0`).
    static func sum(_ arguments: [Value]) -> Value {
        guard case .list(let items) = arguments[0] else { return .noSuchOverload("sum", arguments) }
        guard var total = items.first else { return .int(0) }
        for item in items.dropFirst() {
            switch (total, item) {
            case (.int(let x), .int(let y)):
                let (result, overflow) = x.addingReportingOverflow(y)
                guard !overflow else { return .error(.overflow) }
                total = .int(result)
            case (.uint(let x), .uint(let y)):
                let (result, overflow) = x.addingReportingOverflow(y)
                guard !overflow else { return .error(.overflow) }
                total = .uint(result)
            case (.double(let x), .double(let y)):
                total = .double(x + y)
            case (.duration(let x), .duration(let y)):
                guard let result = x.adding(y) else { return .error("duration out of range") }
                total = .duration(result)
            default:
                return .noSuchOverload("sum", [total, item])
            }
        }
        switch total {
        case .int, .uint, .double, .duration: return total
        default: return .noSuchOverload("sum", arguments)
        }
    }

    /// `min()` / `max()`: the first smallest (largest) element; an empty list is an error.
    static func extreme(_ arguments: [Value], name: String, wantsLarger: Bool) -> Value {
        guard case .list(let items) = arguments[0] else { return .noSuchOverload(name, arguments) }
        guard var best = items.first else { return .error("\(name) called on empty list") }
        for item in items {
            guard let order = best.compare(to: item) else { return .noSuchOverload(name, [best, item]) }
            if order == (wantsLarger ? -1 : 1) { best = item }
        }
        return best
    }
}
