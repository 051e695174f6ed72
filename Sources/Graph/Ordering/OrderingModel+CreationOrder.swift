extension OrderingModel {
    /// An order that holds only on creation: a unit that creates the consumer's unit (its parent,
    /// grandparent…) was itself ordered after the provider, or applies the provider before the
    /// child unit. The child cannot run before its object exists, so on a fresh cluster the
    /// provider comes first; on every later change the child reconciles on its own schedule.
    func creationOrder(provider: NodeID, consumer: NodeID) -> Guarantee {
        let chain = ancestry(of: consumer)
        guard chain.count > 2 else { return .none }
        let providerUnit = graph.owningUnit(of: provider)
        for level in 2..<chain.count {
            let creator = chain[level].id, created = chain[level - 1]
            let found = providerUnit == creator
                ? withinUnit(creator, provider: provider, consumer: created.id)
                : acrossUnits(provider: provider, from: creator)
            guard found.rank > 0 else { continue }
            let path = found.path + descent(chain, from: level).filter { !found.path.contains($0) }
            return .weak(path: path, reason: Guarantee.creationOnlyPrefix + " \(describe(created)) is first created by "
                + "\(graph.nodes[creator].map(describe) ?? creator.rawValue); on later changes it reconciles on its own schedule")
        }
        return .none
    }
}

extension Guarantee {
    static let creationOnlyPrefix = "ordered only when"

    /// Weak because it holds only when the consumer's unit is first created by an ancestor.
    public var holdsOnlyOnCreation: Bool {
        if case .weak(_, let reason) = self { return reason.hasPrefix(Self.creationOnlyPrefix) }
        return false
    }
}
