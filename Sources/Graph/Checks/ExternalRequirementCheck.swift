import Diagnostics

/// Providers no unit of the cluster defines, reported once each (`requirement-external`).
enum ExternalRequirementCheck {
    static func run(_ graph: ClusterGraph) -> [Diagnostic] {
        graph.external.sorted().compactMap { external in
            guard let first = external.consumers.first,
                  let location = external.origin.map(SourceLocation.init) ?? graph.location(of: first) else { return nil }
            let more = external.consumers.count > 1 ? " and \(external.consumers.count - 1) more need" : " needs"
            return Diagnostic(rule: .requirementExternal,
                              message: "\(graph.describe(first))\(more) \(external.provider), which no unit of cluster \(graph.cluster) applies: expected to exist in the cluster\(unrendered(graph))",
                              at: location, object: graph.objectReference(first),
                              unit: graph.owningUnit(of: first).flatMap(graph.unitReference))
        }
    }

    private static func unrendered(_ graph: ClusterGraph) -> String {
        switch graph.unrenderedUnits.count {
        case 0: return ""
        case 1: return " (or applied by \(graph.describe(graph.unrenderedUnits[0])), which could not be rendered)"
        default: return " (or applied by one of the \(graph.unrenderedUnits.count) units that could not be rendered)"
        }
    }
}
