/// How `build` orders its output (kustomize's `--reorder`).
public enum Reorder: String, Sendable, CaseIterable {
    /// kustomize's legacy sort: Namespaces, CRDs, RBAC… first, webhooks last (the CLI default).
    case legacy
    /// Accumulation order: resources as listed, depth first, then generated objects.
    case none
}

public struct BuildOptions: Sendable {
    public var loadRestriction: LoadRestriction = .rootOnly
    /// nil means "unspecified": legacy unless the kustomization's `sortOptions` says otherwise.
    public var reorder: Reorder? = .legacy
    /// Adds `app.kubernetes.io/managed-by: kustomize-<version>` like `--enable-managedby-label`.
    public var addManagedByLabel = false
    public var managedByVersion = "v5.8.0"

    public init(loadRestriction: LoadRestriction = .rootOnly, reorder: Reorder? = .legacy) {
        self.loadRestriction = loadRestriction
        self.reorder = reorder
    }
}
