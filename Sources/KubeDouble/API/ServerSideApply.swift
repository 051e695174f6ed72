/// Server-side apply (`PATCH` with `application/apply-patch+yaml`): create or update,
/// per-manager field ownership with conflicts, dry-run, generation rules.
struct WriteTarget {
    var type: ResourceType
    var namespace: String?
    var name: String
}

struct WriteResult {
    var status: Int
    var object: JSONValue
}

extension APIState {
    func apply(
        _ target: WriteTarget, body: JSONValue, manager: String, force: Bool, dryRun: Bool
    ) throws(APIError) -> WriteResult {
        var config = try envelope(body, target: target, verb: "apply")
        let precondition = config.value(at: ["metadata", "resourceVersion"])?.stringValue
        stripServerFields(&config, type: target.type)
        let key = key(target.type, namespace: target.namespace, name: target.name)
        let fields = FieldSet.paths(of: config)
        let entry = ManagedFieldsEntry(
            manager: manager, operation: "Apply", apiVersion: target.type.groupVersion, time: timestamp, fields: fields)

        guard let live = objects[key] else {
            if let precondition, !precondition.isEmpty {
                throw APIError.notFound(target.type, name: target.name)
            }
            return try create(config, target: target, key: key, managers: fields.isEmpty ? [] : [entry], dryRun: dryRun)
        }
        if let precondition, !precondition.isEmpty, precondition != live.body.value(at: ["metadata", "resourceVersion"])?.stringValue {
            throw APIError.conflict(target.type, name: target.name, message: "the object has been modified; please apply your changes to the latest version and try again")
        }

        let others = live.managers.filter { !($0.manager == manager && $0.operation == "Apply") }
        var result = live.body
        // Fields this manager applied before and no longer applies are removed, unless someone else owns them.
        let previous = live.managers.first { $0.manager == manager && $0.operation == "Apply" }?.fields ?? []
        let newPrefixes = FieldSet.prefixes(of: fields)
        for path in previous.subtracting(fields).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let ownedElsewhere = others.contains { other in
                FieldSet.overlaps(path, paths: other.fields, prefixes: FieldSet.prefixes(of: other.fields))
            }
            if !ownedElsewhere, !FieldSet.overlaps(path, paths: fields, prefixes: newPrefixes) {
                Self.removePruning(&result, at: path)
            }
        }
        result = Self.merge(result, config)
        // The object is stored once whatever version it is applied through.
        if let storedVersion = live.body["apiVersion"] { result.setValue(storedVersion, at: ["apiVersion"]) }

