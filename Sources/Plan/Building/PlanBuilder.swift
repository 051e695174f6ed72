import Clusters
import Graph
import Rendering

/// Builds the offline plan from what lint rendered: each cluster's `ApplyPlan` gives the stages
/// and each unit's object order; the rendered objects give the manifests.
public enum PlanBuilder {
    public static let helmReleaseRequirement = "CustomResourceDefinition helmreleases.helm.toolkit.fluxcd.io"

    /// - Parameters:
    ///   - clusters: the rendered clusters (`LintRun.rendered.clusters`).
    ///   - graphs: their graphs (`LintRun.graphs`), matched to `clusters` by name.
    public static func build(clusters: [ClusterRender], graphs: [ClusterGraph], source: PlanSource,
                             options: PlanOptions = PlanOptions()) -> PlanDocument {
        var planned: [PlanCluster] = []
        for render in clusters {
            guard let graph = graphs.first(where: { $0.cluster == render.cluster.name }) else { continue }
            planned.append(ClusterPlanner(render: render, graph: graph, options: options).plan())
        }
        planned.sort { ($0.name, $0.path) < ($1.name, $1.path) }
        return PlanDocument(source: source, target: .offline, includesUnitObjects: options.includesUnitObjects, clusters: planned)
    }
}

/// The plan of one cluster.
struct ClusterPlanner {
    let render: ClusterRender
    let graph: ClusterGraph
    let options: PlanOptions
    let model: OrderingModel
    let applyPlan: ApplyPlan

    init(render: ClusterRender, graph: ClusterGraph, options: PlanOptions) {
        self.render = render
        self.graph = graph
        self.options = options
        model = OrderingModel(graph: graph)
        applyPlan = ApplyPlan.compute(model)
    }

    func plan() -> PlanCluster {
        var warnings: [String] = []
        var stages: [PlanStage] = []
        for (index, stage) in applyPlan.stages.enumerated() {
            let units = stage.units.compactMap { graph.nodes[$0] }.map { unit(for: $0, warnings: &warnings) }
            stages.append(PlanStage(index: index + 1, units: units))
        }
        for cycle in applyPlan.cycles {
            warnings.append("ordering cycle \((cycle + cycle.prefix(1)).map(\.rawValue).joined(separator: " -> ")): its units are in no stage")
        }
        if !applyPlan.blocked.isEmpty {
            warnings.append("\(applyPlan.blocked.count) unit(s) wait on an ordering cycle and are in no stage")
        }
        let helmReleases = stages.flatMap { $0.units.flatMap(\.objects) }.filter { $0.requires.contains(PlanBuilder.helmReleaseRequirement) }
        if !helmReleases.isEmpty {
            warnings.append("\(helmReleases.count) HelmRelease object(s) are applied for helm-controller: the target needs "
                + "\(PlanBuilder.helmReleaseRequirement) (not checked offline)")
        }
        for node in graph.nodes.values where node.appliedBy.count > 1 {
            warnings.append("\(describe(node)) is applied by \(node.appliedBy.count) units; planned once, under \(node.appliedBy[0].rawValue)")
        }
        return PlanCluster(name: render.cluster.name, path: render.cluster.path, stages: stages,
                           cycles: applyPlan.cycles.map { $0.map(\.rawValue) }, blocked: applyPlan.blocked.map(\.rawValue),
                           warnings: warnings.sorted())
    }

    private func unit(for node: GraphNode, warnings: inout [String]) -> PlanUnit {
        let engine = UnitPolicies.engine(of: node.role)
        let rendered = render.units.first { NodeID.unit($0.key) == node.id }
        let objects = self.objects(of: node, engine: engine, warnings: &warnings)
        var unit = PlanUnit(id: node.id.rawValue, apiVersion: node.apiVersion, kind: node.kind, namespace: node.namespace,
                            name: node.name, engine: engine, parent: node.appliedBy.first?.rawValue,
                            wait: UnitPolicies.wait(for: node, engine: engine, objects: objects),
                            prune: UnitPolicies.prune(node, engine: engine),
                            appliesUnitObject: engine == .helm || options.includesUnitObjects && node.object != nil
                                && (!node.appliedBy.isEmpty || engine == .flux && rendersItself(node)),
                            objects: objects)
        if let error = rendered?.error {
            let message = RenderedText.firstLine(error.message)
            unit.renderError = message
            warnings.append("\(unit.displayName) failed to render (\(message)); its objects are missing from the plan")
        }
        if engine == .helm {
            let chart = node.object?[path: ["spec", "chart", "spec", "chart"]]?.text.map { "chart \($0)" } ?? "its chart"
            unit.note = "helm-controller renders and installs \(chart) from the HelmRelease object"
                + (unit.parent.map { " that \($0) applies" } ?? "")
                + "; shipshape does not render charts, so the plan holds no chart objects; wait for the HelmRelease's Ready condition"
        }
        return unit
    }

