import Diagnostics

/// Every inferred requirement between objects of different units must be guaranteed by the
/// declared order (`order-missing`, `order-weak`); inside one Argo CD Application, by its waves
/// (`argo-wave-inversion`); between sibling Applications, CRDs must not come from a later wave
/// (`argo-crd-later-wave`). One finding per consumer unit, provider and requirement, at the
/// first consumer.
enum RequirementOrderCheck {
    static func run(_ graph: ClusterGraph, model: OrderingModel) -> [Diagnostic] {
        var grouped: [String: [GraphEdge]] = [:]
        for edge in graph.edges where edge.kind == .requires {
            // Controllers wait for their own inputs (sources, valuesFrom, substituteFrom,
            // decryption Secrets) and retry; only what an applied object needs is checked.
            guard let requirement = edge.requirement, requirement != .source, requirement != .valuesFrom,
                  !(graph.nodes[edge.from]?.role.isUnit == true && (requirement == .configMap || requirement == .secret)),
                  let consumerUnit = graph.owningUnit(of: edge.from), let providerUnit = providingUnit(edge.to, graph) else { continue }
            grouped["\(consumerUnit)|\(providerUnit)|\(requirement.rawValue)", default: []].append(edge)
        }
        var found: [Diagnostic] = []
        for key in grouped.keys.sorted() {
            guard let edges = grouped[key]?.sorted(by: { ($0.origin?.file ?? "", $0.origin?.line ?? 0, $0.from) < ($1.origin?.file ?? "", $1.origin?.line ?? 0, $1.from) }),
                  let edge = edges.first, let diagnostic = finding(for: edge, count: edges.count, graph: graph, model: model) else { continue }
            found.append(diagnostic)
        }
        return found
    }

    private static func finding(for edge: GraphEdge, count: Int, graph: ClusterGraph, model: OrderingModel) -> Diagnostic? {
        guard let requirement = edge.requirement,
              let consumerUnit = graph.owningUnit(of: edge.from), let providerUnit = providingUnit(edge.to, graph) else { return nil }
        let guarantee = model.guarantee(provider: edge.to, before: edge.from, requirement: requirement)
        let others = count > 1 ? " (and \(count - 1) more in this unit)" : ""
        let needs = "\(graph.describe(edge.from))\(others) needs \(requirement.phrase(for: graph.describe(edge.to), isObject: graph.nodes[edge.to]?.role.isUnit == false))"
        let location = edge.origin.map(SourceLocation.init) ?? graph.location(of: edge.from) ?? SourceLocation.startOf("")
        var related: [RelatedLocation] = []
        if let provider = graph.location(of: edge.to) {
            related.append(RelatedLocation(provider, "\(graph.describe(edge.to)) is applied by \(graph.describe(providerUnit))"))
        }

        if consumerUnit == providerUnit {
            // Flux's staged apply and Argo CD's hoisting order CRDs and Namespaces inside a unit;
            // only Argo CD waves can invert the rest.
            guard case .none = guarantee, graph.nodes[consumerUnit]?.role == .argoApplication else { return nil }
            return Diagnostic(rule: .argoWaveInversion,
                              message: "\(needs), which syncs in a later wave (\(graph.syncWave(of: edge.to)) > \(graph.syncWave(of: edge.from)))",
                              at: location, object: graph.objectReference(edge.from), unit: graph.unitReference(consumerUnit),
                              related: related,
                              fix: "give \(graph.describe(edge.to)) an argocd.argoproj.io/sync-wave of at most \(graph.syncWave(of: edge.from))")
        }
        switch guarantee {
        case .strong:
            return nil
        case .weak where requirement.failsApply && guarantee.holdsOnlyOnCreation:
            // A CRD or Namespace only has to exist: once created before the child, it stays.
            return nil
        case .weak(_, let reason):
            return Diagnostic(rule: .orderWeak,
                              message: "\(needs) from \(graph.describe(providerUnit)), which is applied first but not waited for: \(reason)",
                              at: location, object: graph.objectReference(edge.from), unit: graph.unitReference(consumerUnit),
                              related: related, fix: weakFix(providerUnit, graph: graph))
        case .none:
            if requirement == .customResourceDefinition, isLaterSiblingApp(providerUnit, than: consumerUnit, graph: graph) {
                return Diagnostic(rule: .argoCRDLaterWave,
                                  message: "\(needs) from \(graph.describe(providerUnit)), a sibling Application in a later sync wave (\(graph.syncWave(of: providerUnit)) > \(graph.syncWave(of: consumerUnit)))",
                                  at: location, object: graph.objectReference(edge.from), unit: graph.unitReference(consumerUnit),
                                  related: related,
                                  fix: "give \(graph.describe(providerUnit)) a lower argocd.argoproj.io/sync-wave than \(graph.describe(consumerUnit))")
            }
            return Diagnostic(rule: .orderMissing,
                              message: "\(needs) from \(graph.describe(providerUnit)), but nothing orders \(graph.describe(consumerUnit)) after it",
                              at: location, object: graph.objectReference(edge.from), unit: graph.unitReference(consumerUnit),
                              related: related, fix: missingFix(consumer: consumerUnit, provider: providerUnit, graph: graph))
        }
    }

