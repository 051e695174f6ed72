/// How an edge looks in a picture: the relation it stands for and the strength of its guarantee.
enum DrawnEdgeStyle: Int, Sendable, Comparable, CaseIterable {
    /// `dependsOn` on a unit that is health-checked: the provider is ready first.
    case explicit
    /// An explicit order that only guarantees "applied" (see `GraphView.isWeak`).
    case weak
    /// A unit applies the target.
    case applies
    /// `sourceRef` / `chartRef`.
    case source
    /// An inferred requirement, labelled with what is required.
    case requires

    static func < (lhs: DrawnEdgeStyle, rhs: DrawnEdgeStyle) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One arrow: edges between the same two nodes in the same style are merged, and their
/// requirements listed together in the label.
struct DrawnEdge: Sendable, Comparable {
    var from: NodeID
    var to: NodeID
    var style: DrawnEdgeStyle
    var label: String

    static func < (lhs: DrawnEdge, rhs: DrawnEdge) -> Bool {
        (lhs.from, lhs.to, lhs.style) < (rhs.from, rhs.to, rhs.style)
    }
}

/// How a node looks: its shape family, for formats that map it to their own shapes and colours.
enum DrawnNodeStyle: String, Sendable, CaseIterable {
    case kustomization, helmRelease, application, applicationSet, source
    case customResourceDefinition, namespace, gpu, serving, workload, object

    init(_ role: NodeRole, highlighted: Bool) {
        if highlighted && !role.isUnit {
            self = .gpu
            return
        }
        switch role {
        case .fluxKustomization: self = .kustomization
        case .helmRelease: self = .helmRelease
        case .argoApplication: self = .application
        case .applicationSet: self = .applicationSet
        case .gitRepository, .ociRepository, .helmRepository, .bucket, .externalArtifact: self = .source
        case .customResourceDefinition: self = .customResourceDefinition
        case .namespace: self = .namespace
        case .gpuDevicePlugin, .nodeFeatureDiscovery, .deviceClass: self = .gpu
        case .servingRuntime, .inferenceService: self = .serving
        case .workload: self = .workload
        case .object: self = .object
        }
    }
}

extension GraphView {
    var drawnEdges: [DrawnEdge] {
        var merged: [String: (edge: DrawnEdge, labels: Set<String>)] = [:]
        for edge in edges {
            let style: DrawnEdgeStyle
            var label = ""
            switch edge.kind {
            case .dependsOn: style = edge.isWeak ? .weak : .explicit
            case .syncWave:
                style = edge.isWeak ? .weak : .explicit
                label = "sync wave"
            case .applies: style = .applies
            case .source: style = .source
            case .requires:
                style = .requires
                label = edge.requirement?.drawnLabel ?? "requires"
            }
            let key = "\(edge.from.rawValue)\u{0}\(edge.to.rawValue)\u{0}\(style.rawValue)"
            var entry = merged[key] ?? (DrawnEdge(from: edge.from, to: edge.to, style: style, label: ""), [])
            if !label.isEmpty { entry.labels.insert(label) }
            merged[key] = entry
        }
        return merged.values.map { entry in
            var edge = entry.edge
            edge.label = entry.labels.sorted().joined(separator: ", ")
            return edge
        }.sorted()
    }
}

extension Requirement {
    /// Short enough to sit on an arrow.
    var drawnLabel: String {
        switch self {
        case .customResourceDefinition: "CRD"
        case .persistentVolumeClaim: "PVC"
        case .nodeFeatureDiscovery: "NFD"
        case .gpuDevicePlugin: "GPU device plugin"
        default: rawValue
        }
    }
}
