import Rendering

/// Why the API server would refuse a policy or binding object itself: it never takes effect,
/// so its expressions are not evaluated and the problem is reported on the object instead.
struct AdmissionConfigurationError: Error, Sendable {
    var message: String
    var origin: Origin?

    init(_ message: String, at origin: Origin?) {
        self.message = message
        self.origin = origin
    }
}

/// A policy's `spec.matchConstraints` or a binding's `spec.matchResources`: which CREATE
/// requests the policy sees.
struct MatchResources: Sendable {
    /// One `NamedRuleWithOperations`.
    struct Rule: Sendable {
        var apiGroups: [String]
        var apiVersions: [String]
        var resources: [String]
        var operations: [String]
        var resourceNames: [String]
        var scope: String

        init(_ node: Node) {
            func strings(_ key: String) -> [String] { node[key]?.elements.compactMap(\.text) ?? [] }
            apiGroups = strings("apiGroups")
            apiVersions = strings("apiVersions")
            resources = strings("resources")
            operations = strings("operations")
            resourceNames = strings("resourceNames")
            scope = node["scope"]?.text ?? "*"
        }

        func matches(_ target: AdmissionTarget, comparesVersions: Bool) -> Bool {
            let subject = target.subject
            guard operations.contains("*") || operations.contains("CREATE"),
                  apiGroups.contains("*") || apiGroups.contains(subject.group),
                  !comparesVersions || apiVersions.contains("*") || apiVersions.contains(target.version),
                  resourceNames.isEmpty || resourceNames.contains(subject.name) else { return false }
            switch scope {
            case "Cluster": guard !target.isNamespaced else { return false }
            case "Namespaced": guard target.isNamespaced else { return false }
            default: break
            }
            // Objects are created through their main resource: `pods` and `pods/*` match it,
            // `pods/status` names only a subresource and does not.
            return resources.contains { entry in
                let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                let resource = parts.first.map(String.init) ?? ""
                let subresource = parts.count > 1 ? String(parts[1]) : ""
                return (resource == "*" || resource == target.resource) && (subresource.isEmpty || subresource == "*")
            }
        }
    }

    var namespaceSelector: LabelSelector?
    var objectSelector: LabelSelector?
    var resourceRules: [Rule]
    var excludeResourceRules: [Rule]
    /// `matchPolicy: Exact`. The default, Equivalent, lets the API server convert a request to
    /// the version a rule names, so versions are not compared.
    var comparesVersions: Bool

    init(_ node: Node) throws(AdmissionConfigurationError) {
        func selector(_ key: String) throws(AdmissionConfigurationError) -> LabelSelector? {
            guard let value = node[key], !value.isNull else { return nil }
            do {
                return try LabelSelector.parsing(selector: value)
            } catch {
                throw AdmissionConfigurationError("\(key): \(error.message)", at: error.origin ?? value.origin)
            }
        }
        namespaceSelector = try selector("namespaceSelector")
        objectSelector = try selector("objectSelector")
        resourceRules = node["resourceRules"]?.elements.map(Rule.init) ?? []
        excludeResourceRules = node["excludeResourceRules"]?.elements.map(Rule.init) ?? []
        comparesVersions = node["matchPolicy"]?.text == "Exact"
    }

    /// `resourceRules` must name the object unless `unconstrainedByEmptyRules` (a binding's
    /// `matchResources` without rules narrows only by its selectors).
    func matches(_ target: AdmissionTarget, unconstrainedByEmptyRules: Bool = false) -> Bool {
        if resourceRules.isEmpty {
            guard unconstrainedByEmptyRules else { return false }
        } else {
            guard resourceRules.contains(where: { $0.matches(target, comparesVersions: comparesVersions) }) else { return false }
        }
        guard !excludeResourceRules.contains(where: { $0.matches(target, comparesVersions: comparesVersions) }) else { return false }
        if let objectSelector, !objectSelector.matches(target.subject.labels) { return false }
        return matchesNamespace(target)
    }

    /// Cluster-scoped objects are never excluded by a namespace selector, except a Namespace,
    /// which is tested by its own labels. A namespace the render does not contain has unknown
    /// labels, so only a selector that selects everything can match it.
    private func matchesNamespace(_ target: AdmissionTarget) -> Bool {
        guard let namespaceSelector, !namespaceSelector.requirements.isEmpty else { return true }
        if target.isNamespaceObject { return namespaceSelector.matches(target.subject.labels) }
        guard target.isNamespaced else { return true }
        guard let labels = target.namespaceLabels else { return false }
        return namespaceSelector.matches(labels)
    }
}
