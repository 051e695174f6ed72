import YAMLTree

/// A Flux source: GitRepository, OCIRepository, HelmRepository or Bucket.
public struct FluxSource: Sendable {
    public static let group = "source.toolkit.fluxcd.io"
    public static let kinds: Set<String> = ["GitRepository", "OCIRepository", "HelmRepository", "Bucket", "HelmChart", "ExternalArtifact"]

    public let object: KubernetesObject
    public let url: String?
    /// Branch, tag, semver or commit for Git; tag, semver or digest for OCI.
    public let reference: String?
    public let interval: String?

    public init?(_ object: KubernetesObject) {
        guard object.group == Self.group, Self.kinds.contains(object.kind) else { return nil }
        self.object = object
        let spec = object.spec
        url = spec?["url"]?.string ?? spec?["endpoint"]?.string
        let ref = spec?["ref"]
        reference = ref?["commit"]?.string ?? ref?["tag"]?.string ?? ref?["semver"]?.string
            ?? ref?["digest"]?.string ?? ref?["branch"]?.string ?? ref?["name"]?.string
        interval = spec?["interval"]?.string
    }

    public var kind: String { object.kind }
    public var name: String { object.name ?? "" }
}

/// Flux image automation: ImageRepository, ImagePolicy, ImageUpdateAutomation.
public struct FluxImageAutomation: Sendable {
    public static let groups: Set<String> = ["image.toolkit.fluxcd.io"]
    public static let kinds: Set<String> = ["ImageRepository", "ImagePolicy", "ImageUpdateAutomation"]

    public let object: KubernetesObject
    /// ImageRepository `spec.image`.
    public let image: String?
    /// ImagePolicy `spec.imageRepositoryRef`, ImageUpdateAutomation `spec.sourceRef`.
    public let reference: ObjectRef?
    public let interval: String?

    public init?(_ object: KubernetesObject) {
        guard Self.groups.contains(object.group), Self.kinds.contains(object.kind) else { return nil }
        self.object = object
        let spec = object.spec
        image = spec?["image"]?.string
        reference = (spec?["imageRepositoryRef"] ?? spec?["sourceRef"]).flatMap { ObjectRef($0) }
        interval = spec?["interval"]?.string
    }
}
