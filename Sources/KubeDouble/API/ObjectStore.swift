import Foundation

/// Identity of a stored object, independent of the version it is served in.
struct ObjectKey: Hashable, Comparable, Sendable {
    var group: String
    var plural: String
    var namespace: String
    var name: String

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.group, lhs.plural, lhs.namespace, lhs.name) < (rhs.group, rhs.plural, rhs.namespace, rhs.name)
    }
}

/// One `metadata.managedFields` entry with its field set kept as paths.
struct ManagedFieldsEntry: Equatable, Sendable {
    var manager: String
    var operation: String
    var apiVersion: String
    var time: String
    var fields: Set<FieldPath>

    /// Equality that ignores the timestamp: used to decide whether an apply changed anything.
    func sameOwnership(as other: ManagedFieldsEntry) -> Bool {
        manager == other.manager && operation == other.operation && apiVersion == other.apiVersion && fields == other.fields
    }

    var json: JSONValue {
        [
            "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": FieldSet.encode(fields),
        ]
    }
}

struct StoredObject: Sendable {
    var type: ResourceType
    /// The object without `metadata.managedFields`, which is rendered from `managers`.
    var body: JSONValue
    var managers: [ManagedFieldsEntry]

    var uid: String { body.value(at: ["metadata", "uid"])?.stringValue ?? "" }
    var generation: Int { body.value(at: ["metadata", "generation"])?.intValue ?? 0 }
    var isDeleting: Bool { body.value(at: ["metadata", "deletionTimestamp"]) != nil }
    var finalizers: [String] { body.value(at: ["metadata", "finalizers"])?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var labels: [String: String] {
        (body.value(at: ["metadata", "labels"])?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// The object as the API returns it, in the requested version of its type.
    func rendered(as served: ResourceType? = nil) -> JSONValue {
        var object = body
        if let served { object.setValue(.string(served.groupVersion), at: ["apiVersion"]) }
        if !managers.isEmpty {
            object.setValue(.array(managers.map(\.json)), at: ["metadata", "managedFields"])
        }
        return object
    }
}

/// A change as a watch reports it.
struct WatchEvent: Sendable {
    var resourceVersion: Int
    var type: String
    var key: ObjectKey
    var object: JSONValue
}
