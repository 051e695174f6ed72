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

    public mutating func append(contentsOf other: ResourceMap) throws(RenderError) {
        for resource in other.resources { try append(resource) }
    }
}
