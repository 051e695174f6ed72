import Rendering

/// The native kustomize engine as discovery's builder. The default order is "unspecified"
/// (a kustomization's `sortOptions`, else legacy), as the CLI and the controllers use it.
public struct KustomizerBuilder: KustomizeBuilding {
    public var reorder: Reorder?

    public init(reorder: Reorder? = nil) {
        self.reorder = reorder
    }

    public func build(_ kustomization: Kustomization, fileSystem: any RenderFileSystem,
                      loadRestriction: LoadRestriction) throws(RenderError) -> ResourceMap {
        var options = BuildOptions()
        options.loadRestriction = loadRestriction
        options.reorder = reorder
        return try Kustomizer(fileSystem: fileSystem, options: options).build(kustomization)
    }
}
