extension CEL.Value {
    /// CEL equality (`==`): numbers compare by value across int, uint and double; values of
    /// different kinds are unequal rather than an error; strings compare by code points.
    public func isEqual(to other: CEL.Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.type(let a), .type(let b)): return a.name == b.name
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.isEqual(to: $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            return a.entries.allSatisfy { entry in
                guard let other = b[entry.key] else { return false }
                return entry.value.isEqual(to: other)
            }
        case (.optional(let a), .optional(let b)):
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return x.isEqual(to: y)
            default: return false
            }
        case (.opaque(let a), .opaque(let b)):
            return a.typeName == b.typeName && a.isEqual(to: b)
        default:
            if let order = numericOrder(self, other) { return order == 0 }
            return false
        }
    }

    /// Ordering for `<`, `<=`, `>`, `>=`; `nil` when the pair has no ordering overload.
    func compare(to other: CEL.Value) -> Int? {
        switch (self, other) {
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.string(let a), .string(let b)): return Self.order(a.utf8, b.utf8)
        case (.bytes(let a), .bytes(let b)): return Self.order(a, b)
        case (.duration(let a), .duration(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.timestamp(let a), .timestamp(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.opaque(let a), .opaque(let b)) where a.typeName == b.typeName: return a.compare(to: b)
        default: return numericOrder(self, other)
        }
    }

    private static func order<S: Sequence>(_ a: S, _ b: S) -> Int where S.Element == UInt8 {
        var i = a.makeIterator()
        var j = b.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }
}

/// Orders two numbers of possibly different numeric types; `nil` if either is not a number.
/// NaN is unordered, which makes every comparison with it false (the caller treats `2` as such).
func numericOrder(_ a: CEL.Value, _ b: CEL.Value) -> Int? {
    func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x == y ? 0 : (x < y ? -1 : 1) }
    func doubles(_ x: Double, _ y: Double) -> Int { x.isNaN || y.isNaN ? 2 : sign(x, y) }
    switch (a, b) {
    case (.int(let x), .int(let y)): return sign(x, y)
    case (.uint(let x), .uint(let y)): return sign(x, y)
    case (.double(let x), .double(let y)): return doubles(x, y)
    case (.int(let x), .uint(let y)): return x < 0 ? -1 : sign(UInt64(x), y)
    case (.uint(let x), .int(let y)): return y < 0 ? 1 : sign(x, UInt64(y))
    case (.int(let x), .double(let y)): return doubles(Double(x), y)
    case (.double(let x), .int(let y)): return doubles(x, Double(y))
    case (.uint(let x), .double(let y)): return doubles(Double(x), y)
    case (.double(let x), .uint(let y)): return doubles(x, Double(y))
    default: return nil
    }
}
