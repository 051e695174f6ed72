/// Where a kind lives in the API: its resource (plural) and scope, from discovery or a CRD.
public struct RESTMapping: Sendable, Hashable, Comparable {
    public var group: String
    public var version: String
    public var kind: String
    public var resource: String
    public var namespaced: Bool
    public var verbs: [String]

    public init(group: String, version: String, kind: String, resource: String, namespaced: Bool, verbs: [String] = []) {
        self.group = group
        self.version = version
        self.kind = kind
        self.resource = resource
        self.namespaced = namespaced
        self.verbs = verbs
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    public static func < (lhs: RESTMapping, rhs: RESTMapping) -> Bool {
        (lhs.group, lhs.version, lhs.kind) < (rhs.group, rhs.version, rhs.kind)
    }
}

/// Maps (group, version, kind) to resources. A value: refresh by discovering again or by adding
/// the mappings of CRDs created in this run.
public struct RESTMapper: Sendable, Equatable {
    private struct Key: Hashable { var group, version, kind: String }
    private var table: [Key: RESTMapping] = [:]
    /// Groups whose aggregated API server was unreachable (`freshness: Stale`) or failed to list.
    public private(set) var unavailableGroups: [String] = []

    public init(_ mappings: [RESTMapping] = [], unavailableGroups: [String] = []) {
        for mapping in mappings { add(mapping) }
        self.unavailableGroups = Array(Set(unavailableGroups)).sorted()
    }

    public mutating func add(_ mapping: RESTMapping) {
        table[Key(group: mapping.group, version: mapping.version, kind: mapping.kind)] = mapping
    }

    public func mapping(group: String, version: String, kind: String) -> RESTMapping? {
        table[Key(group: group, version: version, kind: kind)]
    }

    /// Uses the object's own apiVersion, never a preferred version.
    public func mapping(apiVersion: String, kind: String) -> RESTMapping? {
        let (group, version) = Self.split(apiVersion: apiVersion)
        return mapping(group: group, version: version, kind: kind)
    }

    public var mappings: [RESTMapping] { table.values.sorted() }

    public static func split(apiVersion: String) -> (group: String, version: String) {
        guard let slash = apiVersion.lastIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }

    /// The mappings a CustomResourceDefinition will serve, read from the CRD itself so its custom
    /// resources can be addressed before discovery catches up.
    public static func mappings(fromCRD crd: JSON) -> [RESTMapping] {
        guard let spec = crd["spec"], let group = spec["group"]?.string,
              let kind = spec[path: "names", "kind"]?.string, let plural = spec[path: "names", "plural"]?.string
        else { return [] }
        let namespaced = spec["scope"]?.string != "Cluster"
        return (spec["versions"]?.array ?? []).compactMap { version in
            guard let name = version["name"]?.string, version["served"]?.bool != false else { return nil }
            return RESTMapping(group: group, version: name, kind: kind, resource: plural, namespaced: namespaced,
                               verbs: ["create", "delete", "get", "list", "patch", "update", "watch"])
        }
    }
}
