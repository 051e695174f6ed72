/// One `replacements:` entry read into typed fields (kustomize's `types.Replacement`). Field
/// names match case-insensitively, as Go's JSON decoding of the kustomization does.
struct ReplacementSpec {
    var source: Source
    var targets: [Target]
    var origin: Origin?

    struct Options: CustomStringConvertible {
        var delimiter = ""
        var index = 0
        var create = false

        /// kustomize's `FieldOptions.String()`, part of selector descriptions in errors.
        var description: String {
            delimiter.isEmpty && !create ? "" : "\(delimiter)(\(index)), create=\(create)"
        }
    }

    struct Source: CustomStringConvertible {
        var selector: ReplacementSelector
        /// As written; empty means `metadata.name`.
        var fieldPath: String
        var options: Options?

        /// kustomize's `SourceSelector.String()`: the id, then the field path and options when set.
        var description: String {
            var parts = [selector.idDescription]
            if !fieldPath.isEmpty { parts.append(fieldPath) }
            if let options, !options.description.isEmpty { parts.append(options.description) }
            return parts.joined(separator: ":")
        }

        /// "ConfigMap/app-config data.name", for provenance notes.
        var summary: String {
            let object = [selector.kind, selector.name].filter { !$0.isEmpty }.joined(separator: "/")
            return "\(object) \(fieldPath.isEmpty ? ReplacementSpec.defaultFieldPath : fieldPath)"
        }
    }

    struct Target {
        var select: ReplacementSelector
        var reject: [ReplacementSelector]
        var fieldPaths: [String]
        var options: Options?
        var origin: Origin?
    }

    static let defaultFieldPath = "metadata.name"

    init(_ node: Node) throws(RenderError) {
        origin = node.origin
        guard node.isMapping else {
            throw RenderError(.invalid, "a replacement must be a mapping with source and targets, not a \(node.kindName)", at: node.origin)
        }
        guard let sourceNode = Self.field("source", in: node), !sourceNode.isNull,
              let targetsNode = Self.field("targets", in: node), !targetsNode.isNull else {
            throw RenderError(.invalid, "replacements must specify a source and at least one target", at: node.origin)
        }
        source = Source(
            selector: try ReplacementSelector(sourceNode),
            fieldPath: try Self.string("fieldPath", in: sourceNode) ?? "",
            options: try Self.options(in: sourceNode))
        guard targetsNode.isSequence else {
            throw RenderError(.invalid, "replacement targets must be a list", at: targetsNode.origin)
        }
        targets = []
        for targetNode in targetsNode.elements {
            guard let selectNode = Self.field("select", in: targetNode), !selectNode.isNull else {
                throw RenderError(.invalid, "target must specify resources to select", at: targetNode.origin)
            }
            var rejects: [ReplacementSelector] = []
            for rejectNode in Self.field("reject", in: targetNode)?.elements ?? [] {
                rejects.append(try ReplacementSelector(rejectNode))
            }
            let pathsNode = Self.field("fieldPaths", in: targetNode)
            var fieldPaths: [String] = []
            for pathNode in pathsNode?.elements ?? [] {
                guard let text = pathNode.text else {
                    throw RenderError(.invalid, "replacement fieldPaths must be strings", at: pathNode.origin)
                }
                fieldPaths.append(text)
            }
            targets.append(Target(
                select: try ReplacementSelector(selectNode),
                reject: rejects,
                fieldPaths: fieldPaths,
                options: try Self.options(in: targetNode),
                origin: pathsNode?.origin ?? targetNode.origin))
        }
    }

    private static func options(in node: Node) throws(RenderError) -> Options? {
        guard let optionsNode = field("options", in: node), !optionsNode.isNull else { return nil }
        var options = Options()
        options.delimiter = try string("delimiter", in: optionsNode) ?? ""
        if let indexNode = field("index", in: optionsNode), !indexNode.isNull {
            guard let text = indexNode.text, indexNode.scalar?.tag == .int, let index = Int(text) else {
                throw RenderError(.invalid, "replacement options.index must be an integer, not '\(indexNode.text ?? indexNode.kindName)'", at: indexNode.origin)
            }
            options.index = index
        }
        if let createNode = field("create", in: optionsNode), !createNode.isNull {
            guard createNode.scalar?.tag == .bool, let text = createNode.text else {
                throw RenderError(.invalid, "replacement options.create must be true or false", at: createNode.origin)
            }
            options.create = text.lowercased() == "true"
        }
        return options
    }

    /// A mapping field, exact key first, then ignoring case (encoding/json's rule).
    static func field(_ name: String, in node: Node) -> Node? {
        if let exact = node[name] { return exact }
        let lowered = name.lowercased()
        return node.entries.first { $0.key.lowercased() == lowered }?.value
    }

    static func string(_ name: String, in node: Node) throws(RenderError) -> String? {
        guard let value = field(name, in: node), !value.isNull else { return nil }
        guard let text = value.text else {
            throw RenderError(.invalid, "replacement field '\(name)' must be a string", at: value.origin)
        }
        return text
    }
}
