import Rendering

/// The graph as data, described by `schemas/graph.schema.json`: clusters with their nodes, edges
/// and external requirements sorted by id, and (with `includesStages`) their apply stages.
public struct JSONGraphFormat: GraphFormat {
    /// Bumped when a member changes meaning or disappears; new members do not bump it.
    public static let schemaVersion = 1

    public init() {}

    public func render(_ graphs: [ClusterGraph], plan: [String: ApplyPlan], options: GraphOutputOptions) -> String {
        let clusters = graphs.sorted { $0.cluster < $1.cluster }.map { graph in
            cluster(GraphView(graph, showsObjects: options.showsObjects),
                    plan: options.includesStages ? plan[graph.cluster] ?? ApplyPlan() : nil)
        }
        return JSONText.object([
            ("schemaVersion", .integer(Self.schemaVersion)),
            ("view", .string(options.showsObjects ? "objects" : "units")),
            ("clusters", .array(clusters)),
        ]).rendered()
    }

    private func cluster(_ view: GraphView, plan: ApplyPlan?) -> JSONText {
        var members: [(String, JSONText)] = [
            ("name", .string(view.cluster)),
            ("nodes", .array(view.nodes.map { node(_: $0, highlighted: view.highlighted.contains($0.id)) })),
            ("edges", .array(view.edges.map(edge))),
            ("external", .array(view.external.map(external))),
        ]
        if let plan { members.append(("stages", stages(plan))) }
        return .object(members)
    }

    private func node(_ node: GraphNode, highlighted: Bool) -> JSONText {
        .object([
            ("id", .string(node.id.rawValue)),
            ("role", .string(node.role.rawValue)),
            ("kind", .string(node.kind)),
            ("apiVersion", .string(node.apiVersion)),
            ("namespace", .string(node.namespace)),
            ("name", .string(node.name)),
            ("appliedBy", .array(node.appliedBy.sorted().map { .string($0.rawValue) })),
            ("gpuProvider", .bool(highlighted)),
        ] + location(node.origin))
    }

    private func edge(_ edge: GraphViewEdge) -> JSONText {
        .object([
            ("from", .string(edge.from.rawValue)),
            ("to", .string(edge.to.rawValue)),
            ("kind", .string(edge.kind.rawValue)),
            ("requirement", .optional(edge.requirement?.rawValue)),
            ("weak", .bool(edge.isWeak)),
            ("count", .integer(edge.count)),
        ] + location(edge.origin))
    }

    private func external(_ requirement: ExternalRequirement) -> JSONText {
        .object([
            ("requirement", .string(requirement.requirement.rawValue)),
            ("provider", .string(requirement.provider)),
            ("consumers", .array(requirement.consumers.map { .string($0.rawValue) })),
        ] + location(requirement.origin))
    }

    private func stages(_ plan: ApplyPlan) -> JSONText {
        .array(plan.stages.enumerated().map { index, stage in
            .object([
                ("stage", .integer(index + 1)),
                ("units", .array(stage.units.map { unit in
                    .object([
                        ("id", .string(unit.rawValue)),
                        ("objects", .array((plan.objectOrder[unit] ?? []).map { .string($0.rawValue) })),
                    ])
                })),
            ])
        })
    }

    private func location(_ origin: Origin?) -> [(String, JSONText)] {
        [("file", .optional(origin?.file)), ("line", .optional(origin?.line)), ("column", .optional(origin?.column))]
    }
}
