/// What a request path names.
enum Route {
    struct ResourceTarget {
        var type: ResourceType
        var namespace: String?
        var name: String?
        var subresource: String?
    }

    case coreVersions
    case groupList
    case group(String)
    case resourceList(group: String, version: String)
    case object(ResourceTarget)
    case nonResource(String)

    /// Resolves a path against the served types; unknown groups are the mux's plain 404.
    init(path: String, state: APIState) throws(APIError) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let root = segments.first else { throw APIError.pageNotFound }
        let group: String
        let version: String
        let rest: [String]
        switch root {
        case "api":
            if segments.count == 1 { self = .coreVersions; return }
            group = ""
            version = segments[1]
            rest = Array(segments.dropFirst(2))
        case "apis":
            if segments.count == 1 { self = .groupList; return }
            if segments.count == 2 {
                guard state.allTypes.contains(where: { $0.group == segments[1] }) else { throw APIError.pageNotFound }
                self = .group(segments[1])
                return
            }
            group = segments[1]
            version = segments[2]
            rest = Array(segments.dropFirst(3))
        case "version", "healthz", "readyz", "livez":
            guard segments.count == 1 else { throw APIError.pageNotFound }
            self = .nonResource(root)
            return
        default:
            throw APIError.pageNotFound
        }
        guard state.servesGroupVersion(group: group, version: version) else { throw APIError.pageNotFound }
        guard !rest.isEmpty else { self = .resourceList(group: group, version: version); return }

        var namespace: String?
        var resourceSegments = rest
        let namespaceSubresource = rest.count == 3 && ["status", "finalize"].contains(rest[2])
        if rest[0] == "namespaces", rest.count >= 3, !(group.isEmpty && namespaceSubresource) {
            namespace = rest[1]
            resourceSegments = Array(rest.dropFirst(2))
        }
        guard resourceSegments.count <= 3 else { throw APIError.pageNotFound }
        switch state.resolve(group: group, version: version, plural: resourceSegments[0]) {
        case .unknownGroupVersion: throw APIError.pageNotFound
        case .unknownResource: throw APIError.unknownResource
        case .type(let type):
            if namespace != nil, !type.namespaced { throw APIError.unknownResource }
            let subresource = resourceSegments.count > 2 ? resourceSegments[2] : nil
            if let subresource, subresource != "status" { throw APIError.unknownResource }
            self = .object(ResourceTarget(
                type: type, namespace: namespace, name: resourceSegments.count > 1 ? resourceSegments[1] : nil, subresource: subresource))
        }
    }
}
