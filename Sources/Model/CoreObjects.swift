import YAMLTree

/// A core `v1` Secret, with the keys it carries (never the values).
public struct SecretObject: Sendable {
    public let object: KubernetesObject
    public let type: String?
    /// `data` and `stringData` entries; `encoded` is true for `data`, whose values are base64.
    public let entries: [(key: YAMLNode, value: YAMLNode, encoded: Bool)]

    public init?(_ object: KubernetesObject) {
        guard object.kind == "Secret", object.apiVersion == "v1" else { return nil }
        self.object = object
        type = object.root["type"]?.string
        entries = (object.root["data"]?.entries ?? []).map { ($0.key, $0.value, true) }
            + (object.root["stringData"]?.entries ?? []).map { ($0.key, $0.value, false) }
    }

    public var isEncrypted: Bool { object.isSOPSEncrypted }
}

/// A core `v1` ConfigMap.
public struct ConfigMapObject: Sendable {
    public let object: KubernetesObject
    public let keys: [String]

    public init?(_ object: KubernetesObject) {
        guard object.kind == "ConfigMap", object.apiVersion == "v1" else { return nil }
        self.object = object
        keys = ((object.root["data"]?.entries ?? []) + (object.root["binaryData"]?.entries ?? [])).compactMap { $0.key.string }
    }
}

/// A core `v1` Namespace.
public struct NamespaceObject: Sendable {
    public let object: KubernetesObject
    public init?(_ object: KubernetesObject) {
        guard object.kind == "Namespace", object.apiVersion == "v1" else { return nil }
        self.object = object
    }
    public var name: String? { object.name }
}
