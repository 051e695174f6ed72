import Rendering

/// What a unit's `Ready=True` promises about the objects it applies, which is what a `dependsOn`
/// on it buys the dependant.
public enum UnitReadiness: Sendable, Equatable {
    /// Every applied object was ready (kstatus Current): Flux `spec.wait: true`, or a HelmRelease
    /// whose install and upgrade both wait (helm-controller's default).
    case allObjects
    /// The objects named in `spec.healthChecks` were ready; the rest were applied.
    case healthChecked([HealthCheckReference])
    /// Everything was applied; nothing was waited for beyond Flux's staged apply.
    case appliedOnly(reason: String)

    /// Whether readiness of the unit implies that `object`, which it applies directly, is ready.
    func covers(_ object: GraphNode) -> Bool {
        switch self {
        case .allObjects: true
        case .healthChecked(let references): references.contains { $0.matches(object) }
        case .appliedOnly: false
        }
    }
}

/// One `spec.healthChecks` entry of a Flux Kustomization.
public struct HealthCheckReference: Sendable, Hashable {
    public var group: String
    public var kind: String
    /// Empty when the entry leaves it out.
    public var namespace: String
    public var name: String

    public init(group: String, kind: String, namespace: String, name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Versions do not matter: the health check reads the object through any served version.
    func matches(_ node: GraphNode) -> Bool {
        group == node.group && kind == node.kind && name == node.name && (namespace.isEmpty || namespace == node.namespace)
    }
}

extension GraphNode {
    /// What this unit's `Ready=True` promises (kustomize-controller `checkHealth`; helm-controller
    /// waits unless `disableWait`).
    var readiness: UnitReadiness {
        switch role {
        case .fluxKustomization:
            if specFlag("wait") { return .allObjects }
            let references = (spec("healthChecks")?.elements ?? []).compactMap(HealthCheckReference.init(entry:))
            if !references.isEmpty { return .healthChecked(references) }
            return .appliedOnly(reason: "\(kind) \(namespace)/\(name) has neither spec.wait nor spec.healthChecks, so its Ready means applied, not ready")
        case .helmRelease:
            for phase in ["install", "upgrade"] where specFlag(phase, "disableWait") {
                return .appliedOnly(reason: "HelmRelease \(namespace)/\(name) sets spec.\(phase).disableWait, so its Ready means installed, not ready")
            }
            return .allObjects
        default:
            return .appliedOnly(reason: "\(kind) \(namespace)/\(name) is not a Flux unit whose readiness gates a dependant")
        }
    }

    /// `spec.suspend: true` on a Flux object or a HelmRelease.
    public var isSuspended: Bool { role.isUnit && specFlag("suspend") }
}

extension HealthCheckReference {
    init?(entry: Node) {
        guard let kind = entry["kind"]?.text, let name = entry["name"]?.text else { return nil }
        let apiVersion = entry["apiVersion"]?.text ?? ""
        self.init(group: apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : "",
                  kind: kind, namespace: entry["namespace"]?.text ?? "", name: name)
    }
}
