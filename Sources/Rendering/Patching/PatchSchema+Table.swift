/// Reading the generated table (scripts/generate-patch-schema.py) and custom OpenAPI documents.
///
/// Table lines:
/// - `G <group>/<version>/<Kind> <definition>`: the root definition of a kind.
/// - `D <definition> <field>=<link> ...`: fields that lead to merge lists; `*` is
///   `additionalProperties`.
/// A link is a definition name, `[<element>@<key>,<key>` for a list merged by key (element and
/// keys may be empty), or `{<link>` for an inline map whose values have that schema.
/// Names abbreviate `io.k8s.apimachinery.pkg.apis.meta.v1.` as `^` and `io.k8s.api.` as `~`.
extension PatchSchema {
    mutating func load(table: String) {
        for line in table.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            switch words[0] {
            case "G" where words.count == 3:
                let parts = words[1].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else { continue }
                kinds[GVK(group: parts[0], version: parts[1], kind: parts[2])] = Self.expand(words[2])
            case "D":
                var shape = Shape()
                for word in words.dropFirst(2) {
                    guard let equals = word.firstIndex(of: "=") else { continue }
                    let field = String(word[..<equals])
                    guard let link = Self.link(word[word.index(after: equals)...]) else { continue }
                    if field == "*" { shape.anyField = link } else { shape.properties[field] = link }
                }
                definitions[Self.expand(words[1])] = shape
            default:
                continue
            }
        }
    }

    private static func link(_ text: Substring) -> Link? {
        if text.hasPrefix("[") {
            let body = text.dropFirst()
            guard let at = body.lastIndex(of: "@") else { return nil }
            let element = body[..<at]
            let keys = body[body.index(after: at)...].split(separator: ",").map(String.init)
            var shape = Shape()
            shape.mergeKeys = keys
            shape.element = element.isEmpty ? nil : link(element)
            return .inline(shape)
        }
        if text.hasPrefix("{") {
            var shape = Shape()
            shape.anyField = link(text.dropFirst())
            return .inline(shape)
        }
        return text.isEmpty ? nil : .definition(expand(String(text)))
    }

    private static func expand(_ name: String) -> String {
        if name.hasPrefix("^") { return "io.k8s.apimachinery.pkg.apis.meta.v1." + name.dropFirst() }
        if name.hasPrefix("~") { return "io.k8s.api." + name.dropFirst() }
        return name
    }
}

// MARK: Custom schemas

extension PatchSchema {
    /// Adds definitions from a kustomization's `openapi: {path: ...}` file (JSON or YAML,
    /// swagger-style `definitions`, kinds named by `x-kubernetes-group-version-kind`).
    /// A definition with the name of an existing one replaces it.
    ///
    /// kustomize itself uses such a file *instead of* its built-in Kubernetes schema; start from
    /// `PatchSchema.empty` to reproduce that exactly.
    public mutating func add(openAPI document: Node) throws(RenderError) {
        guard let definitionsNode = document["definitions"], definitionsNode.isMapping else {
            throw RenderError(.invalid, "OpenAPI document has no 'definitions' mapping", at: document.origin)
        }
        for entry in definitionsNode.entries {
            definitions[entry.key] = Self.shape(of: entry.value, depth: 0)
            for gvk in entry.value["x-kubernetes-group-version-kind"]?.elements ?? [] {
                guard let version = gvk["version"]?.text, let kind = gvk["kind"]?.text else { continue }
                kinds[GVK(group: gvk["group"]?.text ?? "", version: version, kind: kind)] = entry.key
            }
        }
    }

    /// A schema node as kyaml sees it; `$ref` wins over anything written beside it.
    private static func link(of schema: Node, depth: Int) -> Link? {
        guard schema.isMapping, depth < 64 else { return nil }
        if let reference = schema["$ref"]?.text {
            let prefix = "#/definitions/"
            guard reference.hasPrefix(prefix) else { return nil }
            return .definition(String(reference.dropFirst(prefix.count)))
        }
        return .inline(shape(of: schema, depth: depth + 1))
    }

    private static func shape(of schema: Node, depth: Int) -> Shape {
        var shape = Shape()
        for property in schema["properties"]?.entries ?? [] {
            if let link = link(of: property.value, depth: depth) { shape.properties[property.key] = link }
        }
        if let additional = schema["additionalProperties"], additional.isMapping {
            shape.anyField = link(of: additional, depth: depth)
        }
        if let strategy = schema["x-kubernetes-patch-strategy"]?.text,
           strategy.split(separator: ",").contains("merge") {
            if let mapKeys = schema["x-kubernetes-list-map-keys"], mapKeys.isSequence {
                shape.mergeKeys = mapKeys.elements.compactMap(\.text)
            } else if let key = schema["x-kubernetes-patch-merge-key"]?.text {
                shape.mergeKeys = [key]
            } else {
                shape.mergeKeys = []
            }
            if let items = schema["items"] { shape.element = link(of: items, depth: depth) }
        }
        return shape
    }
}
