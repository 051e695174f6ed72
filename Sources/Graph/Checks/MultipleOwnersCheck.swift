import Diagnostics

/// One object applied by two units (`object-multiple-owners`): they overwrite and prune each other.
enum MultipleOwnersCheck {
    static func run(_ graph: ClusterGraph) -> [Diagnostic] {
        graph.nodes.values.filter { $0.appliedBy.count > 1 }
            .sorted { $0.id < $1.id }
            .compactMap { node in
                guard let location = graph.location(of: node.id) else { return nil }
                let owners = node.appliedBy.map(graph.describe)
                return Diagnostic(rule: .objectMultipleOwners,
                                  message: "\(graph.describe(node.id)) is applied by \(owners.count) units: \(owners.joined(separator: ", "))",
                                  at: location, object: graph.objectReference(node.id), unit: graph.unitReference(node.appliedBy[0]),
                                  related: node.appliedBy.dropFirst().compactMap { owner in
                                      graph.location(of: owner).map { RelatedLocation($0, "\(graph.describe(owner)) applies it too") }
                                  },
                                  fix: "keep the object in one unit")
            }
    }
}
