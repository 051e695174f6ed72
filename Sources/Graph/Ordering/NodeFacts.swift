import Rendering

/// The few fields of a node's rendered object that the ordering models read.
extension GraphNode {
    func annotation(_ key: String) -> String? {
        object?[path: ["metadata", "annotations"]]?[key]?.text
    }

    /// A boolean under `spec`; YAML booleans and the strings "true"/"false" both count, as the
    /// API server's decoding of a quoted boolean would reject it but a rendered value may carry either.
    func specFlag(_ path: String...) -> Bool {
        object?[path: ["spec"] + path]?.text?.lowercased() == "true"
    }

    func spec(_ path: String...) -> Node? { object?[path: ["spec"] + path] }

    /// Whether this is the core Namespace exactly as fluxcd/pkg `utils.IsNamespace` tests it
    /// (apiVersion `v1`, kind compared case-insensitively).
    var isCoreNamespace: Bool { apiVersion == "v1" && kind.lowercased() == "namespace" }

    /// `utils.IsCRD`: kind CustomResourceDefinition of `apiextensions.k8s.io/*`.
    var isCustomResourceDefinition: Bool {
        kind.lowercased() == "customresourcedefinition" && apiVersion.hasPrefix("apiextensions.k8s.io/")
    }

    /// The `group/Kind` a CRD serves, for Argo CD's hoisting.
    var servedGroupKind: String? {
        guard isCustomResourceDefinition, let group = spec("group")?.text, let kind = spec("names", "kind")?.text else {
            return nil
        }
        return "\(group)/\(kind)"
    }

    var groupKind: String { "\(group)/\(kind)" }
}

/// Which controller applies a unit's objects, and so which ordering model holds inside it.
enum Engine: Sendable {
    case flux, helm, argo

    init?(_ role: NodeRole) {
        switch role {
        case .fluxKustomization: self = .flux
        case .helmRelease: self = .helm
        case .argoApplication, .applicationSet: self = .argo
        default: return nil
        }
    }
}
