/// Discovery documents: the legacy `/api`, `/apis`, `/apis/<g>`, `/api/v1`, `/apis/<g>/<v>`
/// forms and the aggregated `apidiscovery.k8s.io/v2` form of `/api` and `/apis`.
enum Discovery {
    static let aggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// Whether the Accept header asks for the aggregated v2 document.
    static func wantsAggregated(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").contains { entry in
            let parameters = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            return parameters.contains("g=apidiscovery.k8s.io") && parameters.contains("v=v2") && parameters.contains("as=APIGroupDiscoveryList")
        }
    }

    /// Groups in serving order (built-ins first, then CRD groups by name), with versions by Kubernetes priority.
    static func groups(_ types: [ResourceType]) -> [(name: String, versions: [String])] {
        var order: [String] = []
        for type in types where !type.group.isEmpty && !order.contains(type.group) { order.append(type.group) }
        let builtin = Set(BuiltinResources.all.map(\.group))
        order = order.filter(builtin.contains) + order.filter { !builtin.contains($0) }.sorted()
        return order.map { group in
            let versions = Set(types.filter { $0.group == group }.map(\.version))
            return (group, versions.sorted(by: versionPrecedes))
        }
    }

    /// Kubernetes version priority: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > other names (alphabetical).
    static func versionPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        func rank(_ version: String) -> (Int, Int, Int, String) {
            let pattern = version.utf8
            guard pattern.first == UInt8(ascii: "v") else { return (3, 0, 0, version) }
            let rest = version.dropFirst()
            let major = Int(rest.prefix { $0.isNumber }) ?? -1
            guard major >= 0 else { return (3, 0, 0, version) }
            let suffix = rest.drop { $0.isNumber }
            if suffix.isEmpty { return (0, -major, 0, version) }
            for (index, stage) in ["beta", "alpha"].enumerated() where suffix.hasPrefix(stage) {
                if let minor = Int(suffix.dropFirst(stage.count)) { return (1 + index, -major, -minor, version) }
            }
            return (3, 0, 0, version)
        }
        return rank(lhs) < rank(rhs)
    }

    static func apiVersions(serverAddress: String) -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    static func groupJSON(_ group: (name: String, versions: [String])) -> JSONValue {
        let versions: [JSONValue] = group.versions.map { ["groupVersion": .string("\(group.name)/\($0)"), "version": .string($0)] }
        return ["name": .string(group.name), "versions": .array(versions), "preferredVersion": versions.first ?? .null]
    }

    static func apiGroupList(_ types: [ResourceType]) -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups(types).map(groupJSON))]
    }

    static func apiGroup(_ types: [ResourceType], name: String) -> JSONValue? {
        guard let group = groups(types).first(where: { $0.name == name }) else { return nil }
        var document = groupJSON(group)
        document.setValue("APIGroup", at: ["kind"])
        document.setValue("v1", at: ["apiVersion"])
        return document
    }

    static func resourceList(_ types: [ResourceType], group: String, version: String) -> JSONValue {
        var resources: [JSONValue] = []
        for type in types where type.group == group && type.version == version {
            var entry: [String: JSONValue] = [
                "name": .string(type.plural), "singularName": .string(type.singular), "namespaced": .bool(type.namespaced),
                "kind": .string(type.kind), "verbs": .array(type.verbs.map(JSONValue.string)),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            resources.append(.object(entry))
            if type.hasStatus {
                resources.append(["name": .string(type.plural + "/status"), "singularName": "", "namespaced": .bool(type.namespaced),
                                  "kind": .string(type.kind), "verbs": ["get", "patch", "update"]])
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources)]
    }

    /// The aggregated document: `core` true for `/api`, false for `/apis`.
    static func aggregated(_ types: [ResourceType], core: Bool) -> JSONValue {
        let selected: [(name: String, versions: [String])] = core ? [("", ["v1"])] : groups(types)
        let items: [JSONValue] = selected.map { group in
            let versions: [JSONValue] = group.versions.map { version in
                let resources: [JSONValue] = types.filter { $0.group == group.name && $0.version == version }.map { type in
                    let responseKind: JSONValue = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
                    var entry: [String: JSONValue] = [
                        "resource": .string(type.plural), "responseKind": responseKind,
                        "scope": type.namespaced ? "Namespaced" : "Cluster", "singularResource": .string(type.singular),
                        "verbs": .array(type.verbs.map(JSONValue.string)),
                    ]
                    if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
                    if type.hasStatus {
                        entry["subresources"] = [["subresource": "status", "responseKind": responseKind, "verbs": ["get", "patch", "update"]]]
                    }
                    return .object(entry)
                }
                return ["version": .string(version), "freshness": "Current", "resources": .array(resources)]
            }
            var metadata: [String: JSONValue] = ["creationTimestamp": .null]
            if !group.name.isEmpty { metadata["name"] = .string(group.name) }
            return ["metadata": .object(metadata), "versions": .array(versions)]
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:], "items": .array(items)]
    }
}
