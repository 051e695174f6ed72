import CEL
import Rendering

extension CompiledRule {
    /// Evaluates every validation on one object (the caller has checked `matches`). Variables
    /// are computed once per object, in declaration order, before the validations; a variable
    /// that fails holds its error, which surfaces only in the expressions that read it.
    public func evaluate(_ subject: PolicySubject, context: PolicyContext, params: CEL.Value) -> [PolicyFinding] {
        var bindings: [String: CEL.Value] = [
            "object": subject.value,
            "oldObject": context.oldObject,
            "podSpec": subject.podSpec,
            "unit": context.unit,
            "namespaceObject": subject.namespace.isEmpty ? .null : context.namespaceObject,
            "params": params,
        ]
        if rule.needs.contains("namespaceObjects") {
            bindings["namespaceObjects"] = subject.namespace.isEmpty ? .list([]) : context.namespaceObjects
        }
        if rule.needs.contains("namespaces") { bindings["namespaces"] = context.namespaces }
        var computed = CEL.MapValue()
        bindings["variables"] = .map(computed)
        for variable in variables {
            let value = variable.program.evaluateWithCost(bindings).value
            try? computed.insert(value, forKey: .string(variable.name))
            bindings["variables"] = .map(computed)
        }

        var findings: [PolicyFinding] = []
        for validation in validations {
            let result = validation.expression.evaluateWithCost(bindings).value
            switch result {
            case .bool(true):
                continue
            case .bool(false):
                let location = locate(validation, in: subject)
                findings.append(PolicyFinding(rule: id, kind: .violation, severity: rule.severity,
                                              message: message(for: validation, bindings: bindings),
                                              reason: validation.source.reason, origin: location.origin, written: location.written))
            default:
                let problem: String
                if case .error(let error) = result { problem = error.message } else { problem = "the expression returned \(result.runtimeType.name), not bool" }
                let text = "rule \(id) could not be evaluated: \(problem)"
                guard !findings.contains(where: { $0.kind == .evaluationError && $0.message == text }) else { continue }
                findings.append(PolicyFinding(rule: id, kind: .evaluationError, severity: PolicyFinding.evaluationErrorSeverity,
                                              message: text, origin: subject.object.origin))
            }
        }
        return findings
    }

    /// `messageExpression` when it yields a non-empty string, else `message`, else a text
    /// naming the rule.
    private func message(for validation: Validation, bindings: [String: CEL.Value]) -> String {
        if let program = validation.messageExpression,
           case .string(let text) = program.evaluateWithCost(bindings).value,
           text.contains(where: { !$0.isWhitespace }) {
            return text
        }
        if let message = validation.source.message, !message.isEmpty { return message }
        return "the object fails rule \(id) (\(validation.source.expression))"
    }

    private func locate(_ validation: Validation, in subject: PolicySubject) -> (origin: Origin?, written: Origin?) {
        guard let path = validation.fieldPath?.absolute(group: subject.group, kind: subject.kind) else {
            return (subject.object.origin, nil)
        }
        return path.location(in: subject.object)
    }
}
