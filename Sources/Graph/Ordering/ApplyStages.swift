/// Apply stages from the graph: units in dependency order, independent units grouped to run in
/// parallel, and each unit's objects in its engine's apply order (STUB: the ordering work replaces it).
public struct ApplyPlan: Sendable {
    public struct Stage: Sendable {
        /// Units that may reconcile in parallel once every earlier stage is done, sorted.
        public var units: [NodeID]

        public init(units: [NodeID]) { self.units = units }
    }

    public var stages: [Stage]
    /// Each unit's objects in the order its controller applies them.
    public var objectOrder: [NodeID: [NodeID]]

    public init(stages: [Stage] = [], objectOrder: [NodeID: [NodeID]] = [:]) {
        self.stages = stages
        self.objectOrder = objectOrder
    }

    public static func compute(_ graph: ClusterGraph) -> ApplyPlan {
        ApplyPlan(stages: [Stage(units: graph.units.map(\.id))])
    }
}
