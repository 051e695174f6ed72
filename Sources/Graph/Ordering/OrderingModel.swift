/// Whether the declared order guarantees that a provider is in place before its consumer is
/// applied (docs/ordering.md).
public enum Guarantee: Sendable, Equatable {
    /// Ready before the consumer is applied: the edges that prove it.
    case strong(path: [GraphEdge])
    /// Applied before, but not waited for (a `dependsOn` on a unit without `wait` or
    /// `healthChecks`, an Argo CD child Application's wave, an earlier write in the same stage):
    /// why it is weak.
    case weak(path: [GraphEdge], reason: String)
    /// Nothing orders them.
    case none

    public var isStrong: Bool { if case .strong = self { true } else { false } }
    public var isWeak: Bool { if case .weak = self { true } else { false } }

    public var path: [GraphEdge] {
        switch self {
        case .strong(let path), .weak(let path, _): path
        case .none: []
        }
    }

    var rank: Int {
        switch self {
        case .strong: 2
        case .weak: 1
        case .none: 0
        }
    }
}

/// The Flux and Argo CD ordering models over one cluster's graph: inside a unit, the engine's
/// apply order; between Flux units, transitive `dependsOn` and what the dependency's readiness
/// promises; between Argo CD sibling Applications, sync waves that order creation only.
public struct OrderingModel: Sendable {
    public let graph: ClusterGraph
    /// Each unit's applied objects in its engine's order.
    public let unitOrders: [NodeID: UnitApplyOrder]
    let outgoing: [NodeID: [GraphEdge]]
    /// Whether an order that holds only when the consumer's unit is first created counts as weak
    /// (see `creationOrder`); off by default, so a parent never orders its children.
    public let countsCreationOrder: Bool

    public init(graph: ClusterGraph, countsCreationOrder: Bool = false) {
        self.graph = graph
        self.countsCreationOrder = countsCreationOrder
        var outgoing: [NodeID: [GraphEdge]] = [:]
        for edge in graph.edges { outgoing[edge.from, default: []].append(edge) }
        self.outgoing = outgoing.mapValues { $0.sorted() }

        var applied: [NodeID: [GraphNode]] = [:]
        for node in graph.nodes.values {
            if let unit = node.appliedBy.first { applied[unit, default: []].append(node) }
        }
        var orders: [NodeID: UnitApplyOrder] = [:]
        for unit in graph.units {
            orders[unit.id] = UnitApplyOrder.compute(unit: unit, objects: applied[unit.id] ?? [])
        }
        unitOrders = orders
    }

    /// The guarantee for the requirement edge between them, if the graph has one.
    public func guarantee(provider: NodeID, before consumer: NodeID) -> Guarantee {
        let requirement = outgoing[consumer]?.first { $0.to == provider && $0.kind == .requires }?.requirement
        return guarantee(provider: provider, before: consumer, requirement: requirement)
    }

    /// Whether `provider` is in place when `consumer` needs it.
    ///
    /// A consumer is needed first when its unit applies it; a consumer that is itself a unit also
    /// needs its providers when it reconciles, which its own `dependsOn` orders, except for a
    /// requirement whose absence fails the apply that creates it (CRD, Namespace).
    public func guarantee(provider: NodeID, before consumer: NodeID, requirement: Requirement?) -> Guarantee {
        guard provider != consumer, let consumerNode = graph.nodes[consumer], graph.nodes[provider] != nil else {
            return .none
        }
        var candidates: [Guarantee] = []
        if let unit = graph.owningUnit(of: consumer) {
            if graph.owningUnit(of: provider) == unit {
                candidates.append(withinUnit(unit, provider: provider, consumer: consumer))
            } else {
                candidates.append(acrossUnits(provider: provider, from: unit))
            }
        }
        if consumerNode.role.isUnit && !(requirement?.failsApply ?? false) {
            candidates.append(acrossUnits(provider: provider, from: consumer))
        }
        let best = candidates.reduce(Guarantee.none) { best, next in next.rank > best.rank ? next : best }
        if case .none = best, countsCreationOrder { return creationOrder(provider: provider, consumer: consumer) }
        return best
    }

    /// `dependsOn` edges whose dependency is suspended: it never reconciles, so it never becomes
    /// ready at a new generation, and the dependant is blocked (sorted).
    public func suspendedDependencies() -> [GraphEdge] {
        graph.edges.filter { $0.kind == .dependsOn && graph.nodes[$0.to]?.isSuspended == true }
    }

    /// `dependsOn` cycles (a unit depending on itself included): Flux does not detect them; every
    /// unit on one waits forever.
    public func dependsOnCycles() -> [[NodeID]] {
        var successors: [NodeID: [NodeID]] = [:]
        for edge in graph.edges where edge.kind == .dependsOn { successors[edge.from, default: []].append(edge.to) }
        return CycleFinder.cycles(nodes: Array(successors.keys), successors: successors)
    }

    /// What the unit's `Ready=True` promises about its objects.
    public func readiness(of unit: NodeID) -> UnitReadiness? { graph.nodes[unit].map(\.readiness) }

    func appliesEdge(from parent: NodeID, to child: NodeID) -> GraphEdge {
        outgoing[parent]?.first { $0.to == child && $0.kind == .applies } ?? GraphEdge(from: parent, to: child, kind: .applies)
    }
}
