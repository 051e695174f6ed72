import Diagnostics
import Rendering

/// One declarative rule of `rules/` (`kind: Rule`, `schemas/rule.schema.json`): what it
/// matches, the CEL it evaluates, and the examples that double as its tests.
public struct PolicyRule: Sendable {
    public struct Variable: Sendable {
        public var name: String
        public var expression: String
        public var origin: Origin?
    }

    public struct Validation: Sendable {
        public var expression: String
        public var message: String?
        public var messageExpression: String?
        public var reason: String?
        /// Where the finding points inside the object: `spec.replicas`, or `podSpec.containers`
        /// (relative to the pod spec, whatever the workload kind).
        public var fieldPath: String?
        public var origin: Origin?
    }

    public struct Example: Sendable {
        public var description: String
        public var object: Node
        public var oldObject: Node?
        public var params: Node?
        public var namespaceObject: Node?
        public var unit: Node?
        public var namespaceObjects: [Node]?
        public var namespaces: [String]?
        public var expectMessage: String?
    }

    public var id: String
    public var severity: Severity
    public var category: String
    public var description: String
    public var rationale: String
    public var references: [String]
    /// Cross-object variables the engine binds only for rules that ask: `namespaceObjects`, `namespaces`.
    public var needs: Set<String>
    public var match: RuleMatch
    /// Documented defaults; `.shipshape.yaml` overrides them one key deep.
    public var params: Node?
    public var variables: [Variable]
    public var validations: [Validation]
    public var validExamples: [Example]
    public var invalidExamples: [Example]
    /// Where the rule is written.
    public var origin: Origin?
}

public struct PolicyRuleError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var origin: Origin?

    public init(_ message: String, at origin: Origin?) {
        self.message = message
        self.origin = origin
    }

    public var description: String {
        guard let origin else { return message }
        return "\(origin.file):\(origin.line):\(origin.column): \(message)"
    }
}

extension PolicyRule {
    /// Reads a rule document. The JSON Schema is the authority on shape; this reports the
    /// mistakes that would otherwise surface as a wrong evaluation.
    public init(document node: Node) throws(PolicyRuleError) {
        guard node["kind"]?.text == "Rule", (node["apiVersion"]?.text ?? "").hasPrefix("shipshape.dev/") else {
            throw PolicyRuleError("not a Shipshape rule (apiVersion shipshape.dev/v1alpha1, kind Rule)", at: node.origin)
        }
        func required(_ key: String) throws(PolicyRuleError) -> String {
            guard let text = node[key]?.text, !text.isEmpty else { throw PolicyRuleError("a rule needs `\(key)`", at: node.origin) }
            return text
        }
        id = try required("id")
        guard let level = Severity(rawValue: try required("severity")) else {
            throw PolicyRuleError("severity must be error, warning or info", at: node["severity"]?.origin)
        }
        severity = level
        category = try required("category")
        description = try required("description")
        rationale = node["rationale"]?.text ?? ""
        references = node["references"]?.elements.compactMap(\.text) ?? []
        needs = Set(node["needs"]?.elements.compactMap(\.text) ?? [])
        match = try RuleMatch(node["match"] ?? .mapping(), origin: node.origin)
        params = node["params"]
        variables = try node["variables"]?.elements.map { (item: Node) throws(PolicyRuleError) -> Variable in
            guard let name = item["name"]?.text, let expression = item["expression"]?.text else {
                throw PolicyRuleError("a variable needs `name` and `expression`", at: item.origin)
            }
            return Variable(name: name, expression: expression, origin: item["expression"]?.origin)
        } ?? []
        validations = try node["validations"]?.elements.map { (item: Node) throws(PolicyRuleError) -> Validation in
            guard let expression = item["expression"]?.text else { throw PolicyRuleError("a validation needs `expression`", at: item.origin) }
            return Validation(expression: expression, message: item["message"]?.text, messageExpression: item["messageExpression"]?.text,
                              reason: item["reason"]?.text, fieldPath: item["fieldPath"]?.text, origin: item["expression"]?.origin)
        } ?? []
        guard !validations.isEmpty else { throw PolicyRuleError("rule \(id) has no validations", at: node.origin) }
        validExamples = try Self.examples(node[path: ["examples", "valid"]])
        invalidExamples = try Self.examples(node[path: ["examples", "invalid"]])
        origin = node.origin
    }

    private static func examples(_ list: Node?) throws(PolicyRuleError) -> [Example] {
        try (list?.elements ?? []).map { (item: Node) throws(PolicyRuleError) -> Example in
            guard let object = item["object"], object.isMapping else { throw PolicyRuleError("an example needs an `object`", at: item.origin) }
            return Example(description: item["description"]?.text ?? "", object: object, oldObject: item["oldObject"],
                           params: item["params"], namespaceObject: item["namespaceObject"], unit: item["unit"],
                           namespaceObjects: item["namespaceObjects"]?.elements, namespaces: item["namespaces"]?.elements.compactMap(\.text),
                           expectMessage: item["expectMessage"]?.text)
        }
    }
}
