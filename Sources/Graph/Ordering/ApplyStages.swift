/// Apply stages from the graph: units in dependency order, independent units grouped to run in
/// parallel, and each unit's objects in its engine's apply order. The input of a plan/apply executor.
public struct ApplyPlan: Sendable {
    public struct Stage: Sendable, Equatable {
        /// Units that may reconcile in parallel once every earlier stage is done, sorted.
        public var units: [NodeID]

        public init(units: [NodeID]) { self.units = units }
    }

    public var stages: [Stage]
    /// Each unit's objects in the order its controller applies them.
    public var objectOrder: [NodeID: [NodeID]]
    /// Ordering cycles, each a path from its smallest unit (`[a, b]` is a → b → a); their units are
    /// in no stage.
    public var cycles: [[NodeID]]
    /// Units in no cycle that wait, directly or not, for a unit on one: they never start (sorted).
    public var blocked: [NodeID]

    public init(stages: [Stage] = [], objectOrder: [NodeID: [NodeID]] = [:], cycles: [[NodeID]] = [], blocked: [NodeID] = []) {
        self.stages = stages
        self.objectOrder = objectOrder
        self.cycles = cycles
        self.blocked = blocked
    }

    /// Layers units (Kahn's algorithm, by longest path) on what must finish before each one starts:
    /// its `dependsOn` dependencies, the earlier-wave siblings of a sync-wave edge, and the parent
    /// unit that creates it.
    public static func compute(_ graph: ClusterGraph) -> ApplyPlan {
        compute(OrderingModel(graph: graph))
    }

    public static func compute(_ model: OrderingModel) -> ApplyPlan {
        let graph = model.graph
        let units = Set(graph.units.map(\.id))
        var before: [NodeID: Set<NodeID>] = [:]
        for edge in graph.edges where units.contains(edge.from) && units.contains(edge.to) {
            switch edge.kind {
            case .dependsOn, .syncWave: before[edge.from, default: []].insert(edge.to)
            case .applies: before[edge.to, default: []].insert(edge.from)
            case .source, .requires: break
            }
        }

        var after: [NodeID: [NodeID]] = [:]
        var waiting: [NodeID: Int] = [:]
        for unit in units {
            waiting[unit] = before[unit]?.count ?? 0
            for earlier in before[unit] ?? [] { after[earlier, default: []].append(unit) }
        }

        var stages: [Stage] = []
        var ready = units.filter { waiting[$0] == 0 }.sorted()
        var placed: Set<NodeID> = []
        while !ready.isEmpty {
            stages.append(Stage(units: ready))
            placed.formUnion(ready)
            var next: [NodeID] = []
            for unit in ready {
                for later in after[unit] ?? [] {
                    waiting[later, default: 0] -= 1
                    if waiting[later] == 0 { next.append(later) }
                }
            }
            ready = next.sorted()
        }

        let unplaced = units.subtracting(placed)
        var successors: [NodeID: [NodeID]] = [:]
        for unit in unplaced { successors[unit] = (before[unit] ?? []).filter(unplaced.contains) }
        let cyclic = CycleFinder.cyclicComponents(nodes: Array(unplaced), successors: successors)
        let onCycle = Set(cyclic.flatMap(\.members))

        return ApplyPlan(stages: stages,
                         objectOrder: model.unitOrders.mapValues(\.objects),
                         cycles: cyclic.map(\.cycle),
                         blocked: unplaced.subtracting(onCycle).sorted())
    }
}
