import KubeClient

/// Where a plan is applied.
public enum ApplyTarget: Sendable {
    /// A live API server: server-side apply, waits, inventory and prune.
    case cluster(KubeAPI)
    /// A directory of hydrated manifests (`PlanDocument.write(to:)`); no cluster is read.
    case directory(String)
}