        // A conflict: another manager owns an overlapping field whose value this apply changes.
        var conflicts: [(manager: ManagedFieldsEntry, path: FieldPath)] = []
        for other in others {
            for path in other.fields.sorted(by: { $0.lexicographicallyPrecedes($1) })
            where FieldSet.overlaps(path, paths: fields, prefixes: newPrefixes) && result.value(at: path) != live.body.value(at: path) {
                conflicts.append((other, path))
            }
        }
        var managers = others
        if !conflicts.isEmpty {
            guard force else { throw Self.applyConflict(conflicts, type: target.type, name: target.name) }
            for index in managers.indices {
                let lost = Set(conflicts.filter { $0.manager.manager == managers[index].manager && $0.manager.operation == managers[index].operation }.map(\.path))
                managers[index].fields.subtract(lost)
            }
            managers.removeAll { $0.fields.isEmpty }
        }
        if !fields.isEmpty {
            if let position = live.managers.firstIndex(where: { $0.manager == manager && $0.operation == "Apply" }) {
                managers.insert(entry, at: min(position, managers.count))
            } else {
                managers.append(entry)
            }
        }
        return try update(live: live, result: result, managers: managers, target: target, key: key, dryRun: dryRun)
    }

    /// Writes an updated object unless nothing changed; shared by apply, merge patch and status scripting.
    func update(
        live: StoredObject, result proposed: JSONValue, managers: [ManagedFieldsEntry], target: WriteTarget, key: ObjectKey, dryRun: Bool
    ) throws(APIError) -> WriteResult {
        var result = proposed
        let violations = Validation.immutableViolations(old: live.body, new: result, type: target.type)
        guard violations.isEmpty else { throw APIError.invalid(target.type, name: target.name, causes: violations) }
        let sameOwnership = managers.count == live.managers.count
            && zip(managers, live.managers).allSatisfy { $0.sameOwnership(as: $1) }
        if result == live.body, sameOwnership {
            return WriteResult(status: 200, object: live.rendered(as: target.type))
        }
        let specChanged = Self.withoutMetadataAndStatus(result) != Self.withoutMetadataAndStatus(live.body)
        if target.type.hasGeneration, specChanged {
            result.setValue(.int(live.generation + 1), at: ["metadata", "generation"])
        }
        if target.type.group == "apiextensions.k8s.io" {
            try CustomResources.validate(result, name: target.name)
        }
        let object = StoredObject(type: target.type, body: result, managers: managers)
        if dryRun { return WriteResult(status: 200, object: object.rendered(as: target.type)) }
        commit(object, key: key, event: "MODIFIED")
        didWrite(key: key, created: false, specChanged: specChanged)
        return WriteResult(status: 200, object: objects[key]?.rendered(as: target.type) ?? .null)
    }

    func create(
        _ config: JSONValue, target: WriteTarget, key: ObjectKey, managers: [ManagedFieldsEntry], dryRun: Bool
    ) throws(APIError) -> WriteResult {
        if target.type.namespaced {
            let namespace = target.namespace ?? ""
            let namespaceKey = ObjectKey(group: "", plural: "namespaces", namespace: "", name: namespace)
            guard let namespaceObject = objects[namespaceKey] else { throw APIError.namespaceNotFound(namespace) }
            if namespaceObject.isDeleting {
                throw APIError(
                    code: 403, reason: "Forbidden",
                    message: "\(target.type.qualifiedResource) \"\(target.name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated",
                    details: [
                        "name": .string(target.name), "group": .string(target.type.group), "kind": .string(target.type.plural),
                        "causes": [["reason": "NamespaceTerminating", "message": .string("namespace \(namespace) is being terminated"), "field": "metadata.namespace"]],
                    ])
            }
        }
        var body = config
        body.setValue(.string(target.type.groupVersion), at: ["apiVersion"])
        body.setValue(.string(target.type.kind), at: ["kind"])
        body.setValue(.string(target.name), at: ["metadata", "name"])
        if target.type.namespaced { body.setValue(.string(target.namespace ?? ""), at: ["metadata", "namespace"]) }
        if target.type.group == "apiextensions.k8s.io" {
            try CustomResources.validate(body, name: target.name)
        }
        prepareCreate(&body, type: target.type)
        let object = StoredObject(type: target.type, body: body, managers: managers)
        // A dry-run create has a uid but no resourceVersion: that is how callers tell "would create".
        if dryRun { return WriteResult(status: 201, object: object.rendered(as: target.type)) }
        commit(object, key: key, event: "ADDED")
        didWrite(key: key, created: true, specChanged: true)
        return WriteResult(status: 201, object: objects[key]?.rendered(as: target.type) ?? .null)
    }

    /// Checks the body's envelope against the URL and returns it as a config object.
    func envelope(_ body: JSONValue, target: WriteTarget, verb: String) throws(APIError) -> JSONValue {
        guard body.objectValue != nil else { throw APIError.badRequest("the body of the request must be an object") }
        if let apiVersion = body["apiVersion"]?.stringValue, apiVersion != target.type.groupVersion {
            throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(target.type.groupVersion))")
        }
        if let kind = body["kind"]?.stringValue, kind != target.type.kind {
            throw APIError.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(target.type.kind))")
        }
        if body["apiVersion"] == nil || body["kind"] == nil, verb == "apply" {
            throw APIError.badRequest("apiVersion and kind must be set in an applied configuration")
        }
        if let name = body.value(at: ["metadata", "name"])?.stringValue, name != target.name {
            throw APIError.badRequest("the name of the object (\(name)) does not match the name on the URL (\(target.name))")
        }
        if let namespace = body.value(at: ["metadata", "namespace"])?.stringValue, target.type.namespaced, namespace != (target.namespace ?? "") {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if body.value(at: ["metadata", "managedFields"]) != nil, verb == "apply" {
            throw APIError.badRequest("metadata.managedFields must be nil")
        }
        guard Validation.isValidName(target.name) else {
            throw APIError.invalid(target.type, name: target.name, causes: [(
                "metadata.name",
                "Invalid value: \"\(target.name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
            )])
        }
        return body
    }

    /// Removes what a client may not set: server metadata, and `status` where it is a subresource.
    func stripServerFields(_ config: inout JSONValue, type: ResourceType) {
        for field in FieldSet.serverMetadata where field != "name" && field != "namespace" {
            config.removeValue(at: ["metadata", field])
        }
        if type.hasStatus { config.removeValue(at: ["status"]) }
    }

    static func applyConflict(_ conflicts: [(manager: ManagedFieldsEntry, path: FieldPath)], type: ResourceType, name: String) -> APIError {
        func describe(_ entry: ManagedFieldsEntry) -> String {
            entry.operation == "Update" ? "\"\(entry.manager)\" using \(entry.apiVersion)" : "\"\(entry.manager)\""
        }
        let causes: [JSONValue] = conflicts.map {
            ["reason": "FieldManagerConflict", "message": .string("conflict with \(describe($0.manager))"), "field": .string(FieldSet.display($0.path))]
        }
        let message: String
        if conflicts.count == 1, let only = conflicts.first {
            message = "Apply failed with 1 conflict: conflict with \(describe(only.manager)): \(FieldSet.display(only.path))"
        } else {
            var lines: [String] = []
            var seen: [String] = []
            for conflict in conflicts where !seen.contains(describe(conflict.manager)) {
                let owner = describe(conflict.manager)
                seen.append(owner)
                lines.append("conflicts with \(owner):")
                lines += conflicts.filter { describe($0.manager) == owner }.map { "- " + FieldSet.display($0.path) }
            }
            message = "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
        }
        return APIError(
            code: 409, reason: "Conflict", message: message,
            details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.plural), "causes": .array(causes)])
    }

    /// Objects merge key by key; anything else (scalars, lists) is replaced.
    static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(var members) = base, case .object(let additions) = overlay else { return overlay }
        for (key, value) in additions {
            members[key] = members[key].map { merge($0, value) } ?? value
        }
        return .object(members)
    }

    /// Removes a field and then any parent object the removal left empty (below the top level).
    static func removePruning(_ object: inout JSONValue, at path: FieldPath) {
        guard object.removeValue(at: path) else { return }
        var parent = Array(path.dropLast())
        while parent.count > 1, let value = object.value(at: parent)?.objectValue, value.isEmpty {
            object.removeValue(at: parent)
            parent.removeLast()
        }
    }

    static func withoutMetadataAndStatus(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        members.removeValue(forKey: "metadata")
        members.removeValue(forKey: "status")
        return .object(members)
    }
}
