extension Vars {
    /// Replaces $(NAME) in the varReference field specs of every resource (at the end of the
    /// top-level build), failing as kustomize does when a var has no bound object or field.
    /// Returns the names never referenced, which kustomize only logs.
    @discardableResult
    public static func resolve(_ vars: [Variable], in map: inout ResourceMap, referenceSpecs: [FieldSpec]) throws(RenderError) -> [String] {
        var values: [String: VarValue] = [:]
        var origins: [String: Origin] = [:]
        // kustomize walks its var set sorted by name, so the first failure reported is the same.
        for variable in vars.sorted(by: { $0.name < $1.name }) {
            values[variable.name] = try value(of: variable, in: map)
            origins[variable.name] = variable.origin
        }
        guard !values.isEmpty else { return [] }
        var expander = VarExpander(values: values)
        for index in map.resources.indices {
            let gvk = map.resources[index].gvk
            for spec in referenceSpecs where spec.applies(to: gvk) {
                let id = map.resources[index].id
                try VarFieldWalker.visit(spec.path[...], in: &map.resources[index].node, object: id) { (node: inout Node) throws(RenderError) in
                    try substitute(in: &node, with: &expander, origins: origins)
                }
            }
        }
        return values.keys.filter { expander.counts[$0] == nil }.sorted()
    }

    /// The value a var stands for, read from the object it was bound to.
    private static func value(of variable: Variable, in map: ResourceMap) throws(RenderError) -> VarValue {
        guard let resource = map.resources.first(where: { $0.referencedVars.contains(variable.name) }) else {
            throw RenderError(.missing,
                "var '\(variable)' cannot be mapped to a field in the set of known resources", at: variable.origin)
        }
        let notFound = RenderError(.missing,
            "field specified in var '\(variable)' not found in corresponding resource", at: variable.origin)
        let parts = splittingIndexes(ReplacementPath(variable.fieldPath).parts)
        let node: Node?
        do {
            node = try ReplacementLookup.node(at: parts, in: resource.node)
        } catch {
            throw notFound
        }
        guard let node, let value = VarValue(node) else { throw notFound }
        return value
    }

    /// kyaml's `convertSliceIndex`: `ports[0]` is the field `ports`, then element 0.
    static func splittingIndexes(_ parts: [String]) -> [String] {
        var result: [String] = []
        for part in parts {
            guard part.hasSuffix("]"), let open = part.lastIndex(of: "["),
                  case let digits = part[part.index(after: open)..<part.index(before: part.endIndex)],
                  !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else {
                result.append(part)
                continue
            }
            if open != part.startIndex { result.append(String(part[..<open])) }
            result.append(String(digits))
        }
        return result
    }

    /// kustomize's refvar filter on one field: a string is expanded, a map's string values are,
    /// a list must hold only strings.
    private static func substitute(in node: inout Node, with expander: inout VarExpander, origins: [String: Origin]) throws(RenderError) {
        switch node.value {
        case .scalar(let scalar):
            guard scalar.tag == .string else { return }
            expandScalar(&node, with: &expander, origins: origins)
        case .mapping(var entries):
            for index in entries.indices where entries[index].value.scalar?.tag == .string {
                expandScalar(&entries[index].value, with: &expander, origins: origins)
            }
            node.value = .mapping(entries)
        case .sequence(var items):
            for index in items.indices {
                guard items[index].scalar?.tag == .string else {
                    throw RenderError(.transform, "invalid value type expect a string", at: items[index].origin ?? node.origin)
                }
                expandScalar(&items[index], with: &expander, origins: origins)
            }
            node.value = .sequence(items)
        }
    }

    private static func expandScalar(_ node: inout Node, with expander: inout VarExpander, origins: [String: Origin]) {
        guard let scalar = node.scalar else { return }
        let expanded = expander.expand(scalar.text)
        guard expanded != scalar else { return }
        node.value = .scalar(expanded)
        if let name = expander.lastUsed.first, let origin = origins[name] {
            node.origin = origin.changed(by: "var \(name)")
        }
    }
}

/// Walks a field spec path as kustomize's fieldspec filter does for var references: sequences on
/// the way are entered element by element, missing fields are skipped, and a scalar in the
/// middle of the path is an error.
enum VarFieldWalker {
    typealias Visit = (inout Node) throws(RenderError) -> Void

    static func visit(_ path: ArraySlice<String>, in node: inout Node, object: ResourceID, visit: Visit) throws(RenderError) {
        guard let field = path.first else {
            if node.isNull { return }
            try visit(&node)
            return
        }
        switch node.value {
        case .scalar(let scalar):
            if scalar.tag == .null { return }
            throw RenderError(.transform,
                "considering field '\(path.joined(separator: "/"))' of object \(object): expected sequence or mapping node", at: node.origin)
        case .sequence(var items):
            for index in items.indices {
                try Self.visit(path, in: &items[index], object: object, visit: visit)
            }
            node.value = .sequence(items)
        case .mapping:
            // `containers[]` in older configs names a list field; the walk enters lists anyway.
            let key = field.hasSuffix("[]") ? String(field.dropLast(2)) : field
            guard var child = node[key] else { return }
            try Self.visit(path.dropFirst(), in: &child, object: object, visit: visit)
            node[key] = child
        }
    }
}
