extension OrderingModel {
    /// How strongly a reached unit's readiness implies the provider is in place.
    enum Coverage {
        case strong
        case weak(String)
        case none
    }

    /// Searches, breadth-first and shortest path first, the units `start` waits for: transitive
    /// `dependsOn` for Flux units, sync-wave edges between Argo CD sibling Applications. A reached
    /// unit counts when it is the provider, applies it, or applies (transitively) the unit that does.
    /// Visited sets keep cycles finite.
    func acrossUnits(provider: NodeID, from start: NodeID) -> Guarantee {
        guard let startNode = graph.nodes[start] else { return .none }
        let isArgo = Engine(startNode.role) == .argo
        let edgeKind: EdgeKind = isArgo ? .syncWave : .dependsOn
        let chain = ancestry(of: provider)
        let position = Dictionary(chain.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

        var firstWeak: Guarantee?
        var visited: Set<NodeID> = [start]
        var queue: [(unit: NodeID, path: [GraphEdge])] = [(start, [])]
        var head = 0
        while head < queue.count {
            let (unit, path) = queue[head]
            head += 1
            for edge in outgoing[unit] ?? [] where edge.kind == edgeKind && visited.insert(edge.to).inserted {
                let reached = path + [edge]
                if let k = position[edge.to] {
                    let proof = reached + descent(chain, from: k)
                    switch isArgo ? .weak(argoReason(edge.to)) : coverage(chain, reachedAt: k) {
                    case .strong: return .strong(path: proof)
                    case .weak(let reason): if firstWeak == nil { firstWeak = .weak(path: proof, reason: reason) }
                    case .none: break
                    }
                }
                queue.append((edge.to, reached))
            }
        }
        return firstWeak ?? .none
    }

    /// The provider, the unit applying it, the unit applying that one, and so on (cycle-safe).
    func ancestry(of node: NodeID) -> [GraphNode] {
        var chain: [GraphNode] = []
        var seen: Set<NodeID> = []
        var current: NodeID? = node
        while let id = current, seen.insert(id).inserted, let next = graph.nodes[id] {
            chain.append(next)
            current = next.appliedBy.first
        }
        return chain
    }

    /// The `applies` edges from `chain[k]` down to the provider.
    func descent(_ chain: [GraphNode], from k: Int) -> [GraphEdge] {
        stride(from: k, to: 0, by: -1).map { appliesEdge(from: chain[$0].id, to: chain[$0 - 1].id) }
    }

    /// Readiness of `chain[k]` implies readiness of `chain[k-1]` when it waits for all its objects,
    /// lists it in `healthChecks`, or (Flux) applies it in a waited stage. A break in the link next
    /// to the provider leaves it applied (weak); a break higher up leaves it not even applied.
    func coverage(_ chain: [GraphNode], reachedAt k: Int) -> Coverage {
        var result = Coverage.strong
        if chain[0].role.isUnit, case .appliedOnly(let reason) = chain[0].readiness { result = .weak(reason) }
        for level in stride(from: 1, through: k, by: 1) {
            let parent = chain[level], child = chain[level - 1]
            let readiness = parent.readiness
            let waitedStage = Engine(parent.role) == .flux && FluxApplyOrder.stage(of: child).isWaited
            if readiness.covers(child) || waitedStage { continue }
            guard level == 1 else { return .none }
            if case .strong = result {
                result = .weak(weakReason(readiness, parent: parent, child: child))
            }
        }
        return result
    }

    private func weakReason(_ readiness: UnitReadiness, parent: GraphNode, child: GraphNode) -> String {
        if case .appliedOnly(let reason) = readiness { return reason }
        return "\(parent.kind) \(parent.namespace)/\(parent.name) lists spec.healthChecks without \(describe(child)), "
            + "so its Ready means that object is applied, not ready"
    }

    private func argoReason(_ app: NodeID) -> String {
        let name = graph.nodes[app].map(describe) ?? app.rawValue
        return "the sync wave only orders the creation of \(name) before its sibling: child Applications are not "
            + "health-gated (Argo CD 1.8 removed Application health), so it may not be synced or healthy yet"
    }
}