    /// The unit to order against: the one applying the provider, except that an Argo CD
    /// Application providing CRDs (a chart app) is itself what siblings wait for.
    private static func providingUnit(_ provider: NodeID, _ graph: ClusterGraph) -> NodeID? {
        graph.nodes[provider]?.role == .argoApplication ? provider : graph.owningUnit(of: provider)
    }

    /// The dependsOn to add: on the provider's Flux unit (a HelmRelease is depended on through
    /// the Kustomization that applies it unless both are HelmReleases).
    private static func missingFix(consumer: NodeID, provider: NodeID, graph: ClusterGraph) -> String {
        guard let consumerNode = graph.nodes[consumer], let providerNode = graph.nodes[provider] else { return "order the two units" }
        if consumerNode.role == .argoApplication || providerNode.role == .argoApplication {
            return "sync \(graph.describe(provider)) in an earlier wave of the same parent, with a health check on Applications, or merge the two"
        }
        var target = providerNode
        if providerNode.role == .helmRelease, consumerNode.role == .fluxKustomization,
           let applier = providerNode.appliedBy.first, let applierNode = graph.nodes[applier] {
            target = applierNode
        }
        let namespace = target.namespace == consumerNode.namespace ? "" : ", namespace: \(target.namespace)"
        let wait = target.role == .fluxKustomization && !waitsForReadiness(target) ? " and set wait: true on it" : ""
        return "add `dependsOn: [{name: \(target.name)\(namespace)}]` to \(graph.describe(consumer))\(wait)"
    }

    /// `wait: true` or health checks: Ready then means the unit's objects are healthy.
    private static func waitsForReadiness(_ node: GraphNode) -> Bool {
        node.object?[path: ["spec", "wait"]]?.text == "true" || !(node.object?[path: ["spec", "healthChecks"]]?.elements.isEmpty ?? true)
    }

    private static func weakFix(_ provider: NodeID, graph: ClusterGraph) -> String {
        guard let node = graph.nodes[provider] else { return "wait for the provider" }
        if node.role == .argoApplication {
            return "add a health check for argoproj.io/Application (resource.customizations.health) so waves wait, or merge the Applications"
        }
        return "set `wait: true` (or healthChecks) on \(graph.describe(provider))"
    }

    private static func isLaterSiblingApp(_ provider: NodeID, than consumer: NodeID, graph: ClusterGraph) -> Bool {
        guard let p = graph.nodes[provider], let c = graph.nodes[consumer],
              p.role == .argoApplication, c.role == .argoApplication,
              let parent = p.appliedBy.first, c.appliedBy.first == parent else { return false }
        return graph.syncWave(of: provider) > graph.syncWave(of: consumer)
    }
}

extension Requirement {
    /// What the consumer needs, naming the provider: "its CRD (installed by HelmRelease
    /// cert-manager/cert-manager)", "a GPU device plugin (DaemonSet kube-system/nvidia)",
    /// "Namespace web". `isObject` is false when the provider is a unit standing in for what it installs.
    func phrase(for provider: String, isObject: Bool) -> String {
        switch self {
        case .customResourceDefinition: return isObject ? "its CRD (\(provider))" : "its CRD (installed by \(provider))"
        case .gpuDevicePlugin: return "a GPU device plugin (\(provider))"
        case .nodeFeatureDiscovery: return "node-feature-discovery (\(provider))"
        case .deviceClass where !isObject: return "its DeviceClass (provided by \(provider))"
        case .valuesFrom: return "values from \(provider)"
        default: return provider
        }
    }
}
