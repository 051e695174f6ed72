extension OrderingModel {
    /// Provider and consumer applied by the same unit: that engine's apply order decides.
    func withinUnit(_ unit: NodeID, provider: NodeID, consumer: NodeID) -> Guarantee {
        guard let unitNode = graph.nodes[unit], let order = unitOrders[unit],
              let early = order.slots[provider], let late = order.slots[consumer],
              let providerNode = graph.nodes[provider] else { return .none }
        let path = [appliesEdge(from: unit, to: provider), appliesEdge(from: unit, to: consumer)]
        let engine = Engine(unitNode.role) ?? .flux
        let owner = "\(unitNode.kind) \(unitNode.namespace)/\(unitNode.name)"

        if early.gate < late.gate {
            if early.gateIsWaited { return .strong(path: path) }
            return .weak(path: path, reason: "\(describe(providerNode)) is applied in an earlier step of \(owner) that is not waited for")
        }
        guard early.gate == late.gate, early.step < late.step else { return .none }
        switch engine {
        case .flux:
            return .weak(path: path, reason: "\(describe(providerNode)) is written before it in the same apply stage of \(owner); "
                + "Flux waits for readiness only between stages")
        case .argo:
            // A Namespace exists once created; after a CRD the engine polls until it is Established.
            if providerNode.kind == "Namespace" && providerNode.group.isEmpty || providerNode.isCustomResourceDefinition {
                return .strong(path: path)
            }
            return .weak(path: path, reason: "\(describe(providerNode)) is synced earlier in the same wave of \(owner); "
                + "Argo CD waits for health only between waves")
        case .helm:
            return .weak(path: path, reason: "\(describe(providerNode)) is created earlier in Helm's install order of \(owner), "
                + "without waiting for it")
        }
    }

    func describe(_ node: GraphNode) -> String {
        node.namespace.isEmpty ? "\(node.kind) \(node.name)" : "\(node.kind) \(node.namespace)/\(node.name)"
    }
}
