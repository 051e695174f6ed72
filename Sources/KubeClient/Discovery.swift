/// Parsers for the discovery documents (read-only, pure, so they are tested without a server).
public enum Discovery {
    /// What `Accept` asks for aggregated discovery, falling back to the legacy documents.
    public static let aggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    /// Mappings of an `APIGroupDiscoveryList`, plus the groups with a `Stale` version (their
    /// aggregated API server is unreachable, so their kinds are treated as unknown). Nil if the
    /// document is not an aggregated list (an old server answered with the legacy type).
    public static func aggregated(_ document: JSON) -> (mappings: [RESTMapping], stale: [String])? {
        guard document["kind"]?.string == "APIGroupDiscoveryList", let items = document["items"]?.array else { return nil }
        var mappings: [RESTMapping] = [], stale: [String] = []
        for item in items {
            let group = item[path: "metadata", "name"]?.string ?? ""
            for version in item["versions"]?.array ?? [] {
                guard let name = version["version"]?.string else { continue }
                if version["freshness"]?.string == "Stale" {
                    stale.append(group.isEmpty ? name : "\(group)/\(name)")
                    continue
                }
                for resource in version["resources"]?.array ?? [] {
                    guard let plural = resource["resource"]?.string, !plural.contains("/"),
                          let kind = resource[path: "responseKind", "kind"]?.string, !kind.isEmpty else { continue }
                    mappings.append(RESTMapping(group: group, version: name, kind: kind, resource: plural,
                                                namespaced: resource["scope"]?.string == "Namespaced",
                                                verbs: (resource["verbs"]?.array ?? []).compactMap(\.string)))
                }
            }
        }
        return (mappings, stale)
    }

    /// `APIResourceList` of one group version; subresources (`pods/log`) are skipped.
    public static func resourceList(_ document: JSON, group: String, version: String) -> [RESTMapping] {
        (document["resources"]?.array ?? []).compactMap { resource in
            guard let name = resource["name"]?.string, !name.contains("/"),
                  let kind = resource["kind"]?.string, !kind.isEmpty else { return nil }
            return RESTMapping(group: group, version: version, kind: kind, resource: name,
                               namespaced: resource["namespaced"]?.bool ?? false,
                               verbs: (resource["verbs"]?.array ?? []).compactMap(\.string))
        }
    }

    /// Versions of `/api` (`APIVersions`).
    public static func coreVersions(_ document: JSON) -> [String] {
        (document["versions"]?.array ?? []).compactMap(\.string)
    }

    /// Every served `group/version` of `/apis` (`APIGroupList`), not only the preferred ones:
    /// objects name their own apiVersion.
    public static func groupVersions(_ document: JSON) -> [(group: String, version: String)] {
        (document["groups"]?.array ?? []).flatMap { group -> [(group: String, version: String)] in
            guard let name = group["name"]?.string else { return [] }
            return (group["versions"]?.array ?? []).compactMap { version in
                version["version"]?.string.map { (name, $0) }
            }
        }
    }
}
