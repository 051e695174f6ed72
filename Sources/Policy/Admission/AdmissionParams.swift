import CEL

/// The params objects of one cluster's render, found the way the API server finds a binding's
/// `paramRef`: by the policy's `paramKind`, in a namespace, by name or label selector.
struct AdmissionParams: Sendable {
    enum Lookup: Sendable {
        /// Evaluate once per value; `[.null]` when the policy takes no params, empty when none
        /// were found and the binding allows that.
        case found([CEL.Value])
        /// A configuration error or missing params under `Deny`: the policy's failurePolicy decides.
        case failed(String)
    }

    /// Keyed by `group|kind|namespace`: every lookup is within one namespace (or none), so a
    /// cluster with thousands of ConfigMaps does not scan them all for every object.
    private var byPlace: [String: [PolicySubject]] = [:]
    private let catalog: ResourceCatalog

    init(objects: [PolicySubject], catalog: ResourceCatalog) {
        for subject in objects { byPlace[Self.key(subject.group, subject.kind, subject.namespace), default: []].append(subject) }
        self.catalog = catalog
    }

    private static func key(_ group: String, _ kind: String, _ namespace: String) -> String { "\(group)|\(kind)|\(namespace)" }

    func lookup(for policy: AdmissionPolicy, binding: AdmissionBinding, target: AdmissionTarget) -> Lookup {
        // Without a paramKind a paramRef means nothing; without a paramRef the policy runs with
        // null params. Both are what the API server does.
        guard let kind = policy.paramKind, let reference = binding.paramRef else { return .found([.null]) }
        let namespace: String
        if catalog.isNamespaced(group: kind.group, kind: kind.kind) {
            guard let chosen = reference.namespace ?? (target.isNamespaced ? target.subject.namespace : nil) else {
                return .failed("paramRef has no namespace, so its namespaced \(kind.kind) params cannot be found for cluster-scoped objects")
            }
            namespace = chosen
        } else {
            guard reference.namespace == nil else {
                return .failed("paramRef.namespace must not be set for the cluster-scoped paramKind \(kind.kind)")
            }
            namespace = ""
        }
        let matching = (byPlace[Self.key(kind.group, kind.kind, namespace)] ?? []).filter { candidate in
            if let name = reference.name { return candidate.name == name }
            return reference.selector?.matches(candidate.labels) ?? false
        }
        guard matching.isEmpty else {
            return .found(matching.sorted { $0.name < $1.name }.map(\.value))
        }
        guard reference.deniesWhenNotFound else { return .found([]) }
        let place = namespace.isEmpty ? "" : " in namespace \(namespace)"
        let what = reference.name.map { "\(kind.kind) \($0)" } ?? "\(kind.kind) matching paramRef.selector"
        return .failed("params not found: no \(what)\(place) in the render, and parameterNotFoundAction is Deny")
    }
}
