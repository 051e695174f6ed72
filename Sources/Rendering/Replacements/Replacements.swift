/// kustomize's `replacements:` (the ReplacementTransformer): copy one field of one object into
/// fields of other objects, in order, each replacement seeing the previous ones' results.
public enum Replacements {
    /// Each node is one replacement (source + targets); order matters.
    public static func apply(_ replacements: [Node], to map: inout ResourceMap) throws(RenderError) {
        for node in replacements {
            let spec = try ReplacementSpec(node)
            let value = try sourceValue(of: spec.source, in: map, origin: spec.origin)
            let step = "replacement from \(spec.source.summary)"
            for target in spec.targets {
                try apply(value, to: target, in: &map, step: step)
            }
        }
    }

    /// The replacements a `replacements:` field lists: inline entries as they are, `path:` entries
    /// replaced by the file's content (one replacement or a list of them). `load` reads and parses
    /// the file relative to the kustomization (the engine applies its load restrictions there).
    public static func entries(in field: Node?, load: (_ path: String, _ origin: Origin?) throws(RenderError) -> Node) throws(RenderError) -> [Node] {
        guard let field, !field.isNull else { return [] }
        guard field.isSequence else {
            throw RenderError(.invalid, "replacements must be a list", at: field.origin)
        }
        var result: [Node] = []
        for entry in field.elements {
            guard let path = ReplacementSpec.field("path", in: entry)?.text, !path.isEmpty else {
                result.append(entry)
                continue
            }
            if ReplacementSpec.field("source", in: entry) != nil || !(ReplacementSpec.field("targets", in: entry)?.elements.isEmpty ?? true) {
                throw RenderError(.invalid, "cannot specify both path and inline replacement", at: entry.origin)
            }
            let content = try load(path, entry["path"]?.origin)
            switch content.value {
            case .sequence(let items): result.append(contentsOf: items)
            case .mapping: result.append(content)
            case .scalar:
                throw RenderError(.invalid, "unsupported replacement type encountered within replacement path: \(content.isNull ? "invalid" : "string")", at: content.origin)
            }
        }
        return result
    }

    // MARK: Source

    static func sourceValue(of source: ReplacementSpec.Source, in map: ResourceMap, origin: Origin?) throws(RenderError) -> Node {
        var selected: Resource?
        for resource in map.resources where ids(of: resource).contains(where: source.selector.selects) {
            guard selected == nil else {
                throw RenderError(.transform, "multiple matches for selector \(source)", at: origin)
            }
            selected = resource
        }
        guard let selected else {
            throw RenderError(.transform, "nothing selected by \(source)", at: origin)
        }
        let fieldPath = source.fieldPath.isEmpty ? ReplacementSpec.defaultFieldPath : source.fieldPath
        let found = try ReplacementLookup.node(at: ReplacementPath(fieldPath).parts, in: selected.node)
        guard let value = found, !isNilOrEmpty(value) else {
            throw RenderError(.transform,
                "fieldPath `\(fieldPath)` is missing for replacement source \(source.selector.idDescription)", at: origin)
        }
        return try refined(value, options: source.options, origin: origin)
    }

    /// kyaml's `IsNilOrEmpty`: null, or an empty mapping or sequence.
    private static func isNilOrEmpty(_ node: Node) -> Bool {
        switch node.value {
        case .scalar(let scalar): return scalar.tag == .null
        case .mapping(let entries): return entries.isEmpty
        case .sequence(let items): return items.isEmpty
        }
    }

    /// Picks one delimited part of the source value when `options.delimiter` is set.
    private static func refined(_ value: Node, options: ReplacementSpec.Options?, origin: Origin?) throws(RenderError) -> Node {
        guard let options, !options.delimiter.isEmpty else { return value }
        guard let scalar = value.scalar else {
            throw RenderError(.transform, "delimiter option can only be used with scalar nodes", at: origin)
        }
        let parts = split(scalar.text, by: options.delimiter)
        guard options.index >= 0, options.index < parts.count else {
            throw RenderError(.transform, "options.index \(options.index) is out of bounds for value \(scalar.text)", at: origin)
        }
        var copy = value
        copy.value = .scalar(Scalar(parts[options.index], tag: scalar.tag))
        return copy
    }

    // MARK: Targets

