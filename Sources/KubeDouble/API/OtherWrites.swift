/// The writes besides apply: `POST` create and JSON merge patches (operation `Update`).
extension APIState {
    func createObject(_ target: WriteTarget, body: JSONValue, manager: String, dryRun: Bool) throws(APIError) -> WriteResult {
        var config = try envelope(body, target: target, verb: "create")
        stripServerFields(&config, type: target.type)
        let key = key(target.type, namespace: target.namespace, name: target.name)
        if objects[key] != nil {
            throw APIError(
                code: 409, reason: "AlreadyExists", message: "\(target.type.qualifiedResource) \"\(target.name)\" already exists",
                details: ["name": .string(target.name), "group": .string(target.type.group), "kind": .string(target.type.plural)])
        }
        let fields = FieldSet.paths(of: config)
        let entry = ManagedFieldsEntry(manager: manager, operation: "Update", apiVersion: target.type.groupVersion, time: timestamp, fields: fields)
        return try create(config, target: target, key: key, managers: fields.isEmpty ? [] : [entry], dryRun: dryRun)
    }

    /// RFC 7386 merge patch; the manager takes the patched fields from everyone else, as an update does.
    func mergePatch(_ target: WriteTarget, patch: JSONValue, manager: String, dryRun: Bool) throws(APIError) -> WriteResult {
        guard patch.objectValue != nil else { throw APIError.badRequest("the body of the request must be an object") }
        let key = key(target.type, namespace: target.namespace, name: target.name)
        guard let live = objects[key] else { throw APIError.notFound(target.type, name: target.name) }
        var sanitized = patch
        stripServerFields(&sanitized, type: target.type)
        sanitized.removeValue(at: ["metadata", "name"])
        sanitized.removeValue(at: ["metadata", "namespace"])
        var result = Self.mergePatch(live.body, sanitized)
        // Removing every finalizer lets a pending deletion complete.
        if live.isDeleting, result.value(at: ["metadata", "finalizers"])?.arrayValue?.isEmpty ?? true {
            result.removeValue(at: ["metadata", "finalizers"])
        }
        let touched = FieldSet.paths(of: Self.withoutNulls(sanitized))
        var managers = live.managers
        let touchedPrefixes = FieldSet.prefixes(of: touched)
        for index in managers.indices where managers[index].manager != manager {
            managers[index].fields = managers[index].fields.filter { !FieldSet.overlaps($0, paths: touched, prefixes: touchedPrefixes) }
        }
        managers.removeAll { $0.fields.isEmpty && $0.manager != manager }
        if !touched.isEmpty {
            if let index = managers.firstIndex(where: { $0.manager == manager && $0.operation == "Update" }) {
                managers[index].fields.formUnion(touched)
                managers[index].time = timestamp
            } else {
                managers.append(ManagedFieldsEntry(manager: manager, operation: "Update", apiVersion: target.type.groupVersion, time: timestamp, fields: touched))
            }
        }
        let written = try update(live: live, result: result, managers: managers, target: target, key: key, dryRun: dryRun)
        if !dryRun, let stored = objects[key], stored.isDeleting, stored.finalizers.isEmpty { finishDeletion(key) }
        return written
    }

    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, value) in changes {
            if value == .null {
                members.removeValue(forKey: key)
            } else {
                members[key] = mergePatch(members[key] ?? .null, value)
            }
        }
        return .object(members)
    }

    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(members.filter { $0.value != .null }.mapValues(withoutNulls))
    }
}
