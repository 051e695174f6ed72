import Graph
import Rendering

/// A unit's engine, wait policy and prune setting, read from its rendered object.
enum UnitPolicies {
    /// helm-controller's `spec.timeout` default.
    static let helmDefaultTimeout = "5m0s"

    static func engine(of role: NodeRole) -> PlanEngine {
        switch role {
        case .helmRelease: .helm
        case .argoApplication, .applicationSet: .argo
        default: .flux
        }
    }

    static func wait(for unit: GraphNode, engine: PlanEngine, objects: [PlanObject]) -> WaitPolicy {
        let spec = unit.object?["spec"]
        switch engine {
        case .flux:
            // kustomize-controller `GetTimeout`: spec.timeout, else spec.interval.
            var policy = WaitPolicy(all: flag(spec?["wait"]))
            policy.healthChecks = (spec?["healthChecks"]?.elements ?? []).compactMap(reference).sorted()
            if let timeout = spec?["timeout"]?.text {
                policy.set(timeout: timeout, source: "timeout")
            } else if let interval = spec?["interval"]?.text {
                policy.set(timeout: interval, source: "interval")
            }
            return policy
        case .helm:
            let disabled = ["install", "upgrade"].contains { flag(spec?[path: [$0, "disableWait"]]) }
            var policy = WaitPolicy(all: !disabled)
            if let timeout = spec?["timeout"]?.text {
                policy.set(timeout: timeout, source: "timeout")
            } else {
                policy.set(timeout: helmDefaultTimeout, source: "default")
            }
            return policy
        case .argo:
            return WaitPolicy(waves: Array(Set(objects.compactMap(\.wave))).sorted())
        }
    }

    static func prune(_ unit: GraphNode, engine: PlanEngine) -> Bool {
        switch engine {
        case .flux: flag(unit.object?[path: ["spec", "prune"]])
        case .argo: flag(unit.object?[path: ["spec", "syncPolicy", "automated", "prune"]])
        case .helm: false
        }
    }

    /// YAML booleans and the strings "true"/"false" both count, as the ordering models read them.
    static func flag(_ node: Node?) -> Bool { node?.text?.lowercased() == "true" }

    private static func reference(_ entry: Node) -> ObjectReference? {
        guard let kind = entry["kind"]?.text, let name = entry["name"]?.text else { return nil }
        return ObjectReference(apiVersion: entry["apiVersion"]?.text ?? "", kind: kind,
                               namespace: entry["namespace"]?.text ?? "", name: name)
    }
}

extension WaitPolicy {
    mutating func set(timeout text: String, source: String) {
        timeout = text
        timeoutSeconds = GoDuration.seconds(text)
        timeoutSource = source
    }
}
