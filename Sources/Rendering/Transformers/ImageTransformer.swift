extension Transformers {
    /// The kustomization's `images:` (one kustomize ImageTagTransformer per entry, in order).
    public static func setImages(_ images: [Node], in map: inout ResourceMap, config: TransformerConfig,
                                 origin: Origin?) throws(RenderError) {
        for image in images {
            try setImage(try ImageRule(parsing: image), specs: config.images, in: &map,
                         origin: image.origin ?? origin, step: "images")
        }
    }

    /// kustomize's ImageTagTransformer: first every `image` field of an element of any list called
    /// `containers` or `initContainers`, anywhere in the object, then the configured field specs.
    /// CustomResourceDefinitions are left alone (their schemas describe containers).
    static func setImage(_ rule: ImageRule, specs: [FieldSpec], in map: inout ResourceMap, origin: Origin?,
                         step: String) throws(RenderError) {
        let updater = ImageUpdater(rule: rule, origin: origin, step: step)
        for index in map.resources.indices where map.resources[index].kind != "CustomResourceDefinition" {
            do throws(RenderError) {
                try updater.updateContainerLists(in: &map.resources[index].node)
                for spec in specs {
                    try FieldPath.visit(spec, in: &map.resources[index].node) { (node: inout Node) throws(RenderError) in
                        try updater.update(&node)
                    }
                }
            } catch {
                throw error.prefixed("images of \(map.resources[index].id): ", at: map.resources[index].source)
            }
        }
    }
}

private struct ImageUpdater {
    let rule: ImageRule
    let origin: Origin?
    let step: String

    func update(_ node: inout Node) throws(RenderError) {
        if node.isNull { return }
        guard node.isScalar, let image = node.text else {
            throw RenderError(.transform, "wrong node kind: an image must be a string", at: node.origin)
        }
        guard rule.matches(image) else { return }
        node = NodeEdit.string(rule.rewrite(image), replacing: node, origin: origin, step: step)
    }

    /// Depth first, a field's value before the field itself, as kustomize's legacy image filter walks.
    func updateContainerLists(in node: inout Node) throws(RenderError) {
        switch node.value {
        case .mapping:
            try NodeEdit.entries(of: &node) { (entries: inout [Node.Entry]) throws(RenderError) in
                for index in entries.indices {
                    try updateContainerLists(in: &entries[index].value)
                    let key = entries[index].key
                    guard key == "containers" || key == "initContainers", entries[index].value.isSequence else { continue }
                    try NodeEdit.elements(of: &entries[index].value) { (containers: inout [Node]) throws(RenderError) in
                        for container in containers.indices {
                            guard var image = containers[container]["image"] else { continue }
                            try update(&image)
                            NodeEdit.set("image", to: image, in: &containers[container])
                        }
                    }
                }
            }
        case .sequence:
            try NodeEdit.elements(of: &node) { (items: inout [Node]) throws(RenderError) in
                for index in items.indices { try updateContainerLists(in: &items[index]) }
            }
        case .scalar:
            break
        }
    }
}
