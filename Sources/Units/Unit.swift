import Diagnostics
import Model

/// A file a unit applies, with the kustomize transforms its kustomization chain puts on it.
public struct Member: Sendable, Hashable {
    public let file: String
    /// The outermost kustomization `namespace:` on the way to this file (it is applied last).
    public let namespace: String?
    public let namePrefix: String
    public let nameSuffix: String

    public init(file: String, namespace: String? = nil, namePrefix: String = "", nameSuffix: String = "") {
        self.file = file
        self.namespace = namespace
        self.namePrefix = namePrefix
        self.nameSuffix = nameSuffix
    }

    /// The same file seen through one more (outer) kustomization.
    func wrapped(namespace outer: String?, prefix: String?, suffix: String?) -> Member {
        Member(file: file, namespace: outer ?? namespace,
               namePrefix: (prefix ?? "") + namePrefix, nameSuffix: nameSuffix + (suffix ?? ""))
    }
}

/// A deployable unit: a Flux Kustomization, a HelmRelease or an Argo CD Application.
public struct Unit: Sendable {
    public enum Kind: String, Sendable {
        case fluxKustomization = "Kustomization"
        case helmRelease = "HelmRelease"
        case argoApplication = "Application"
    }

    public let kind: Kind
    public let object: KubernetesObject
    /// The namespace the unit object lives in once its own owner has applied it.
    public internal(set) var namespace: String?
    /// The directory the unit applies, relative to the repository root; nil when its source is
    /// not this repository, its path does not exist, or it has no path (HelmRelease).
    public let directory: String?
    /// Files the unit applies, each once, in traversal order.
    public let members: [Member]
    /// Flux `targetNamespace`: overrides the namespace of every namespaced object the unit applies.
    public let targetNamespace: String?
    /// Index of the unit whose files define this unit, if any: the bootstrap chain.
    public var parent: Int?
    /// False for units nothing applies (dead manifests): their own findings are not reported.
    public internal(set) var isLive = true

    public var reference: UnitReference {
        UnitReference(kind: kind.rawValue, namespace: namespace, name: object.name ?? "")
    }

    public var name: String { object.name ?? "" }
}

/// What unit discovery produced: units, file ownership and the findings made on the way.
public struct UnitGraph: Sendable {
    public let units: [Unit]
    public let diagnostics: [Diagnostic]
    /// For every member file, the units that apply it.
    public let owners: [String: [Int]]

    /// The root unit of the tree a unit belongs to: units under one bootstrap form one cluster.
    public func root(of index: Int) -> Int {
        var current = index
        var steps = 0
        while let parent = units[current].parent, steps < units.count {
            current = parent
            steps += 1
        }
        return current
    }
}
