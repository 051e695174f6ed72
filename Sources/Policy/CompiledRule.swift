import CEL
import Rendering

/// A rule with every expression compiled once against the policy environment, ready to be
/// evaluated on any number of objects.
public struct CompiledRule: Sendable {
    struct Validation: Sendable {
        var source: PolicyRule.Validation
        var expression: CEL.Program
        var messageExpression: CEL.Program?
        var fieldPath: FieldPath?
    }

    public let rule: PolicyRule
    let variables: [(name: String, program: CEL.Program)]
    let validations: [Validation]

    public var id: String { rule.id }

    public init(_ rule: PolicyRule, environment: CEL.Environment = PolicyEnvironment.shared) throws(PolicyRuleError) {
        func compile(_ source: String, _ what: String, at origin: Origin?) throws(PolicyRuleError) -> CEL.Program {
            do {
                return try CEL.Program.compile(source, environment: environment)
            } catch {
                throw PolicyRuleError("rule \(rule.id): \(what) does not compile: \(error.description)", at: origin)
            }
        }
        self.rule = rule
        var variables: [(name: String, program: CEL.Program)] = []
        for variable in rule.variables {
            guard !variables.contains(where: { $0.name == variable.name }) else {
                throw PolicyRuleError("rule \(rule.id): variable \(variable.name) is declared twice", at: variable.origin)
            }
            variables.append((variable.name, try compile(variable.expression, "variable \(variable.name)", at: variable.origin)))
        }
        self.variables = variables
        var validations: [Validation] = []
        for (number, validation) in rule.validations.enumerated() {
            let label = "validation \(number + 1)"
            validations.append(Validation(
                source: validation,
                expression: try compile(validation.expression, label, at: validation.origin),
                messageExpression: try validation.messageExpression.map { (text: String) throws(PolicyRuleError) in
                    try compile(text, "messageExpression of \(label)", at: validation.origin)
                },
                fieldPath: validation.fieldPath.map(FieldPath.init)))
        }
        self.validations = validations
    }

    /// Whether the rule looks at this object at all (`match`).
    public func matches(_ subject: PolicySubject) -> Bool {
        rule.match.matches(group: subject.group, kind: subject.kind, namespace: subject.namespace, labels: subject.labels,
                           unit: subject.unit, cluster: subject.cluster)
    }
}
