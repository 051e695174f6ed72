import Rendering

extension LabelSelector {
    /// A Kubernetes `LabelSelector` object (`matchLabels`, `matchExpressions`), as rules write
    /// it, rather than kustomize's selector string: values may contain commas, so they are not
    /// round-tripped through text.
    static func parsing(selector node: Node) throws(PolicyRuleError) -> LabelSelector {
        guard node.isMapping else { throw PolicyRuleError("labelSelector must be a mapping", at: node.origin) }
        var selector: LabelSelector
        do {
            selector = try LabelSelector(parsing: "")
        } catch {
            throw PolicyRuleError("labelSelector: \(error.message)", at: node.origin)
        }
        var requirements: [Requirement] = []
        for entry in node["matchLabels"]?.entries ?? [] {
            guard let value = entry.value.text else {
                throw PolicyRuleError("matchLabels values must be strings", at: entry.value.origin)
            }
            requirements.append(.equals(entry.key, value))
        }
        for expression in node["matchExpressions"]?.elements ?? [] {
            guard let key = expression["key"]?.text, let op = expression["operator"]?.text else {
                throw PolicyRuleError("a match expression needs `key` and `operator`", at: expression.origin)
            }
            let values = Set(expression["values"]?.elements.compactMap(\.text) ?? [])
            switch op {
            case "In": requirements.append(.in(key, values))
            case "NotIn": requirements.append(.notIn(key, values))
            case "Exists": requirements.append(.exists(key))
            case "DoesNotExist": requirements.append(.absent(key))
            default:
                throw PolicyRuleError("operator must be In, NotIn, Exists or DoesNotExist", at: expression["operator"]?.origin)
            }
        }
        selector.requirements = requirements
        return selector
    }
}
