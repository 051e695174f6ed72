/// What `shipshape plan` was asked to include.
public struct PlanOptions: Sendable {
    /// Apply Flux Kustomizations, Argo CD Applications and Flux sources as objects too
    /// (`--include-unit-objects`), to hand the cluster over to Flux or Argo CD afterwards.
    public var includesUnitObjects: Bool

    public init(includesUnitObjects: Bool = false) {
        self.includesUnitObjects = includesUnitObjects
    }
}
