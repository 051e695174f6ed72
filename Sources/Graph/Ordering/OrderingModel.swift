/// Whether the declared order guarantees that a provider is in place before its consumer
/// (STUB: the ordering work replaces it with the Flux and Argo CD models of docs/ordering.md).
public enum Guarantee: Sendable, Equatable {
    /// Ready before the consumer is applied: the edges that prove it.
    case strong(path: [GraphEdge])
    /// Applied before, but not waited for (a `dependsOn` on a unit without `wait` or
    /// `healthChecks`, an Argo CD child Application's wave): why it is weak.
    case weak(path: [GraphEdge], reason: String)
    /// Nothing orders them.
    case none
}

public struct OrderingModel: Sendable {
    public let graph: ClusterGraph

    public init(graph: ClusterGraph) { self.graph = graph }

    public func guarantee(provider: NodeID, before consumer: NodeID) -> Guarantee { .none }
}
