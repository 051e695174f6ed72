import Diagnostics

/// `dependsOn` on a suspended unit (`depends-on-suspended`): it never becomes ready.
enum SuspendedDependencyCheck {
    static func run(_ graph: ClusterGraph, model: OrderingModel) -> [Diagnostic] {
        model.suspendedDependencies().compactMap { edge in
            guard let location = edge.origin.map(SourceLocation.init) ?? graph.location(of: edge.from) else { return nil }
            return Diagnostic(rule: .dependsOnSuspended,
                              message: "\(graph.describe(edge.from)) depends on \(graph.describe(edge.to)), which is suspended and never becomes ready",
                              at: location, unit: graph.unitReference(edge.from),
                              related: graph.location(of: edge.to).map { [RelatedLocation($0, "\(graph.describe(edge.to)) sets suspend: true")] } ?? [],
                              fix: "resume \(graph.describe(edge.to)) or remove the dependency")
        }
    }
}
