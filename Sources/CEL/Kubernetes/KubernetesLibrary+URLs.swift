/// `kubernetes.urls`: `url()`, `isURL()` and the `get*` accessors on `kubernetes.URL`.
extension CEL.Environment {
    public mutating func addKubernetesURLLibrary() {
        let url = KubernetesURL.celType
        declare(typeNamed: KubernetesURL.celTypeName, as: url)
        addFunction("url", id: "string_to_url", parameters: [.string], result: url) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("url", a) }
            do {
                return .opaque(try KubernetesURL(parsing: text))
            } catch {
                return .failure(error)
            }
        }
        addFunction("isURL", id: "is_url_string", parameters: [.string], result: .bool) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("isURL", a) }
            return .bool(KubernetesURL.isValid(text))
        }
        let accessors: [(String, @Sendable (KubernetesURL) -> String)] = [
            ("getScheme", \.scheme), ("getHost", \.host), ("getHostname", \.hostname),
            ("getPort", \.port), ("getEscapedPath", \.escapedPath),
        ]
        for (name, component) in accessors {
            addMethod(name, on: url, result: .string) { a in
                guard let value = a[0].opaqueValue(KubernetesURL.self) else { return .noSuchOverload(name, a) }
                return .string(component(value))
            }
        }
        addMethod("getQuery", on: url, result: .map(.string, .list(.string))) { a in
            guard let value = a[0].opaqueValue(KubernetesURL.self) else { return .noSuchOverload("getQuery", a) }
            var query = CEL.MapValue()
            // Sorted so the map's iteration order does not depend on hashing.
            for (key, values) in value.query.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                query.set(.list(values.map(CEL.Value.string)), forKey: .string(key))
            }
            return .map(query)
        }
    }
}
