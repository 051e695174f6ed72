/// Mermaid `flowchart LR`: a subgraph per cluster, shapes and colours by role through
/// `classDef`, edge styles through `linkStyle` (which addresses edges by their position).
public struct MermaidGraphFormat: GraphFormat {
    public init() {}

    public func render(_ graphs: [ClusterGraph], plan: [String: ApplyPlan], options: GraphOutputOptions) -> String {
        var out = "flowchart LR\n"
        var names = MermaidNames()
        var edges: [(from: String, to: String, edge: DrawnEdge)] = []
        var usedClasses = Set<DrawnNodeStyle>()
        var highlightedUnits: [String] = []
        for graph in graphs.sorted(by: { $0.cluster < $1.cluster }) {
            let view = GraphView(graph, showsObjects: options.showsObjects)
            out += "  subgraph \(names.name(for: "cluster \(view.cluster)"))[\(Self.quoted(view.cluster))]\n"
            for node in view.nodes {
                let style = DrawnNodeStyle(node.role, highlighted: view.highlighted.contains(node.id))
                usedClasses.insert(style)
                let id = names.name(for: "\(view.cluster) \(node.id.rawValue)")
                let (open, close) = Self.shape(style)
                out += "    \(id)\(open)\(Self.quoted(node.kind + "\n" + node.outputName))\(close):::\(style.rawValue)\n"
                // A unit keeps its own class; a second class marks it as a GPU provider.
                if view.highlighted.contains(node.id) && style != .gpu { highlightedUnits.append(id) }
            }
            out += "  end\n"
            for edge in view.drawnEdges {
                edges.append((names.name(for: "\(view.cluster) \(edge.from.rawValue)"),
                              names.name(for: "\(view.cluster) \(edge.to.rawValue)"), edge))
            }
        }
        for (from, to, edge) in edges {
            let arrow = edge.style == .explicit || edge.style == .applies ? "-->" : "-.->"
            let label = edge.label.isEmpty ? "" : "|\(Self.quoted(edge.label))|"
            out += "  \(from) \(arrow)\(label) \(to)\n"
        }
        for style in DrawnNodeStyle.allCases where usedClasses.contains(style) {
            out += "  classDef \(style.rawValue) \(Self.classStyle(style))\n"
        }
        if !highlightedUnits.isEmpty {
            out += "  classDef highlighted stroke:#15803d,stroke-width:3px\n"
            out += "  class \(highlightedUnits.joined(separator: ",")) highlighted\n"
        }
        for style in DrawnEdgeStyle.allCases {
            let indices = edges.indices.filter { edges[$0].edge.style == style }
            guard !indices.isEmpty else { continue }
            out += "  linkStyle \(indices.map(String.init).joined(separator: ",")) \(Self.linkStyle(style))\n"
        }
        return out
    }

    /// Mermaid's quoted text: quotes and the characters its markup reads become entity codes;
    /// a newline becomes a line break.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "\n": out += "<br/>"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func shape(_ style: DrawnNodeStyle) -> (String, String) {
        switch style {
        case .kustomization, .application: ("[", "]")
        case .helmRelease: ("(", ")")
        case .applicationSet: ("[/", "/]")
        case .source: ("[(", ")]")
        case .customResourceDefinition: ("{{", "}}")
        case .namespace: (">", "]")
        case .gpu: ("[[", "]]")
        case .serving, .workload, .object: ("([", "])")
        }
    }

    static func classStyle(_ style: DrawnNodeStyle) -> String {
        switch style {
        case .kustomization: "fill:#dbeafe,stroke:#1e3a8a"
        case .helmRelease: "fill:#e0e7ff,stroke:#3730a3"
        case .application, .applicationSet: "fill:#fef3c7,stroke:#92400e"
        case .source: "fill:#f3f4f6,stroke:#4b5563"
        case .customResourceDefinition: "fill:#fce7f3,stroke:#9d174d"
        case .namespace: "fill:#ecfccb,stroke:#3f6212"
        case .gpu: "fill:#bbf7d0,stroke:#15803d,stroke-width:3px"
        case .serving: "fill:#ede9fe,stroke:#5b21b6"
        case .workload: "fill:#f5f5f4,stroke:#57534e"
        case .object: "fill:#ffffff,stroke:#57534e"
        }
    }

    static func linkStyle(_ style: DrawnEdgeStyle) -> String {
        switch style {
        case .explicit: "stroke:#111827,stroke-width:2px"
        case .weak: "stroke:#ea580c,stroke-width:2px,stroke-dasharray:6 4"
        case .applies: "stroke:#9ca3af,stroke-width:1px"
        case .source: "stroke:#4b5563,stroke-width:1px,stroke-dasharray:6 4"
        case .requires: "stroke:#2563eb,stroke-width:1px,stroke-dasharray:2 3"
        }
    }
}

/// Mermaid ids are bare words: everything but letters, digits and `_` becomes `_`, and a
/// name that collides with an earlier one gets a counter (`end` and friends cannot occur:
/// every id starts with `n_`).
struct MermaidNames {
    private var assigned: [String: String] = [:]
    private var taken: Set<String> = []

    mutating func name(for key: String) -> String {
        if let name = assigned[key] { return name }
        let base = "n_" + String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        var name = base
        var counter = 2
        while taken.contains(name) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        assigned[key] = name
        taken.insert(name)
        return name
    }
}
