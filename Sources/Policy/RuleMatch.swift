import Rendering
import SourceTree

/// Which objects a rule looks at (`match:`): API groups and kinds, namespace globs, a label
/// selector, the applying unit and the cluster.
public struct RuleMatch: Sendable {
    public var apiGroups: [String]
    public var kinds: [String]
    public var namespaces: [String]
    public var excludeNamespaces: [String]
    public var labelSelector: LabelSelector?
    public var units: [String]
    public var clusters: [String]

    init(_ node: Node, origin: Origin?) throws(PolicyRuleError) {
        func strings(_ key: String) -> [String] { node[key]?.elements.compactMap(\.text) ?? [] }
        apiGroups = strings("apiGroups")
        kinds = strings("kinds")
        guard !kinds.isEmpty else { throw PolicyRuleError("match needs `kinds`", at: node.origin ?? origin) }
        namespaces = strings("namespaces")
        excludeNamespaces = strings("excludeNamespaces")
        units = strings("units")
        clusters = strings("clusters")
        if let selector = node["labelSelector"] {
            labelSelector = try LabelSelector.parsing(selector: selector)
        }
    }

    /// `unit` is `NAMESPACE/NAME` of the applying unit (globs without `/` match the name alone).
    public func matches(group: String, kind: String, namespace: String, labels: [String: String],
                        unit: String?, cluster: String?) -> Bool {
        guard apiGroups.isEmpty || apiGroups.contains("*") || apiGroups.contains(group),
              kinds.contains("*") || kinds.contains(kind) else { return false }
        if !namespaces.isEmpty {
            guard !namespace.isEmpty, namespaces.contains(where: { Self.glob($0, namespace) }) else { return false }
        }
        if !namespace.isEmpty, excludeNamespaces.contains(where: { Self.glob($0, namespace) }) { return false }
        if let labelSelector, !labelSelector.matches(labels) { return false }
        if !units.isEmpty {
            guard let unit else { return false }
            let name = unit.split(separator: "/").last.map(String.init) ?? unit
            guard units.contains(where: { Self.glob($0, $0.contains("/") ? unit : name) }) else { return false }
        }
        if !clusters.isEmpty {
            guard let cluster, clusters.contains(where: { Self.glob($0, cluster) }) else { return false }
        }
        return true
    }

    static func glob(_ pattern: String, _ text: String) -> Bool {
        GlobSegment(pattern).matches(text)
    }
}
