import CEL
import Clusters
import Diagnostics
import Foundation
import Rendering

/// The cluster's own admission rules, before merge: every ValidatingAdmissionPolicy and
/// ValidatingAdmissionPolicyBinding a cluster's render contains is evaluated against every
/// other object of that render as a CREATE request, so a change the API server would reject
/// fails in CI instead of in the reconciliation loop.
public enum AdmissionPolicies {
    public static let ruleID: RuleID = "admission-policy"

    /// The catalog entry for `ruleID`; register it with `RuleCatalog.register`.
    public static var descriptor: RuleDescriptor {
        RuleDescriptor(
            id: ruleID, category: "admission", defaultSeverity: .error,
            summary: "A ValidatingAdmissionPolicy in the repository rejects an object of the same cluster.",
            help: """
                ValidatingAdmissionPolicy objects and their bindings found in a cluster's render are evaluated the way the \
                API server evaluates them on a CREATE: match constraints, the binding's matchResources, matchConditions, \
                variables, params from paramRef (looked up in the render) and every validation. A binding's \
                validationActions set the severity: Deny is an error, Warn a warning, Audit an info. Expression errors \
                count as denials under failurePolicy Fail and are skipped under Ignore. Policies or bindings the API \
                server would refuse (expressions that do not compile, missing fields) are reported on themselves. \
                Expressions that read `authorizer` need live permissions and are not evaluated. Fix the object, or the \
                policy if the object is right.
                """)
    }

    static let group = "admissionregistration.k8s.io"

    /// Findings for every cluster, sorted; clusters are evaluated in parallel.
    public static func run(_ clusters: [ClusterRender]) -> [Diagnostic] {
        let results = Collector<[Diagnostic]>(count: clusters.count)
        DispatchQueue.concurrentPerform(iterations: clusters.count) { index in
            results.set(index, run(on: clusters[index]))
        }
        return results.values.flatMap { $0 }.sorted()
    }

    static func run(on cluster: ClusterRender) -> [Diagnostic] {
        // Most clusters have no admission policies: skip converting their objects at all.
        let declaresBindings = cluster.units.contains { unit in
            unit.resources.resources.contains { $0.gvk.group == group && $0.kind == "ValidatingAdmissionPolicyBinding" }
        }
        guard declaresBindings else { return [] }

        let items = ClusterEvaluation.prepare(cluster).items
        var findings: [Diagnostic] = []
        var policies: [String: (policy: AdmissionPolicy, item: ClusterEvaluation.Item)] = [:]
        var bindings: [AdmissionBinding] = []
        for item in items where item.subject.group == group {
            do {
                switch item.subject.kind {
                case "ValidatingAdmissionPolicy": policies[item.subject.name] = (try AdmissionPolicy(item.subject), item)
                case "ValidatingAdmissionPolicyBinding": bindings.append(try AdmissionBinding(item.subject))
                default: continue
                }
            } catch {
                findings.append(AdmissionFinding.rejected(item, problem: error))
            }
        }
        // A binding to a policy the render does not contain may name one installed otherwise.
        let bound = bindings.filter { policies[$0.policyName] != nil }.sorted { $0.name < $1.name }
        guard !bound.isEmpty else { return findings }
        for name in Set(bound.map(\.policyName)).sorted() {
            if let (policy, item) = policies[name], !policy.offlineExpressions.isEmpty {
                findings.append(AdmissionFinding.offline(policy, item: item))
            }
        }

        let subjects = items.map(\.subject)
        let catalog = ResourceCatalog(objects: subjects)
        var namespaces: [String: PolicySubject] = [:]
        for subject in subjects where subject.group.isEmpty && subject.kind == "Namespace" && !subject.name.isEmpty {
            namespaces[subject.name] = subject
        }
        // Admission policies never apply to policy and binding objects themselves.
        let targets = items.filter { $0.subject.group != group }
            .map { AdmissionTarget(item: $0, catalog: catalog, namespaces: namespaces) }
        let params = AdmissionParams(objects: subjects, catalog: catalog)

        for binding in bound {
            guard let policy = policies[binding.policyName]?.policy else { continue }
            for target in targets where policy.matchConstraints.matches(target)
                && binding.matchResources?.matches(target, unconstrainedByEmptyRules: true) ?? true {
                findings += outcomes(of: policy, binding: binding, on: target, params: params)
                    .map { AdmissionFinding.denial($0, policy: policy, binding: binding, target: target) }
            }
        }
        return findings
    }

    /// One object against one bound policy: once per params object, each distinct reason once.
    private static func outcomes(of policy: AdmissionPolicy, binding: AdmissionBinding, on target: AdmissionTarget,
                                 params: AdmissionParams) -> [AdmissionOutcome] {
        switch params.lookup(for: policy, binding: binding, target: target) {
        case .failed(let problem):
            guard policy.failurePolicy == .fail else { return [] }
            return [AdmissionOutcome(kind: .failed, message: problem, origin: binding.paramRef?.origin ?? binding.subject.object.origin)]
        case .found(let values):
            var outcomes: [AdmissionOutcome] = []
            for value in values {
                for outcome in policy.evaluate(on: target, params: value) where !outcomes.contains(outcome) {
                    outcomes.append(outcome)
                }
            }
            return outcomes
        }
    }
}
