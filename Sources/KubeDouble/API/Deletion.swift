import Foundation

/// DELETE: two-phase when finalizers are present (deletionTimestamp first, removal
/// once the simulated controllers finish), garbage collection of dependents by
/// ownerReferences, Namespaces that terminate with their contents.
extension APIState {
    func delete(_ target: WriteTarget, options deleteOptions: JSONValue?, propagation queryPolicy: String?, dryRun: Bool) throws(APIError) -> WriteResult {
        let key = key(target.type, namespace: target.namespace, name: target.name)
        guard let live = objects[key] else { throw APIError.notFound(target.type, name: target.name) }
        if let uid = deleteOptions?.value(at: ["preconditions", "uid"])?.stringValue, uid != live.uid {
            throw APIError.conflict(target.type, name: target.name, message: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(live.uid)")
        }
        let liveVersion = live.body.value(at: ["metadata", "resourceVersion"])?.stringValue ?? ""
        if let version = deleteOptions?.value(at: ["preconditions", "resourceVersion"])?.stringValue, version != liveVersion {
            throw APIError.conflict(target.type, name: target.name, message: "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(liveVersion)")
        }
        let policy = deleteOptions?["propagationPolicy"]?.stringValue ?? queryPolicy ?? "Background"
        guard ["Background", "Foreground", "Orphan"].contains(policy) else {
            throw APIError.badRequest("propagationPolicy: Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\"")
        }
        if live.isDeleting { return WriteResult(status: 200, object: live.rendered(as: target.type)) }

        var pending = live
        var finalizers = live.finalizers
        if policy == "Foreground", !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
        if policy == "Orphan", !finalizers.contains("orphan") { finalizers.append("orphan") }
        let isNamespace = target.type.group.isEmpty && target.type.kind == "Namespace"
        guard isNamespace || !finalizers.isEmpty else {
            let success: JSONValue = [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                "details": ["name": .string(target.name), "group": .string(target.type.group), "kind": .string(target.type.plural), "uid": .string(live.uid)],
            ]
            if !dryRun { finishDeletion(key) }
            return WriteResult(status: 200, object: success)
        }
        pending.body.setValue(.string(timestamp), at: ["metadata", "deletionTimestamp"])
        pending.body.setValue(0, at: ["metadata", "deletionGracePeriodSeconds"])
        if !finalizers.isEmpty { pending.body.setValue(.array(finalizers.map(JSONValue.string)), at: ["metadata", "finalizers"]) }
        if isNamespace { pending.body.setValue("Terminating", at: ["status", "phase"]) }
        if dryRun { return WriteResult(status: 200, object: pending.rendered(as: target.type)) }
        commit(pending, key: key, event: "MODIFIED")
        let delay = isNamespace
            ? max(options.namespaceTerminationDelay, finalizerDelay(finalizers))
            : finalizerDelay(finalizers)
        schedule(.finalize, key: key, after: delay)
        return WriteResult(status: 200, object: objects[key]?.rendered(as: target.type) ?? .null)
    }

    /// The longest delay among the finalizers (each controller finishes on its own).
    func finalizerDelay(_ finalizers: [String]) -> TimeInterval {
        finalizers.map { options.finalizerDelays[$0] ?? options.finalizerDelay }.max() ?? 0
    }

    /// Removes an object for good, with what hangs off it: a Namespace's contents, a
    /// CRD's custom resources and types, and dependents by ownerReference.
    func finishDeletion(_ key: ObjectKey) {
        guard let object = objects[key] else { return }
        let finalizers = object.finalizers
        if object.type.group.isEmpty, object.type.kind == "Namespace" {
            for contained in objects.keys.sorted() where !contained.namespace.isEmpty && contained.namespace == key.name {
                remove(contained)
            }
        }
        if object.type.group == "apiextensions.k8s.io", object.type.kind == "CustomResourceDefinition" {
            let served = CustomResources.types(of: object.body)
            customTypes.removeValue(forKey: key.name)
            for type in served {
                for member in objects.keys.sorted() where member.group == type.group && member.plural == type.plural {
                    remove(member)
                }
            }
        }
        remove(key)
        let uid = object.uid
        let dependents = objects.filter { entry in
            (entry.value.body.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).contains { $0["uid"]?.stringValue == uid }
        }.keys.sorted()
        for dependent in dependents {
            guard var child = objects[dependent] else { continue }
            if finalizers.contains("orphan") {
                let references = (child.body.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
                if references.isEmpty {
                    child.body.removeValue(at: ["metadata", "ownerReferences"])
                } else {
                    child.body.setValue(.array(references), at: ["metadata", "ownerReferences"])
                }
                commit(child, key: dependent, event: "MODIFIED")
            } else if child.finalizers.isEmpty {
                finishDeletion(dependent)
            } else if !child.isDeleting {
                child.body.setValue(.string(timestamp), at: ["metadata", "deletionTimestamp"])
                commit(child, key: dependent, event: "MODIFIED")
                schedule(.finalize, key: dependent, after: finalizerDelay(child.finalizers))
            }
        }
    }
}
