import Foundation

/// GET of one object and LIST of a collection (namespaced, across namespaces, cluster-scoped).
struct ListQuery {
    var type: ResourceType
    /// nil lists across all namespaces.
    var namespace: String?
    var labelSelector: LabelSelector?
    /// `metadata.name=x` and `metadata.namespace=x` from `fieldSelector`.
    var fieldName: String?
    var fieldNamespace: String?

    func matches(_ key: ObjectKey, _ object: StoredObject) -> Bool {
        guard key.group == type.group, key.plural == type.plural else { return false }
        if type.namespaced, let namespace, key.namespace != namespace { return false }
        if let fieldName, key.name != fieldName { return false }
        if let fieldNamespace, key.namespace != fieldNamespace { return false }
        if let labelSelector, !labelSelector.matches(object.labels) { return false }
        return true
    }

    static func fieldSelector(_ text: String) throws(APIError) -> (name: String?, namespace: String?) {
        var name: String?
        var namespace: String?
        for clause in text.split(separator: ",") {
            let parts = clause.replacingOccurrences(of: "==", with: "=").split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw APIError.badRequest("invalid field selector \"\(text)\"") }
            switch parts[0] {
            case "metadata.name": name = parts[1]
            case "metadata.namespace": namespace = parts[1]
            default: throw APIError.badRequest("field label not supported: \(parts[0])")
            }
        }
        return (name, namespace)
    }
}

extension APIState {
    func get(_ type: ResourceType, namespace: String?, name: String) throws(APIError) -> JSONValue {
        guard let object = objects[key(type, namespace: namespace, name: name)] else {
            throw APIError.notFound(type, name: name)
        }
        return object.rendered(as: type)
    }

    func list(_ query: ListQuery) -> JSONValue {
        let items = objects.keys.sorted().compactMap { key -> JSONValue? in
            guard let object = objects[key], query.matches(key, object) else { return nil }
            var item = object.rendered(as: query.type)
            // Built-in list items carry no apiVersion/kind in JSON, as on a real server.
            if query.type.definedBy == nil {
                item.removeValue(at: ["apiVersion"])
                item.removeValue(at: ["kind"])
            }
            return item
        }
        return [
            "apiVersion": .string(query.type.groupVersion), "kind": .string(query.type.listKind),
            "metadata": ["resourceVersion": .string(String(resourceVersion))], "items": .array(items),
        ]
    }

    /// An Expired error for a resourceVersion older than the retained history.
    func expired(_ requested: Int) -> APIError {
        APIError(code: 410, reason: "Expired", message: "too old resource version: \(requested) (\(compactedThrough + 1))")
    }
}
