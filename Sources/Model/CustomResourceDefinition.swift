import YAMLTree

/// `apiextensions.k8s.io` CustomResourceDefinition: what group/kind/versions it serves.
public struct CustomResourceDefinition: Sendable {
    public let object: KubernetesObject
    public let group: String?
    public let kind: String?
    public let plural: String?
    public let namespaced: Bool
    public let servedVersions: [String]

    public init?(_ object: KubernetesObject) {
        guard object.kind == "CustomResourceDefinition", object.group == "apiextensions.k8s.io" else { return nil }
        self.object = object
        let spec = object.spec
        group = spec?["group"]?.string
        kind = spec?.at("names", "kind")?.string
        plural = spec?.at("names", "plural")?.string
        namespaced = spec?["scope"]?.string != "Cluster"
        servedVersions = spec?["versions"]?.elements.filter { $0["served"]?.bool ?? true }.compactMap { $0["name"]?.string } ?? []
    }
}
