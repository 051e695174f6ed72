extension Transformers {
    /// kustomize's name-reference transformer, run once at the end of the top-level build: for each
    /// field that may hold the name of another object (the config's name references, selected by
    /// the referrer's original or current kind), find the object that was loaded or renamed under that name
    /// and write its current name (and, in `{name, namespace}` maps, its namespace).
    public static func fixNameReferences(in map: inout ResourceMap, config: TransformerConfig) throws(RenderError) {
        let referrals = ReferralIndex(map)
        for index in map.resources.indices {
            let referrer = map.resources[index]
            // kustomize selects referrers by the kind they were loaded with; the current kind
            // counts too, so references still get fixed after a patch changed the kind.
            let kinds = [referrer.originalID.gvk, referrer.gvk]
            var fixes: [(spec: FieldSpec, target: GVK)] = []
            for reference in config.nameReference {
                for spec in reference.referrers where kinds.contains(where: { $0.isSelected(by: spec.gvk) }) {
                    fixes.append((spec, reference.gvk))
                }
            }
            guard !fixes.isEmpty else { continue }
            let candidates = try referrals.candidates(for: referrer)
            var node = referrer.node
            for fix in fixes {
                let fixer = NameReferenceFixer(referrer: referrer, referrerNode: node, spec: fix.spec, target: fix.target,
                                               candidates: candidates, referrals: referrals)
                do throws(RenderError) {
                    try FieldPath.visit(fix.spec, in: &node) { (value: inout Node) throws(RenderError) in
                        try fixer.fix(&value)
                    }
                } catch {
                    throw error.prefixed("updating name reference in '\(fix.spec.pathString)' field of '\(referrer.id)': ",
                                         at: referrer.source)
                }
            }
            map.resources[index].node = node
        }
    }
}

/// What name-reference matching needs to know about every object, taken before any reference is
/// fixed (fixing only edits referrers' reference fields, never names or namespaces).
struct ReferralIndex {
    struct Entry {
        var id: ResourceID
        var originalID: ResourceID
        var previousIDs: [ResourceID]
        var prefixes: [String]
        var suffixes: [String]
        var nameOrigin: Origin?
    }

    let entries: [Entry]
    /// Objects by each of their previous names, in build order.
    let byPreviousName: [String: [Int]]

    init(_ map: ResourceMap) {
        entries = map.resources.map { resource in
            Entry(id: resource.id, originalID: resource.originalID, previousIDs: resource.previousIDs,
                  prefixes: resource.prefixes, suffixes: resource.suffixes,
                  nameOrigin: resource.node[path: ["metadata", "name"]]?.origin)
        }
        var byName: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            for name in Set(entry.previousIDs.map(\.name)) { byName[name, default: []].append(index) }
        }
        byPreviousName = byName
    }

    /// kustomize's SubsetThatCouldBeReferencedByResource: a cluster-scoped referrer sees all;
    /// a namespaced one sees cluster-scoped objects, its own namespace, and (for a RoleBinding)
    /// the namespaces of its ServiceAccount subjects.
    func candidates(for referrer: Resource) throws(RenderError) -> [Bool] {
        let referrerID = referrer.id
        if referrerID.gvk.isClusterScoped { return Array(repeating: true, count: entries.count) }
        let subjectNamespaces = try ReferralIndex.serviceAccountNamespaces(of: referrer)
        return entries.map { entry in
            entry.id.gvk.isClusterScoped || entry.id.effectiveNamespace == referrerID.effectiveNamespace
                || subjectNamespaces.contains(entry.id.namespace)
        }
    }

    private static func serviceAccountNamespaces(of referrer: Resource) throws(RenderError) -> Set<String> {
        guard referrer.kind == "RoleBinding" else { return [] }
        var namespaces: Set<String> = []
        for subject in referrer.node["subjects"]?.elements ?? [] {
            guard let namespace = subject["namespace"], subject["kind"]?.text == "ServiceAccount" else { continue }
            guard let scalar = namespace.scalar, scalar.tag == .string else {
                throw RenderError(.invalid, "Invalid Input: namespace is blank for resource \"\(referrer.id)\"", at: namespace.origin)
            }
            namespaces.insert(scalar.text)
        }
        return namespaces
    }
}

/// Fixes the values one name-reference field spec reaches in one referrer. A class, because the
/// field visitor's closure captures it once per visited value.
private final class NameReferenceFixer {
    let referrer: Resource
    let referrerNode: Node
    let spec: FieldSpec
    let target: GVK
    let candidates: [Bool]
    let referrals: ReferralIndex

    init(referrer: Resource, referrerNode: Node, spec: FieldSpec, target: GVK, candidates: [Bool], referrals: ReferralIndex) {
        self.referrer = referrer
        self.referrerNode = referrerNode
        self.spec = spec
        self.target = target
        self.candidates = candidates
        self.referrals = referrals
    }

    func fix(_ value: inout Node) throws(RenderError) {
        switch value.value {
        case .scalar:
            if !value.isNull { try fixName(&value) }
        case .mapping:
            try fixNameAndNamespace(&value)
        case .sequence:
            try NodeEdit.elements(of: &value) { (items: inout [Node]) throws(RenderError) in
                for index in items.indices {
                    switch items[index].value {
                    case .scalar where !items[index].isNull: try fixName(&items[index])
                    case .mapping: try fixNameAndNamespace(&items[index])
                    default: continue
                    }
                }
            }
        }
    }

