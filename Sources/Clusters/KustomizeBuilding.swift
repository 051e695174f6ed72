import Rendering

/// Runs a kustomize build. Discovery depends on this instead of on `Kustomizer` directly so the
/// Flux layer can be tested (and used) with any engine that honours the load restriction.
public protocol KustomizeBuilding: Sendable {
    /// Builds `kustomization` (read from, or generated for, its `directory`) reading files from `fileSystem`.
    func build(_ kustomization: Kustomization, fileSystem: any RenderFileSystem,
               loadRestriction: LoadRestriction) throws(RenderError) -> ResourceMap
}
