/// The resources of a build in accumulation order (kustomize's ResMap).
public struct ResourceMap: Sendable {
    public var resources: [Resource]

    public init(_ resources: [Resource] = []) {
        self.resources = resources
    }

    public var count: Int { resources.count }
    public var isEmpty: Bool { resources.isEmpty }

    /// Indexes of resources whose current id matches.
    public func indexes(currentID id: ResourceID) -> [Int] {
        resources.indices.filter { resources[$0].id.matches(id) }
    }

    /// Indexes of resources whose current or any previous id matches (kustomize's GetMatchingResourcesByAnyId).
    public func indexes(anyID id: ResourceID) -> [Int] {
        resources.indices.filter { i in resources[i].allIDs.contains { $0.matches(id) } }
    }

    /// Adds a resource, refusing a second one with the same current id.
    public mutating func append(_ resource: Resource) throws(RenderError) {
        if let clash = indexes(currentID: resource.id).first {
            throw RenderError(.conflict,
                "may not add resource with an already registered id: \(resource.id)",
                at: resources[clash].source)
        }
        resources.append(resource)
    }

    /// Adds many resources with one pass over the existing ids (a base of thousands of objects
    /// must not cost a scan per object).
    public mutating func append(contentsOf other: ResourceMap) throws(RenderError) {
        try append(contentsOf: other.resources)
    }

    public mutating func append(contentsOf others: [Resource]) throws(RenderError) {
        var seen: [IdentityKey: Int] = [:]
        for (index, resource) in resources.enumerated() { seen[IdentityKey(resource.id)] = index }
        for resource in others {
            let key = IdentityKey(resource.id)
            if let clash = seen[key] {
                throw RenderError(.conflict,
                    "may not add resource with an already registered id: \(resource.id)",
                    at: resources[clash].source)
            }
            seen[key] = resources.count
            resources.append(resource)
        }
    }

    /// What `ResourceID.matches` compares, as a hashable value.
    struct IdentityKey: Hashable {
        let gvk: GVK
        let name: String
        let namespace: String

        init(_ id: ResourceID) {
            gvk = id.gvk
            name = id.name
            namespace = id.effectiveNamespace
        }
    }
}
