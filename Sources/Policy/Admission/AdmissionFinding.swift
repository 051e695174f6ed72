import Clusters
import Diagnostics
import Rendering

/// The diagnostics admission policies produce, all under `AdmissionPolicies.ruleID`.
enum AdmissionFinding {
    /// A bound policy turns an object down: reported at the object, with the expression that
    /// did it as a related location.
    static func denial(_ outcome: AdmissionOutcome, policy: AdmissionPolicy, binding: AdmissionBinding,
                       target: AdmissionTarget) -> Diagnostic {
        let item = target.item
        let object = reference(item.subject)
        var related: [RelatedLocation] = []
        if let origin = outcome.origin {
            let what = switch outcome.kind {
            case .denied: "the validation of ValidatingAdmissionPolicy \(policy.name) that fails"
            case .failed: "where ValidatingAdmissionPolicy \(policy.name) or binding \(binding.name) fails to evaluate"
            }
            related.append(RelatedLocation(SourceLocation(origin: origin), what))
        }
        return Diagnostic(rule: AdmissionPolicies.ruleID, severity: binding.severity,
                          message: "ValidatingAdmissionPolicy \(policy.name) (binding \(binding.name)) denies \(object.displayName): \(outcome.message)",
                          at: location(of: item), object: object, unit: unit(of: item), related: related)
    }

    /// A policy or binding the API server would refuse to store, so it never takes effect.
    static func rejected(_ item: ClusterEvaluation.Item, problem: AdmissionConfigurationError) -> Diagnostic {
        let subject = item.subject
        let location = problem.origin.map(SourceLocation.init(origin:)) ?? location(of: item)
        let name = subject.name.isEmpty ? "" : " \(subject.name)"
        return Diagnostic(rule: AdmissionPolicies.ruleID, severity: .error,
                          message: "\(subject.kind)\(name) is rejected by the API server: \(problem.message)",
                          at: location, object: reference(subject), unit: unit(of: item))
    }

    /// Said once per policy: which of its expressions read `authorizer` and were left out.
    static func offline(_ policy: AdmissionPolicy, item: ClusterEvaluation.Item) -> Diagnostic {
        let list = policy.offlineExpressions.joined(separator: ", ")
        return Diagnostic(rule: AdmissionPolicies.ruleID, severity: .info,
                          message: "ValidatingAdmissionPolicy \(policy.name): \(list) read authorizer, which needs the live cluster; "
                              + "they are not evaluated offline",
                          at: location(of: item), object: reference(item.subject), unit: unit(of: item))
    }

    private static func reference(_ subject: PolicySubject) -> ObjectReference {
        ObjectReference(apiVersion: subject.apiVersion, kind: subject.kind,
                        namespace: subject.namespace.isEmpty ? nil : subject.namespace,
                        name: subject.name.isEmpty ? nil : subject.name)
    }

    private static func unit(of item: ClusterEvaluation.Item) -> UnitReference? {
        item.unit.map { UnitReference(kind: $0.key.kind, namespace: $0.key.namespace, name: $0.key.name) }
    }

    /// The object as written, else the unit that applies it, else the cluster's directory.
    private static func location(of item: ClusterEvaluation.Item) -> SourceLocation {
        let origin = item.subject.object.origin ?? item.unit?.origin
        return origin.map(SourceLocation.init(origin:)) ?? .startOf(item.cluster.cluster.path)
    }
}
