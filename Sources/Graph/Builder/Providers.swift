import Clusters
import Rendering

/// Who provides what in one cluster: CRD objects by the kind they serve, chart releases by what
/// their chart installs, and the nodes holding each capability.
struct Providers {
    private var crds: [String: NodeID] = [:]
    /// Releases by the `group` or `group/Kind` entries of their charts, with the entry's rank.
    private var releases: [String: [(id: NodeID, rank: Int)]] = [:]
    private var capabilities: [Capability: [NodeID]] = [:]
    /// `group` and `group/Kind` entries of charts installed before the GitOps engine.
    private var preinstalledCRDs: Set<String> = []
    /// Namespaces created before the GitOps engine runs.
    var existingNamespaces: Set<String> = []

    init(nodes: [NodeID: GraphNode], knowledge: ChartKnowledge, preinstalled: Set<String> = []) {
        // A bootstrap release names its chart, or shares its name with the HelmRelease that
        // takes it over later (`cloudflare-dns` installs external-dns).
        var charts = preinstalled
        for node in nodes.values where node.role == .helmRelease && preinstalled.contains(node.name) {
            if let name = Self.chartName(of: node, in: nodes) { charts.insert(name) }
        }
        for name in charts.sorted() { preinstalledCRDs.formUnion(knowledge.chart(named: name)?.crdGroups ?? []) }
        for node in nodes.values.sorted(by: { $0.id < $1.id }) {
            guard let object = node.object else { continue }
            switch node.role {
            case .customResourceDefinition:
                if let group = object[path: ["spec", "group"]]?.text, let kind = object[path: ["spec", "names", "kind"]]?.text {
                    crds["\(group)/\(kind)"] = crds["\(group)/\(kind)"] ?? node.id
                }
            case .deviceClass:
                capabilities[.deviceClass(node.name), default: []].append(node.id)
            case .gpuDevicePlugin:
                if let domain = ObjectRoles.gpuDomain(of: object, group: node.group, kind: node.kind) {
                    capabilities[.gpuDevicePlugin(domain), default: []].append(node.id)
                }
            case .nodeFeatureDiscovery:
                capabilities[.nodeFeatureDiscovery, default: []].append(node.id)
            case .helmRelease, .argoApplication:
                guard let name = Self.chartName(of: node, in: nodes), let chart = knowledge.chart(named: name) else { continue }
                for entry in chart.crdGroups { releases[entry, default: []].append((node.id, entry.contains("/") ? 2 : 1)) }
                for capability in chart.capabilities { capabilities[capability, default: []].append(node.id) }
            default:
                break
            }
        }
    }

    /// The CRD object serving `group`/`kind`, else the release whose chart installs it: one
    /// provider, the most specific chart entry first, then a release of the consumer's own unit.
    func crdProvider(group: String, kind: String, consumerUnit: NodeID?, nodes: [NodeID: GraphNode]) -> NodeID? {
        if let crd = crds["\(group)/\(kind)"] { return crd }
        let candidates = (releases["\(group)/\(kind)"] ?? []) + (releases[group] ?? [])
        return candidates.min { lhs, rhs in
            let lhsLocal = nodes[lhs.id]?.appliedBy.first == consumerUnit
            let rhsLocal = nodes[rhs.id]?.appliedBy.first == consumerUnit
            return (-lhs.rank, lhsLocal ? 0 : 1, lhs.id) < (-rhs.rank, rhsLocal ? 0 : 1, rhs.id)
        }?.id
    }

    func nodes(providing capability: Capability) -> [NodeID] { capabilities[capability] ?? [] }

    /// Whether a chart installed at bootstrap serves `group`/`kind`: it exists before any unit.
    func isPreinstalled(group: String, kind: String) -> Bool {
        preinstalledCRDs.contains("\(group)/\(kind)") || preinstalledCRDs.contains(group)
    }

    /// The chart a HelmRelease or an Argo CD Application installs, by name: `chart.spec.chart`,
    /// the OCIRepository or HelmChart a `chartRef` names, or an Application source's `chart`.
    static func chartName(of node: GraphNode, in nodes: [NodeID: GraphNode]) -> String? {
        guard let spec = node.object?["spec"] else { return nil }
        if node.role == .argoApplication {
            let sources = [spec["source"]].compactMap { $0 } + (spec["sources"]?.elements ?? [])
            return sources.compactMap { $0["chart"]?.text }.first.map(ChartKnowledge.chartName(from:))
        }
        if let chart = spec[path: ["chart", "spec", "chart"]]?.text { return ChartKnowledge.chartName(from: chart) }
        guard let reference = spec["chartRef"], let kind = reference["kind"]?.text, let name = reference["name"]?.text else { return nil }
        let key = ObjectKey(kind: kind, namespace: reference["namespace"]?.text ?? node.namespace, name: name)
        guard let source = nodes[ObjectRoles.sourceID(key)]?.object?["spec"] else { return nil }
        if kind == "OCIRepository", let url = source["url"]?.text { return ChartKnowledge.chartName(from: url) }
        return source["chart"]?.text.map(ChartKnowledge.chartName(from:))
    }
}
