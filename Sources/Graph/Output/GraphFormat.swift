/// What a graph picture or document shows.
public struct GraphOutputOptions: Sendable, Equatable {
    /// Every object each unit applies; otherwise units and sources only, with object-level
    /// requirements lifted to the units that apply their ends.
    public var showsObjects: Bool
    /// Include the apply stages (`ApplyPlan`) where the format can carry them.
    public var includesStages: Bool

    public init(showsObjects: Bool = false, includesStages: Bool = false) {
        self.showsObjects = showsObjects
        self.includesStages = includesStages
    }
}

/// One way of writing cluster graphs out: a picture language or a data document.
public protocol GraphFormat: Sendable {
    /// `plan` maps a cluster name to its apply stages; clusters without one show no stages.
    func render(_ graphs: [ClusterGraph], plan: [String: ApplyPlan], options: GraphOutputOptions) -> String
}

/// The formats `shipshape graph --format` offers.
public enum GraphOutputFormat: String, Sendable, CaseIterable {
    case dot, mermaid, json

    public var format: any GraphFormat {
        switch self {
        case .dot: DotGraphFormat()
        case .mermaid: MermaidGraphFormat()
        case .json: JSONGraphFormat()
        }
    }
}
