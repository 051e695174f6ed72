/// Strategic-merge patching as kustomize v5 does it: kyaml's merge2 walker over the target
/// (its "dest") and the patch (its "origin"), not apimachinery's strategic merge patch.
///
/// What that walker does, and so what this does:
/// - maps merge key by key; a `null` in the patch removes the key; `$patch: delete` on a map
///   removes it, `$patch: replace` puts the patch's map in its place;
/// - scalars and lists without a merge strategy in the schema are replaced by the patch's value
///   (lists of unknown kinds and CRDs are always replaced: kustomize does not infer merge keys);
/// - lists whose schema strategy contains `merge` are merged element by element on their merge
///   keys (`$patch: delete` on an element removes it); the patch's elements come first, then the
///   target's other elements in their order;
/// - `null` values anywhere in the target are dropped, because the walk visits every field;
/// - `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…` are not directives for
///   kyaml: they are kept as ordinary keys, exactly as `kustomize build` keeps them.
public enum StrategicMerge {
    /// Applies `patch` to `target`. Returns nil when the patch deletes the whole object
    /// (`$patch: delete` at its top). Every node taken from the patch records `step` as the
    /// change that put it there.
    public static func apply(_ patch: Node, to target: Node, gvk: GVK, schema: PatchSchema,
                             step: String) throws(RenderError) -> Node? {
        let stamped = patch.mapNodes { node in
            var node = node
            node.origin = node.origin?.changed(by: step)
            return node
        }
        var walker = Walker(schema: schema)
        return try walker.walk(dest: target, origin: stamped, shape: schema.root(for: gvk), path: []).node
    }
}

/// One pass of the merge walk. `dest` is the target's value at a path, `origin` the patch's;
/// either may be absent. Mirrors kyaml's Walker + merge2.Merger visitor.
struct Walker {
    let schema: PatchSchema

    /// The merged value (nil clears the field) and whether it is the target's own node merged in
    /// place. kyaml works on shared pointers; list merging depends on which node a result is.
    struct Outcome {
        var node: Node?
        var isDest: Bool
    }

    mutating func walk(dest: Node?, origin: Node?, shape: PatchSchema.Shape?, path: [String]) throws(RenderError) -> Outcome {
        let shape = shape ?? schemaFromTypeMeta(dest, origin)
        let present = [dest, origin].compactMap { $0 }.filter { !$0.isNull }
        guard let first = present.first else {
            return try walkMap(dest: dest, origin: origin, shape: shape, path: path)
        }
        for node in present where node.kindName != first.kindName {
            throw RenderError(.transform,
                "wrong node kind: expected \(first.kindName) but got \(node.kindName) at \(Self.display(path))",
                at: origin?.origin ?? node.origin)
        }
        switch first.value {
        case .mapping:
            return try walkMap(dest: dest, origin: origin, shape: shape, path: path)
        case .sequence:
            if let shape, shape.mergeKeys != nil {
                return try walkAssociativeList(dest: dest, origin: origin, shape: shape, path: path)
            }
            // Lists without a merge strategy: the patch's list (or null) wins as a whole.
            return origin.map { Outcome(node: $0, isDest: false) } ?? Outcome(node: dest, isDest: true)
        case .scalar:
            return origin.map { Outcome(node: $0, isDest: false) } ?? Outcome(node: dest, isDest: true)
        }
    }

    /// kyaml looks a schema up by `apiVersion`/`kind` wherever it has none (the top of an object,
    /// or an embedded object inside an unknown field).
    private func schemaFromTypeMeta(_ dest: Node?, _ origin: Node?) -> PatchSchema.Shape? {
        for node in [dest, origin] {
            guard let node, node.isMapping,
                  let apiVersion = node["apiVersion"]?.text, !apiVersion.isEmpty,
                  let kind = node["kind"]?.text, !kind.isEmpty else { continue }
            if let shape = schema.root(for: GVK(apiVersion: apiVersion, kind: kind)) { return shape }
        }
        return nil
    }

    private mutating func walkMap(dest: Node?, origin: Node?, shape: PatchSchema.Shape?, path: [String]) throws(RenderError) -> Outcome {
        var origin = origin
        var merged: Node
        var isDest = false
        if dest == nil || dest?.isNull == true {
            // Adding: the patch's map is taken, unless it deletes itself.
            // An unknown directive is ignored here (kyaml drops that error).
            if Directive.take(from: &origin) == .delete { return Outcome(node: nil, isDest: false) }
            guard let origin else { return Outcome(node: nil, isDest: false) }
            merged = origin
        } else if let patch = origin, patch.isNull {
            return Outcome(node: nil, isDest: false)
        } else {
            let written = origin?[Directive.key]
            switch Directive.take(from: &origin) {
            case .unknown:
                throw RenderError(.transform, "unknown patch strategy '\(written?.text ?? "")'", at: written?.origin)
            case .delete: return Outcome(node: nil, isDest: false)
            case .replace: merged = origin ?? .mapping()
            case .merge:
                merged = dest ?? .mapping()
                isDest = true
            }
        }
        for key in Self.fieldNames(merged, origin) {
            let child = try walk(dest: merged[key], origin: origin?[key],
                                 shape: shape.flatMap { schema.field(key, of: $0) }, path: path + [key])
            if let node = child.node, !node.isNull {
                merged[key] = node
            } else {
                merged[key] = nil
            }
        }
        return Outcome(node: merged, isDest: isDest)
    }

    /// Keys of every mapping source, sorted (the walker's visiting order; new keys are appended
    /// in this order).
    private static func fieldNames(_ a: Node, _ b: Node?) -> [String] {
        var names = Set(a.keys)
        if let b { names.formUnion(b.keys) }
        return names.sorted()
    }

    static func display(_ path: [String]) -> String {
        path.isEmpty ? "the top level" : path.joined(separator: ".")
    }
}

/// The `$patch` directive of a patch map.
enum Directive: Equatable {
    case merge, replace, delete, unknown

    static let key = "$patch"

    /// Reads the directive and removes it when it is a known one, as kyaml does before merging.
    static func take(from patch: inout Node?) -> Directive {
        guard let node = patch, node.isMapping, let value = node[key] else { return .merge }
        let directive: Directive
        switch value.text {
        case "delete": directive = .delete
        case "replace": directive = .replace
        case "merge": directive = .merge
        default: return .unknown
        }
        patch?[key] = nil
        return directive
    }
}

extension Node {
    /// yaml.v3's kind names, used in kyaml's error messages.
    var kindName: String {
        switch value {
        case .mapping: "MappingNode"
        case .sequence: "SequenceNode"
        case .scalar: "ScalarNode"
        }
    }

    /// kyaml's `YNode().Value`: a scalar's text, empty for collections.
    var valueText: String {
        if case .scalar(let scalar) = value { return scalar.text }
        return ""
    }
}
