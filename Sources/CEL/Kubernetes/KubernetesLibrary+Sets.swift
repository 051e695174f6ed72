/// cel-go's `ext.Sets`, enabled by Kubernetes since 1.29: `sets.contains`, `sets.equivalent`
/// and `sets.intersects` on lists, with CEL equality (`1`, `1u` and `1.0` are the same element).
extension CEL.Environment {
    public mutating func addSetsExtension() {
        let list = CELType.list(.parameter("T"))
        let functions: [(String, @Sendable ([CEL.Value], [CEL.Value]) -> Bool)] = [
            ("sets.contains", { KubernetesSets.contains($0, $1) }),
            ("sets.equivalent", { KubernetesSets.contains($0, $1) && KubernetesSets.contains($1, $0) }),
            ("sets.intersects", { KubernetesSets.intersects($0, $1) }),
        ]
        for (name, test) in functions {
            addFunction(name, id: name.replacingOccurrences(of: ".", with: "_"), parameters: [list, list], result: .bool,
                        typeParameters: ["T"]) { a in
                guard case .list(let first) = a[0], case .list(let second) = a[1] else { return .noSuchOverload(name, a) }
                return .bool(test(first, second))
            }
        }
    }
}

enum KubernetesSets {
    /// Whether every element of `subset` is in `superset`.
    static func contains(_ superset: [CEL.Value], _ subset: [CEL.Value]) -> Bool {
        let members = Membership(superset)
        return subset.allSatisfy(members.contains)
    }

    static func intersects(_ a: [CEL.Value], _ b: [CEL.Value]) -> Bool {
        let (smaller, larger) = a.count <= b.count ? (a, b) : (b, a)
        let members = Membership(smaller)
        return larger.contains(where: members.contains)
    }

    /// Membership in a list under CEL equality: scalars that can be map keys (and integral
    /// doubles, which equal such keys) are hashed, so large sets of strings or numbers stay
    /// linear; other values (lists, maps, bytes, NaN...) are compared one by one.
    struct Membership {
        private var hashed: Set<CEL.MapValue.Key> = []
        private var others: [CEL.Value] = []

        init(_ values: [CEL.Value]) {
            for value in values {
                if let key = CEL.MapValue.Key(lookup: value) {
                    hashed.insert(key)
                } else {
                    others.append(value)
                }
            }
        }

        func contains(_ value: CEL.Value) -> Bool {
            if let key = CEL.MapValue.Key(lookup: value) { return hashed.contains(key) }
            return others.contains { $0.isEqual(to: value) }
        }
    }
}
