import Rendering

/// One cluster a repository deploys: where its Flux bootstrap (or FluxInstance, or a given path) lives.
public struct ClusterRoot: Sendable, Hashable {
    public var name: String
    /// The directory Flux renders first, repository-relative.
    public var path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }
}