    private static func apply(_ value: Node, to target: ReplacementSpec.Target, in map: inout ResourceMap, step: String) throws(RenderError) {
        let fieldPaths = target.fieldPaths.isEmpty ? [ReplacementSpec.defaultFieldPath] : target.fieldPaths
        for index in map.resources.indices {
            let resource = map.resources[index]
            guard target.select.matchesMetadata(of: resource) else { continue }
            // A reject with label or annotation selectors drops the object on those alone.
            if target.reject.contains(where: { $0.hasMetadataSelectors && $0.matchesMetadata(of: resource) }) { continue }
            let resourceIDs = ids(of: resource)
            guard resourceIDs.contains(where: target.select.selects) else { continue }
            // Rejection looks at every id the object had, so a base name still rejects after a prefix.
            let rejected = target.reject.contains { reject in
                !reject.isEmptyID && resourceIDs.contains(where: reject.selects)
            }
            if rejected { continue }
            for fieldPath in fieldPaths {
                try copy(value, into: &map.resources[index].node, fieldPath: fieldPath, options: target.options,
                         origin: (target.origin ?? value.origin)?.changed(by: step))
            }
        }
    }

    private static func copy(_ value: Node, into node: inout Node, fieldPath: String, options: ReplacementSpec.Options?, origin: Origin?) throws(RenderError) {
        let creating = options?.create == true
        let failure = creating
            ? "unable to find or create field \"\(fieldPath)\" in replacement target"
            : "unable to find field \"\(fieldPath)\" in replacement target"
        let walker = ReplacementTargetWalker(
            parts: ReplacementPath(fieldPath).parts,
            create: creating ? createdKind(of: value) : nil,
            createdOrigin: origin)
        // Errors finding the field carry the "unable to find" prefix; a refused write does not.
        var writeError: RenderError?
        let count: Int
        do throws(RenderError) {
            count = try walker.walk(&node) { (target: inout Node, created: Bool) throws(RenderError) in
                do throws(RenderError) {
                    try set(&target, to: value, created: created, options: options, origin: origin)
                } catch {
                    writeError = error
                    throw error
                }
            }
        } catch {
            if let writeError { throw writeError }
            var wrapped = error
            wrapped.message = "\(failure): \(error.message)"
            if wrapped.location == nil, let origin {
                wrapped = RenderError(wrapped.kind, wrapped.message, at: origin)
            }
            throw wrapped
        }
        if count == 0 {
            throw RenderError(.transform, failure, at: origin)
        }
    }

    private static func createdKind(of value: Node) -> ReplacementTargetWalker.CreatedKind {
        switch value.value {
        case .scalar: return .scalar
        case .mapping: return .mapping
        case .sequence: return .sequence
        }
    }

    /// Writes the value into one target field. A scalar target keeps its type when the new text
    /// still reads as that type (kustomize copies only the text); other targets take the value whole.
    private static func set(_ target: inout Node, to value: Node, created: Bool, options: ReplacementSpec.Options?, origin: Origin?) throws(RenderError) {
        var text = value.scalar?.text ?? ""
        if let options, !options.delimiter.isEmpty {
            guard let current = target.scalar else {
                throw RenderError(.transform, "delimiter option can only be used with scalar nodes", at: origin)
            }
            var parts = split(current.text, by: options.delimiter)
            if options.index < 0 {
                parts.insert(text, at: 0)
            } else if options.index >= parts.count {
                parts.append(text)
            } else {
                parts[options.index] = text
            }
            text = parts.joined(separator: options.delimiter)
        }
        guard let current = target.scalar else {
            target = value
            if let origin { target.origin = origin }
            return
        }
        let tag = created ? ScalarResolver.resolve(text) : keptTag(current.tag, for: text)
        target = .scalar(text, tag: tag, origin: origin ?? target.origin)
    }

    /// The type a scalar target shows after its text changed: its own when the text still reads
    /// as that type, otherwise a string (kustomize would fail to serialise the mismatch).
    private static func keptTag(_ tag: ScalarTag, for text: String) -> ScalarTag {
        switch tag {
        case .string, .null: return .string
        case .int, .bool, .float:
            let resolved = ScalarResolver.resolve(text)
            if resolved == tag || (tag == .float && resolved == .int) { return tag }
            return .string
        }
    }

    // MARK: Helpers

    /// Current and previous ids, as kustomize's `MakeResIds`.
    static func ids(of resource: Resource) -> [ResourceID] {
        [resource.id] + resource.previousIDs
    }

    /// Go's `strings.Split`: an empty string gives one empty part.
    static func split(_ text: String, by delimiter: String) -> [String] {
        text.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
    }
}
