import YAMLTree

/// `kustomize.toolkit.fluxcd.io` Kustomization: a Flux unit that applies a path of a source.
public struct FluxKustomization: Sendable {
    public static let group = "kustomize.toolkit.fluxcd.io"

    public let object: KubernetesObject
    public let path: String?
    public let sourceRef: ObjectRef?
    public let dependsOn: [ObjectRef]
    public let targetNamespace: String?
    public let namePrefix: String?
    public let nameSuffix: String?
    public let components: [String]
    public let suspend: Bool
    public let wait: Bool
    public let prune: Bool?
    public let interval: String?
    public let timeout: String?
    public let healthChecks: [ObjectRef]
    public let decryptionProvider: String?
    public let decryptionSecret: String?
    public let substitute: [String: String]
    public let substituteFrom: [(kind: String, name: String, optional: Bool)]

    public init?(_ object: KubernetesObject) {
        guard object.kind == "Kustomization", object.group == Self.group else { return nil }
        self.object = object
        let spec = object.spec
        path = spec?["path"]?.string
        sourceRef = spec?["sourceRef"].flatMap { ObjectRef($0) }
        dependsOn = spec?["dependsOn"]?.elements.compactMap { ObjectRef($0, defaultKind: "Kustomization") } ?? []
        targetNamespace = spec?["targetNamespace"]?.string
        namePrefix = spec?["namePrefix"]?.string
        nameSuffix = spec?["nameSuffix"]?.string
        components = spec?["components"]?.strings ?? []
        suspend = spec?["suspend"]?.bool ?? false
        wait = spec?["wait"]?.bool ?? false
        prune = spec?["prune"]?.bool
        interval = spec?["interval"]?.string
        timeout = spec?["timeout"]?.string
        healthChecks = spec?["healthChecks"]?.elements.compactMap { ObjectRef($0) } ?? []
        decryptionProvider = spec?.at("decryption", "provider")?.string
        decryptionSecret = spec?.at("decryption", "secretRef", "name")?.string
        var substitute: [String: String] = [:]
        for (key, value) in spec?.at("postBuild", "substitute")?.entries ?? [] {
            if let k = key.string { substitute[k] = value.scalar ?? "" }
        }
        self.substitute = substitute
        substituteFrom = spec?.at("postBuild", "substituteFrom")?.elements.compactMap { item in
            guard let kind = item["kind"]?.string, let name = item["name"]?.string else { return nil }
            return (kind, name, item["optional"]?.bool ?? false)
        } ?? []
    }

    public var name: String { object.name ?? "" }
    public var namespace: String? { object.namespace }
}
