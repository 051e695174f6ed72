/// Graphviz: one `cluster_` subgraph per Shipshape cluster, node shapes by role, edges styled
/// by kind. Arrows point from a dependant to what it needs (and from a unit to what it applies).
public struct DotGraphFormat: GraphFormat {
    public init() {}

    public func render(_ graphs: [ClusterGraph], plan: [String: ApplyPlan], options: GraphOutputOptions) -> String {
        var out = """
        digraph shipshape {
          rankdir=LR;
          compound=true;
          node [fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=9];

        """
        for graph in graphs.sorted(by: { $0.cluster < $1.cluster }) {
            let view = GraphView(graph, showsObjects: options.showsObjects)
            out += "  subgraph \(Self.quoted("cluster_" + view.cluster)) {\n"
            out += "    label=\(Self.quoted(view.cluster));\n"
            out += "    style=rounded;\n"
            out += "    color=\"#9ca3af\";\n"
            for node in view.nodes {
                let attributes = [("label", Self.quoted(node.kind + "\n" + node.outputName))]
                    + Self.attributes(for: DrawnNodeStyle(node.role, highlighted: view.highlighted.contains(node.id)))
                    + (view.highlighted.contains(node.id) ? [("color", "\"#15803d\""), ("penwidth", "2.5")] : [])
                out += "    \(Self.identifier(node.id, in: view.cluster)) [\(Self.list(attributes))];\n"
            }
            for edge in view.drawnEdges {
                var attributes = Self.attributes(for: edge.style)
                if !edge.label.isEmpty { attributes.append(("label", Self.quoted(edge.label))) }
                out += "    \(Self.identifier(edge.from, in: view.cluster)) -> \(Self.identifier(edge.to, in: view.cluster))"
                out += " [\(Self.list(attributes))];\n"
            }
            out += "  }\n"
        }
        out += "}\n"
        return out
    }

    /// Node ids are unique per cluster only, so the cluster name prefixes them.
    static func identifier(_ id: NodeID, in cluster: String) -> String { quoted("\(cluster)/\(id.rawValue)") }

    /// A DOT double-quoted string. Backslashes are doubled so a name's `\` is not read as a label
    /// escape (`\N`, `\l`); a newline becomes `\n`, which labels show as a line break.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func list(_ attributes: [(String, String)]) -> String {
        attributes.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }

    static func attributes(for style: DrawnNodeStyle) -> [(String, String)] {
        let (shape, fill, rounded): (String, String, Bool) = switch style {
        case .kustomization: ("box", "#dbeafe", false)
        case .helmRelease: ("box", "#e0e7ff", true)
        case .application: ("box", "#fef3c7", false)
        case .applicationSet: ("box3d", "#fef3c7", false)
        case .source: ("cylinder", "#f3f4f6", false)
        case .customResourceDefinition: ("hexagon", "#fce7f3", false)
        case .namespace: ("folder", "#ecfccb", false)
        case .gpu: ("component", "#bbf7d0", false)
        case .serving: ("octagon", "#ede9fe", false)
        case .workload: ("ellipse", "#f5f5f4", false)
        case .object: ("ellipse", "#ffffff", false)
        }
        return [("shape", shape), ("style", rounded ? "\"rounded,filled\"" : "filled"), ("fillcolor", "\"\(fill)\"")]
    }

    static func attributes(for style: DrawnEdgeStyle) -> [(String, String)] {
        switch style {
        case .explicit: [("color", "\"#111827\""), ("penwidth", "1.5")]
        case .weak: [("color", "\"#ea580c\""), ("fontcolor", "\"#ea580c\""), ("style", "dashed"), ("penwidth", "1.5")]
        case .applies: [("color", "\"#9ca3af\""), ("penwidth", "0.6"), ("arrowsize", "0.6")]
        case .source: [("color", "\"#4b5563\""), ("style", "dashed")]
        case .requires: [("color", "\"#2563eb\""), ("fontcolor", "\"#2563eb\""), ("style", "dotted")]
        }
    }
}
