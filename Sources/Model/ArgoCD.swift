import YAMLTree

/// `argoproj.io` Application: an Argo CD unit syncing one or more sources to a destination.
public struct ArgoApplication: Sendable {
    public static let group = "argoproj.io"

    public struct Source: Sendable {
        public let repoURL: String?
        public let path: String?
        public let chart: String?
        public let targetRevision: String?
        public let node: YAMLNode
    }

    public let object: KubernetesObject
    public let sources: [Source]
    public let project: String?
    public let destinationNamespace: String?
    public let destinationServer: String?
    public let automated: Bool
    public let syncOptions: [String]
    public let syncWave: Int

    public init?(_ object: KubernetesObject) {
        guard object.kind == "Application", object.group == Self.group else { return nil }
        self.object = object
        let spec = object.spec
        var sources: [YAMLNode] = []
        if let single = spec?["source"], single.isMapping { sources.append(single) }
        sources += spec?["sources"]?.elements.filter(\.isMapping) ?? []
        self.sources = sources.map {
            Source(repoURL: $0["repoURL"]?.string, path: $0["path"]?.string, chart: $0["chart"]?.string,
                   targetRevision: $0["targetRevision"]?.string, node: $0)
        }
        project = spec?["project"]?.string
        destinationNamespace = spec?.at("destination", "namespace")?.string
        destinationServer = spec?.at("destination", "server")?.string ?? spec?.at("destination", "name")?.string
        automated = spec?.at("syncPolicy", "automated") != nil
        syncOptions = spec?.at("syncPolicy", "syncOptions")?.strings ?? []
        syncWave = object.annotation("argocd.argoproj.io/sync-wave").flatMap { Int($0) } ?? 0
    }

    public var name: String { object.name ?? "" }
}

/// ApplicationSet and AppProject are recognised as Argo CD objects; their templates are data here.
public struct ArgoSupportingObject: Sendable {
    public static let kinds: Set<String> = ["ApplicationSet", "AppProject"]
    public let object: KubernetesObject

    public init?(_ object: KubernetesObject) {
        guard object.group == ArgoApplication.group, Self.kinds.contains(object.kind) else { return nil }
        self.object = object
    }
}