    /// The unit's objects in engine order, without unit and source objects unless they are asked
    /// for; HelmReleases always, as helm-controller's input.
    private func objects(of unit: GraphNode, engine: PlanEngine, warnings: inout [String]) -> [PlanObject] {
        var ordered = (applyPlan.objectOrder[unit.id] ?? []).compactMap { graph.nodes[$0] }
        var slots = model.unitOrders[unit.id]?.slots ?? [:]
        // A root unit that renders itself is no node's object; it is applied by itself.
        if options.includesUnitObjects, unit.appliedBy.isEmpty, rendersItself(unit), engine == .flux {
            ordered = FluxApplyOrder.sorted(ordered + [unit])
            let stage = FluxApplyOrder.stage(of: unit)
            slots[unit.id] = ApplySlot(gate: stage.rawValue, gateIsWaited: stage.isWaited, step: 0, position: 0)
        }
        let argoTasks = engine == .argo ? firstTasks(ordered, destination: unit) : [:]
        var objects: [PlanObject] = []
        for node in ordered {
            let role: PlanObjectRole = node.role.isUnit ? .unit : node.role.isSource ? .source : .object
            let isHelmRelease = node.role == .helmRelease
            guard role == .object || isHelmRelease || options.includesUnitObjects else { continue }
            guard let rendered = node.object else {
                warnings.append("\(describe(node)) has no rendered object; left out of \(unit.id.rawValue)")
                continue
            }
            let slot = slots[node.id]
            let task = argoTasks[node.id]
            let phase = engine == .argo ? task?.phase.rawValue ?? "Sync" : Self.fluxStageName(FluxApplyOrder.stage(of: node))
            objects.append(PlanObject(apiVersion: node.apiVersion, kind: node.kind, namespace: node.namespace, name: node.name,
                                      role: role, gate: slot?.gate ?? 0, gateWaited: slot?.gateIsWaited ?? false, phase: phase,
                                      wave: engine == .argo ? task?.wave ?? 0 : nil, manifest: manifest(rendered, namespace: node.namespace),
                                      requires: isHelmRelease ? [PlanBuilder.helmReleaseRequirement] : []))
        }
        return objects
    }

    /// The phase and wave each object is first synced in (gitops-engine tasks, hoisting included).
    private func firstTasks(_ nodes: [GraphNode], destination unit: GraphNode) -> [NodeID: ArgoSyncTask] {
        let destination = unit.object?[path: ["spec", "destination", "namespace"]]?.text
        var first: [NodeID: ArgoSyncTask] = [:]
        for task in ArgoSyncOrder.tasks(for: nodes, destinationNamespace: destination) where first[task.node] == nil {
            first[task.node] = task
        }
        return first
    }

    private func rendersItself(_ unit: GraphNode) -> Bool {
        guard let rendered = render.units.first(where: { NodeID.unit($0.key) == unit.id }) else { return false }
        return rendered.resources.resources.contains { resource in
            resource.kind == unit.kind && resource.name == unit.name
                && (resource.namespace.isEmpty ? rendered.key.namespace : resource.namespace) == unit.namespace
        }
    }

    /// The manifest as the cluster needs it: a namespaced object without a namespace gets the
    /// one the graph placed it in (the unit's namespace or the Argo CD destination).
    private func manifest(_ node: Node, namespace: String) -> PlanJSON {
        var object = node
        if !namespace.isEmpty, object[path: ["metadata", "namespace"]]?.text?.isEmpty ?? true {
            object[path: ["metadata", "namespace"]] = .string(namespace)
        }
        return ManifestConversion.json(object)
    }

    static func fluxStageName(_ stage: FluxApplyStage) -> String {
        switch stage {
        case .definitions: "definitions"
        case .classes: "classes"
        case .resources: "resources"
        }
    }

    private func describe(_ node: GraphNode) -> String {
        node.namespace.isEmpty ? "\(node.kind) \(node.name)" : "\(node.kind) \(node.namespace)/\(node.name)"
    }
}

enum RenderedText {
    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }
}