    private func fixName(_ value: inout Node) throws(RenderError) {
        let oldName = value.text ?? ""
        guard let referral = try select(oldName, among: candidates) else { return }
        let newName = referrals.entries[referral].id.name
        if newName != oldName { value = renamed(newName, replacing: value, referral: referral) }
    }

    /// A `{name, namespace}` map (role binding subjects, webhook service references).
    private func fixNameAndNamespace(_ value: inout Node) throws(RenderError) {
        guard let nameNode = value["name"] else {
            throw RenderError(.invalid, "path config error; no 'name' field in node", at: value.origin)
        }
        var pool = candidates
        if let namespace = value["namespace"] {
            pool = inNamespace(namespace.text ?? "")
        }
        let oldName = nameNode.text ?? ""
        guard let referral = try select(oldName, among: pool) else { return }
        let id = referrals.entries[referral].id
        if id.name == oldName && id.namespace.isEmpty { return }
        NodeEdit.set("name", to: renamed(id.name, replacing: nameNode, referral: referral), in: &value)
        // An empty namespace would read as "any namespace" here, not as "default"; leave it.
        if !id.namespace.isEmpty {
            let old = value["namespace"]
            NodeEdit.set("namespace", to: .string(id.namespace, origin: (old?.origin ?? nameNode.origin)?.changed(by: "nameReference")),
                         in: &value)
        }
    }

    private func renamed(_ name: String, replacing old: Node, referral: Int) -> Node {
        .string(name, origin: (referrals.entries[referral].nameOrigin ?? old.origin)?.changed(by: "nameReference"))
    }

    /// Candidates whose original namespace is `namespace`, else those now in it.
    private func inNamespace(_ namespace: String) -> [Bool] {
        func members(_ key: (ReferralIndex.Entry) -> ResourceID) -> [Bool] {
            referrals.entries.indices.map { index in
                let id = key(referrals.entries[index])
                return candidates[index] && !id.gvk.isClusterScoped && id.effectiveNamespace == namespace
            }
        }
        let original = members(\.originalID)
        return original.contains(true) ? original : members(\.id)
    }

    /// kustomize's selectReferral: sieve by earlier name, referral kind, roleRef kind and
    /// namespace; if still ambiguous prefer matching name prefixes/suffixes, first loosely, then
    /// exactly; several left with one current name and namespace are fine, otherwise it is an error.
    private func select(_ oldName: String, among pool: [Bool]) throws(RenderError) -> Int? {
        let entries = referrals.entries
        var found = (referrals.byPreviousName[oldName] ?? []).filter { pool[$0] }
        found = found.filter { entries[$0].previousIDs.contains { $0.gvk.isSelected(by: target) } }
        if let roleRef = roleRefKind() {
            found = found.filter { entries[$0].previousIDs.contains { $0.gvk.isSelected(by: roleRef) } }
        }
        let referrerID = referrer.id
        if !referrerID.gvk.isClusterScoped {
            found = found.filter { index in
                let id = entries[index].id
                return id.gvk.isClusterScoped || id.gvk.kind == "ServiceAccount" || id.effectiveNamespace == referrerID.effectiveNamespace
            }
        }
        if found.count == 1 { return found[0] }
        found = found.filter { affixesMatch(entries[$0], allowingEmpty: true) }
        if found.count == 1 { return found[0] }
        found = found.filter { affixesMatch(entries[$0], allowingEmpty: false) }
        if found.count == 1 { return found[0] }
        guard let first = found.first else { return nil }
        let chosen = entries[first].id
        if found.allSatisfy({ entries[$0].id.name == chosen.name && entries[$0].id.namespace == chosen.namespace }) { return first }
        throw RenderError(.conflict,
            "found multiple possible referrals: \(found.map { entries[$0].id.description }.joined(separator: ", "))",
            at: referrer.source)
    }

    /// For `roleRef/name`, the roleRef's `apiGroup` and `kind` (nil when either is missing).
    private func roleRefKind() -> GVK? {
        guard spec.pathString.hasSuffix("roleRef/name"), let roleRef = referrerNode["roleRef"],
              let group = roleRef["apiGroup"], let kind = roleRef["kind"] else { return nil }
        return GVK(group: group.scalar?.text ?? "", kind: kind.scalar?.text ?? "")
    }

    private func affixesMatch(_ entry: ReferralIndex.Entry, allowingEmpty: Bool) -> Bool {
        func same(_ mine: [String], _ theirs: [String]) -> Bool {
            if allowingEmpty && (mine.isEmpty || theirs.isEmpty) { return true }
            return NameReferenceFixer.endsAlike(mine, theirs)
        }
        return same(entry.prefixes, referrer.prefixes) && same(entry.suffixes, referrer.suffixes)
    }

    /// kustomize's SameEndingSubSlice: the shorter list is the tail of the longer; an empty
    /// list only matches an empty one.
    static func endsAlike(_ a: [String], _ b: [String]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.isEmpty { return long.isEmpty }
        return Array(long.suffix(short.count)) == short
    }
}
