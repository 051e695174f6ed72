import CEL
import Foundation
import Rendering

/// Why a bound policy turns a CREATE request down.
struct AdmissionOutcome: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A validation returned false.
        case denied
        /// An expression failed or params were missing; only reported under `failurePolicy: Fail`.
        case failed
    }

    var kind: Kind
    var message: String
    /// The expression (or paramRef) responsible.
    var origin: Origin?
}

extension AdmissionPolicy {
    /// Longest `messageExpression` result the API server shows; longer ones fall back to `message`.
    static let maximumMessageLength = 5 * 1024

    /// Evaluates the policy on one object with one params value, as the API server does for a
    /// request: variables in order, then match conditions, then every validation, all within
    /// one cost budget. Expressions that read `authorizer` are not run.
    func evaluate(on target: AdmissionTarget, params: CEL.Value) -> [AdmissionOutcome] {
        var bindings: [String: CEL.Value] = [
            "object": target.subject.value,
            "oldObject": .null,
            "request": target.request,
            "params": params,
            "namespaceObject": target.namespaceObject,
        ]
        var budget = AdmissionExpression.costBudget
        func run(_ expression: AdmissionExpression) -> CEL.Value {
            guard budget > 0 else { return .error(CEL.EvaluationError("the policy ran out of its cost budget")) }
            let limit = min(budget, expression.program.environment.costLimit)
            let result = expression.program.evaluateWithCost(bindings, costLimit: limit)
            budget -= result.cost
            return result.value
        }

        var computed = CEL.MapValue()
        bindings["variables"] = .map(computed)
        for variable in variables {
            // A failed variable keeps its error, which surfaces only where it is read.
            let value = variable.isOffline ? .error(CEL.EvaluationError("not evaluated offline: reads authorizer")) : run(variable.expression)
            try? computed.insert(value, forKey: .string(variable.name))
            bindings["variables"] = .map(computed)
        }

        var conditionError: AdmissionOutcome?
        var undecided = false
        for condition in matchConditions {
            guard !condition.isOffline else {
                undecided = true
                continue
            }
            switch run(condition.expression) {
            case .bool(true): continue
            case .bool(false): return []
            case let other:
                conditionError = conditionError ?? AdmissionOutcome(kind: .failed,
                    message: "failed to evaluate match condition \(condition.name): \(Self.problem(other, expecting: "bool"))",
                    origin: condition.expression.origin)
            }
        }
        if let conditionError { return failurePolicy == .fail ? [conditionError] : [] }
        if undecided { return [] }

        var outcomes: [AdmissionOutcome] = []
        for validation in validations where !validation.isOffline {
            let result = run(validation.expression)
            switch result {
            case .bool(true):
                continue
            case .error, .unknown:
                guard failurePolicy == .fail else { continue }
                let source = validation.expression.source.trimmingCharacters(in: .whitespacesAndNewlines)
                let failure = AdmissionOutcome(kind: .failed,
                                               message: "expression '\(source)' resulted in error: \(Self.problem(result, expecting: "bool"))",
                                               origin: validation.expression.origin)
                if !outcomes.contains(failure) { outcomes.append(failure) }
            default:
                // Anything but true denies, as at the API server.
                outcomes.append(AdmissionOutcome(kind: .denied, message: message(for: validation, run: run),
                                                 origin: validation.expression.origin))
            }
        }
        return outcomes
    }

    /// `messageExpression` when it yields a usable one-line string, else `message`, else the
    /// expression itself, in the API server's order of preference.
    private func message(for validation: Validation, run: (AdmissionExpression) -> CEL.Value) -> String {
        if let expression = validation.messageExpression, !expression.readsAuthorizer,
           case .string(let text) = run(expression) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !trimmed.contains("\n"), trimmed.utf8.count <= Self.maximumMessageLength { return trimmed }
        }
        if let message = validation.message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty {
            return message
        }
        return "failed expression: \(validation.expression.source.trimmingCharacters(in: .whitespacesAndNewlines))"
    }

    private static func problem(_ value: CEL.Value, expecting type: String) -> String {
        switch value {
        case .error(let error): return error.message
        case .unknown: return "the result is unknown"
        default: return "the result is \(value.runtimeType.name), not \(type)"
        }
    }
}
