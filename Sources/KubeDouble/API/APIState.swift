import Foundation

/// The simulated cluster: objects, resourceVersions, watch history and scheduled
/// controller work. Not thread-safe on its own; `KubeAPIDouble` serialises access.
final class APIState {
    var options: KubeAPIDouble.Options
    var clock: SimulatedClock
    var resourceVersion = 1
    var uidCounter = 0
    var objects: [ObjectKey: StoredObject] = [:]
    /// Types of established CRDs, by CRD name.
    var customTypes: [String: [ResourceType]] = [:]
    var history: [WatchEvent] = []
    /// resourceVersions at or below this were compacted away.
    var compactedThrough = 0
    var scheduled: [ScheduledTask] = []
    var taskCounter = 0
    var progressions: [String: KubeAPIDouble.Progression] = [:]
    var clusterIPCounter = 0

    init(options: KubeAPIDouble.Options) {
        self.options = options
        clock = SimulatedClock(frozen: options.frozenClock)
        bootstrap()
    }

    var now: Date { clock.now }
    var timestamp: String { SimulatedClock.timestamp(now) }

    /// The namespaces a fresh cluster has.
    private func bootstrap() {
        guard let namespaceType = BuiltinResources.namespace else { return }
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            var body: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            prepareCreate(&body, type: namespaceType)
            commit(StoredObject(type: namespaceType, body: body, managers: []), key: key(namespaceType, namespace: nil, name: name), event: "ADDED")
        }
    }

    // MARK: types

    var allTypes: [ResourceType] {
        BuiltinResources.all + customTypes.keys.sorted().flatMap { customTypes[$0] ?? [] }
    }

    enum Resolution {
        case type(ResourceType)
        case unknownGroupVersion
        case unknownResource
    }

    func resolve(group: String, version: String, plural: String) -> Resolution {
        let inVersion = allTypes.filter { $0.group == group && $0.version == version }
        guard !inVersion.isEmpty else { return .unknownGroupVersion }
        guard let type = inVersion.first(where: { $0.plural == plural }) else { return .unknownResource }
        return .type(type)
    }

    func servesGroupVersion(group: String, version: String) -> Bool {
        allTypes.contains { $0.group == group && $0.version == version }
    }

    func key(_ type: ResourceType, namespace: String?, name: String) -> ObjectKey {
        ObjectKey(group: type.group, plural: type.plural, namespace: type.namespaced ? namespace ?? "" : "", name: name)
    }

    // MARK: writes

    func nextUID() -> String {
        uidCounter += 1
        let hex = String(uidCounter, radix: 16)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// Fills the server-owned metadata of a new object (no resourceVersion: commit sets it).
    func prepareCreate(_ body: inout JSONValue, type: ResourceType) {
        body.setValue(.string(nextUID()), at: ["metadata", "uid"])
        body.setValue(.string(timestamp), at: ["metadata", "creationTimestamp"])
        if type.hasGeneration { body.setValue(1, at: ["metadata", "generation"]) }
        applyDefaults(&body, type: type)
    }

    /// Stores an object under a new resourceVersion and records the watch event.
    func commit(_ object: StoredObject, key: ObjectKey, event: String) {
        resourceVersion += 1
        var stored = object
        stored.body.setValue(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        objects[key] = stored
        record(event, key: key, object: stored.rendered())
    }

    func remove(_ key: ObjectKey) {
        guard let object = objects.removeValue(forKey: key) else { return }
        resourceVersion += 1
        var last = object.rendered()
        last.setValue(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        record("DELETED", key: key, object: last)
    }

    private func record(_ type: String, key: ObjectKey, object: JSONValue) {
        history.append(WatchEvent(resourceVersion: resourceVersion, type: type, key: key, object: object))
        let limit = max(1, options.watchHistoryLimit)
        if history.count > limit {
            let dropped = history.count - limit
            compactedThrough = history[dropped - 1].resourceVersion
            history.removeFirst(dropped)
        }
    }

    /// Forgets watch history up to now, so any older resourceVersion is expired.
    func compact() {
        compactedThrough = resourceVersion
        history.removeAll()
    }

    // MARK: defaults

    private func applyDefaults(_ body: inout JSONValue, type: ResourceType) {
        switch (type.group, type.kind) {
        case ("", "Service"):
            if body.value(at: ["spec", "type"]) == nil { body.setValue("ClusterIP", at: ["spec", "type"]) }
            if body.value(at: ["spec", "clusterIP"]) == nil, body.value(at: ["spec", "type"])?.stringValue != "ExternalName" {
                clusterIPCounter += 1
                let address = "10.96.\(clusterIPCounter / 250).\(clusterIPCounter % 250 + 1)"
                body.setValue(.string(address), at: ["spec", "clusterIP"])
                body.setValue([.string(address)], at: ["spec", "clusterIPs"])
            }
        case ("", "Namespace"):
            body.setValue("Active", at: ["status", "phase"])
            body.setValue(["kubernetes"], at: ["spec", "finalizers"])
        case ("", "Secret"):
            if body["type"] == nil { body.setValue("Opaque", at: ["type"]) }
        default:
            break
        }
    }
}
