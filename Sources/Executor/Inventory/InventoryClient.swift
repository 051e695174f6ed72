import KubeClient

/// A live member of an apply set.
struct InventoryMember: Equatable {
    var identity: ObjectIdentity
    var uid: String
    var pruneDisabled: Bool
}

/// Reads and writes one apply set through the API.
struct InventoryClient {
    let api: KubeAPI
    let set: ApplySet

    /// The parent, or nil when the set has never been written.
    func parent() throws(KubeError) -> ApplySetParent? {
        try Relist.retrying { () throws(KubeError) in try api.get(set.parentRef) }.map(ApplySetParent.init)
    }

    /// Why this set may not be touched: another tool owns it, or the id does not match.
    static func ownershipProblem(_ parent: ApplySetParent?, set: ApplySet) -> String? {
        guard let parent else { return nil }
        if let tooling = parent.tooling, !tooling.hasPrefix("shipshape/") {
            return "the apply set \(set.parentNamespace)/\(set.parentName) is managed by \(tooling), not shipshape"
        }
        if let id = parent.id, id != set.id {
            return "the apply set \(set.parentNamespace)/\(set.parentName) has id \(id), expected \(set.id)"
        }
        return nil
    }

    func writeParent(groupKinds: Set<String>, namespaces: Set<String>) throws(KubeError) {
        _ = try api.apply(set.parent(groupKinds: groupKinds, namespaces: namespaces), fieldManager: Executor.fieldManager)
    }

    /// Every object carrying the set's label, for the given group-kinds. Namespaced kinds are
    /// listed across all namespaces, so a member in a namespace the hints forgot is still found.
    /// Kinds the server no longer serves cannot have members and are skipped.
    func members(groupKinds: Set<String>) throws(KubeError) -> [InventoryMember] {
        let selector = "\(ApplySet.partOfLabel)=\(set.id)"
        var members: [InventoryMember] = []
        for groupKind in groupKinds.sorted() {
            guard let mapping = listMapping(groupKind) else { continue }
            let items = try Relist.retrying { () throws(KubeError) in
                try api.list(apiVersion: mapping.apiVersion, kind: mapping.kind, labelSelector: selector)
            }
            for item in items {
                // The selector is the server's promise; the check keeps a careless server from
                // making us delete an object that is not ours.
                guard item.metadataEntry("labels", ApplySet.partOfLabel) == set.id,
                      let name = item[path: "metadata", "name"]?.string else { continue }
                let identity = ObjectIdentity(apiVersion: mapping.apiVersion, kind: mapping.kind,
                                              namespace: mapping.namespaced ? item[path: "metadata", "namespace"]?.string ?? "" : "",
                                              name: name)
                members.append(InventoryMember(
                    identity: identity, uid: item[path: "metadata", "uid"]?.string ?? "",
                    pruneDisabled: item.metadataEntry("annotations", "kustomize.toolkit.fluxcd.io/prune") == "disabled"))
            }
        }
        return members.sorted { $0.identity < $1.identity }
    }

    /// A served version of `Kind.group`.
    func listMapping(_ groupKind: String) -> RESTMapping? {
        let parts = groupKind.split(separator: ".", maxSplits: 1).map(String.init)
        guard let kind = parts.first else { return nil }
        let group = parts.count > 1 ? parts[1] : ""
        return api.mapper?.mappings.first { $0.group == group && $0.kind == kind }
    }
}

/// A list whose `continue` token or resourceVersion expired (410) is started again from scratch,
/// as client-go's reflector does; a few times, then the error stands.
enum Relist {
    static func retrying<T>(_ body: () throws(KubeError) -> T) throws(KubeError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try body()
            } catch where error.kind == .gone && attempt < 3 {
                continue
            }
        }
    }
}
