extension KubeAPI {
    /// Discovers every served kind and caches the result (call again after creating CRDs).
    /// Tries aggregated discovery (two requests); falls back to the legacy documents.
    @discardableResult
    public func discover() throws(KubeError) -> RESTMapper {
        if let aggregated = try aggregatedDiscovery() { return store(aggregated) }
        return store(try legacyDiscovery())
    }

    private func aggregatedDiscovery() throws(KubeError) -> RESTMapper? {
        var mappings: [RESTMapping] = [], stale: [String] = []
        for path in ["/api", "/apis"] {
            let request = HTTPRequest(method: "GET", path: path, headers: [Header("Accept", Discovery.aggregatedAccept)])
            let response = try send(request)
            // An old server ignores the media type and answers with APIVersions/APIGroupList.
            guard response.header("content-type")?.contains("as=APIGroupDiscoveryList") == true,
                  let parsed = Discovery.aggregated(try decode(response, request: request)) else { return nil }
            mappings += parsed.mappings
            stale += parsed.stale
        }
        return RESTMapper(mappings, unavailableGroups: stale)
    }

    private func legacyDiscovery() throws(KubeError) -> RESTMapper {
        var mappings: [RESTMapping] = [], unavailable: [String] = []
        let coreRequest = HTTPRequest(method: "GET", path: "/api")
        for version in Discovery.coreVersions(try decode(try send(coreRequest), request: coreRequest)) {
            let request = HTTPRequest(method: "GET", path: "/api/\(PercentEncoding.encode(version))")
            mappings += Discovery.resourceList(try decode(try send(request), request: request), group: "", version: version)
        }
        let groupsRequest = HTTPRequest(method: "GET", path: "/apis")
        for (group, version) in Discovery.groupVersions(try decode(try send(groupsRequest), request: groupsRequest)) {
            let request = HTTPRequest(method: "GET", path: "/apis/\(PercentEncoding.encode(group))/\(PercentEncoding.encode(version))")
            do {
                mappings += Discovery.resourceList(try decode(try send(request), request: request), group: group, version: version)
            } catch where [.notFound, .serverError, .transport].contains(error.kind) {
                // One broken aggregated API (503) must not hide the rest of the cluster.
                unavailable.append("\(group)/\(version)")
            }
        }
        return RESTMapper(mappings, unavailableGroups: unavailable)
    }
}
