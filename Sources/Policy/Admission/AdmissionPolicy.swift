import CEL
import Rendering

/// A ValidatingAdmissionPolicy as the API server holds it: every expression compiled, and the
/// parts an offline evaluation cannot run (those reading `authorizer`) marked.
struct AdmissionPolicy: Sendable {
    enum FailurePolicy: Sendable {
        /// An expression that fails denies the request.
        case fail
        /// An expression that fails is skipped.
        case ignore
    }

    struct Validation: Sendable {
        var expression: AdmissionExpression
        var message: String?
        var messageExpression: AdmissionExpression?
        var reason: String?
        var isOffline: Bool
    }

    struct MatchCondition: Sendable {
        var name: String
        var expression: AdmissionExpression
        var isOffline: Bool
    }

    struct Variable: Sendable {
        var name: String
        var expression: AdmissionExpression
        var isOffline: Bool
    }

    let subject: PolicySubject
    var name: String { subject.name }
    /// `spec.paramKind`, compared by group and kind like the rest of matching.
    let paramKind: (group: String, kind: String)?
    let matchConstraints: MatchResources
    let failurePolicy: FailurePolicy
    let matchConditions: [MatchCondition]
    let variables: [Variable]
    let validations: [Validation]
    /// The expressions left out because they read `authorizer` ("validation 2").
    let offlineExpressions: [String]

    init(_ subject: PolicySubject) throws(AdmissionConfigurationError) {
        self.subject = subject
        let object = subject.object
        guard !subject.name.isEmpty else { throw AdmissionConfigurationError("metadata.name is required", at: object.origin) }
        guard let spec = object["spec"], spec.isMapping else { throw AdmissionConfigurationError("spec is required", at: object.origin) }

        if let kind = spec["paramKind"], !kind.isNull {
            guard let apiVersion = kind["apiVersion"]?.text, let name = kind["kind"]?.text else {
                throw AdmissionConfigurationError("paramKind needs apiVersion and kind", at: kind.origin)
            }
            paramKind = (apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : "", name)
        } else {
            paramKind = nil
        }

        guard let constraints = spec["matchConstraints"], constraints.isMapping else {
            throw AdmissionConfigurationError("matchConstraints is required", at: spec.origin)
        }
        matchConstraints = try MatchResources(constraints)
        guard !matchConstraints.resourceRules.isEmpty else {
            throw AdmissionConfigurationError("matchConstraints.resourceRules is required", at: constraints.origin)
        }

        switch spec["failurePolicy"]?.text ?? "Fail" {
        case "Fail": failurePolicy = .fail
        case "Ignore": failurePolicy = .ignore
        case let other: throw AdmissionConfigurationError("failurePolicy must be Fail or Ignore, not \(other)", at: spec["failurePolicy"]?.origin)
        }

        // A variable is out of reach offline when it reads `authorizer` or such a variable.
        var offlineVariables = Set<String>()
        func isOffline(_ expression: AdmissionExpression) -> Bool {
            expression.readsAuthorizer || !expression.variablesRead.isDisjoint(with: offlineVariables)
        }
        var offline: [String] = []

        var variables: [Variable] = []
        for node in spec["variables"]?.elements ?? [] {
            guard let name = node["name"]?.text, Self.isIdentifier(name) else {
                throw AdmissionConfigurationError("a variable needs a name that is a CEL identifier", at: node.origin)
            }
            guard !variables.contains(where: { $0.name == name }) else {
                throw AdmissionConfigurationError("variable \(name) is declared twice", at: node["name"]?.origin)
            }
            let expression = try AdmissionExpression(node["expression"], what: "variable \(name)", result: nil)
            let unavailable = isOffline(expression)
            if unavailable { offlineVariables.insert(name) }
            variables.append(Variable(name: name, expression: expression, isOffline: unavailable))
        }
        self.variables = variables

        var conditions: [MatchCondition] = []
        for node in spec["matchConditions"]?.elements ?? [] {
            guard let name = node["name"]?.text, !name.isEmpty else {
                throw AdmissionConfigurationError("a match condition needs a name", at: node.origin)
            }
            guard !conditions.contains(where: { $0.name == name }) else {
                throw AdmissionConfigurationError("match condition \(name) is declared twice", at: node["name"]?.origin)
            }
            let expression = try AdmissionExpression(node["expression"], what: "match condition \(name)", result: .bool)
            let unavailable = isOffline(expression)
            if unavailable { offline.append("match condition \(name)") }
            conditions.append(MatchCondition(name: name, expression: expression, isOffline: unavailable))
        }
        matchConditions = conditions

        var validations: [Validation] = []
        for (index, node) in (spec["validations"]?.elements ?? []).enumerated() {
            let what = "validation \(index + 1)"
            let expression = try AdmissionExpression(node["expression"], what: what, result: .bool)
            let messageExpression = try node["messageExpression"].map { (text: Node) throws(AdmissionConfigurationError) in
                try AdmissionExpression(text, what: "messageExpression of \(what)", result: .string)
            }
            let reason = node["reason"]?.text
            if let reason, !Self.reasons.contains(reason) {
                throw AdmissionConfigurationError("reason of \(what) must be one of \(Self.reasons.joined(separator: ", "))",
                                                  at: node["reason"]?.origin)
            }
            let unavailable = isOffline(expression)
            if unavailable { offline.append(what) }
            validations.append(Validation(expression: expression, message: node["message"]?.text,
                                          messageExpression: messageExpression, reason: reason,
                                          isOffline: unavailable))
        }
        guard !validations.isEmpty || !(spec["auditAnnotations"]?.elements.isEmpty ?? true) else {
            throw AdmissionConfigurationError("validations or auditAnnotations must contain at least one item", at: spec.origin)
        }
        self.validations = validations
        offlineExpressions = offline
    }

    /// The HTTP status reasons a validation may give.
    static let reasons = ["Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge"]

    /// Variable names must be usable as `variables.NAME`.
    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
