import Rendering

extension PolicyRule {
    /// The text `shipshape explain ID` prints for a declarative rule: what it checks, why, how
    /// to configure it, and its examples as YAML.
    public var explanation: String {
        var text = "\(id) (\(category), default \(severity.rawValue))\n\n\(description)\n\n\(rationale)"
        if !text.hasSuffix("\n") { text += "\n" }
        if !references.isEmpty {
            text += "\nReferences:\n" + references.map { "  - \($0)\n" }.joined()
        }
        if let params, !params.entries.isEmpty {
            text += "\nParams (defaults; set them under `params: {\(id): {...}}` in .shipshape.yaml):\n"
            text += Self.indented(Self.yaml(params), by: "  ")
        }
        if !needs.isEmpty {
            text += "\nReads other objects of the cluster: \(needs.sorted().joined(separator: ", ")).\n"
        }
        for (title, examples) in [("Valid", validExamples), ("Invalid", invalidExamples)] where !examples.isEmpty {
            text += "\n\(title) examples:\n"
            for example in examples {
                text += "\n  # \(example.description)\n"
                if let expected = example.expectMessage { text += "  # expected message contains: \(expected)\n" }
                if let params = example.params { text += "  # params: \(Self.yaml(params).replacingNewlines())\n" }
                text += Self.indented(Self.yaml(example.object), by: "  ")
            }
        }
        return text
    }

    /// Rule files are data the user cannot break the emitter with; should it refuse a value
    /// anyway, the example is still shown, unformatted.
    static func yaml(_ node: Node) -> String {
        (try? KustomizeYAML.document(node)) ?? "\(node)\n"
    }

    static func indented(_ text: String, by prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
            .map { $0.isEmpty ? "\n" : prefix + $0 + "\n" }.joined()
    }
}

private extension String {
    func replacingNewlines() -> String {
        split(separator: "\n").joined(separator: "; ")
    }
}
