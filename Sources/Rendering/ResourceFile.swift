/// Reads the objects of one resource file as kustomize does: every document, `List` kinds
/// expanded into their items, empty documents skipped.
enum ResourceFile {
    static func resources(in bytes: [UInt8], path: String) throws(RenderError) -> [Resource] {
        var result: [Resource] = []
        for document in try Kustomization.parseDocuments(bytes, path: path) {
            try append(document, path: path, to: &result)
        }
        return result
    }

    private static func append(_ document: Node, path: String, to result: inout [Resource]) throws(RenderError) {
        if document.isNull || (document.isMapping && document.entries.isEmpty) { return }
        guard document.isMapping else {
            throw RenderError(.invalid, "MalformedYAMLError: \(path) holds a document that is not an object", at: document.origin)
        }
        if let kind = document["kind"]?.text, kind.hasSuffix("List"), let items = document["items"], items.isSequence {
            for item in items.elements { try append(item, path: path, to: &result) }
            return
        }
        guard document["kind"]?.text?.isEmpty == false else {
            throw RenderError(.invalid, "missing Resource metadata: kind is empty in \(path)", at: document.origin)
        }
        let origin = document.origin ?? Origin(file: path, line: 1, column: 1)
        result.append(Resource(node: stringifyingAnnotations(document), source: origin))
    }

    /// kustomize round-trips every object's annotations through its internal build annotations,
    /// so `happy: true` comes out as the string "true".
    static func stringifyingAnnotations(_ document: Node) -> Node {
        guard let annotations = document[path: ["metadata", "annotations"]], case .mapping(let entries) = annotations.value,
              entries.contains(where: { $0.value.scalar.map { $0.tag != .string } ?? false }) else { return document }
        var copy = document
        copy[path: ["metadata", "annotations"]] = Node(.mapping(entries.map { entry in
            guard let scalar = entry.value.scalar, scalar.tag != .string else { return entry }
            let text = scalar.tag == .null ? "" : scalar.text
            return Node.Entry(key: entry.key, value: .string(text, origin: entry.value.origin))
        }), origin: annotations.origin)
        return copy
    }
}
