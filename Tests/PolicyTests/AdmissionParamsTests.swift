import Testing
@testable import Policy

/// `paramKind` and the binding's `paramRef`: params come from objects of the same render.
@Suite struct AdmissionParamsTests {
    typealias C = AdmissionCluster

    static let policy = C.policy(spec: """
        paramKind: {apiVersion: v1, kind: ConfigMap}
        """, validations: """
        - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
          messageExpression: "'at most ' + params.data.maxReplicas + ' (' + params.metadata.name + ')'"
        """)

    static func limits(_ name: String = "limits", namespace: String = "policy", max: Int, labels: String = "{}") -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)
          namespace: \(namespace)
          labels: \(labels)
        data:
          maxReplicas: "\(max)"
        """
    }

    static func paramRef(_ lines: String) -> String {
        "paramRef:\n" + lines.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }

    static let prefix = "ValidatingAdmissionPolicy limits (binding limits-binding) denies Deployment prod/web: "

    @Test func paramsByNameAndNamespace() throws {
        let binding = C.binding(spec: Self.paramRef("name: limits\nnamespace: policy\nparameterNotFoundAction: Deny"))
        #expect(try C.messages(Self.policy, binding, Self.limits(max: 5), C.deployment(replicas: 8)) == [Self.prefix + "at most 5 (limits)"])
        #expect(try C.messages(Self.policy, binding, Self.limits(max: 10), C.deployment(replicas: 8)).isEmpty)
    }

    @Test func namespacedParamsDefaultToTheObjectNamespace() throws {
        let binding = C.binding(spec: Self.paramRef("name: limits"))
        let found = try C.messages(Self.policy, binding, Self.limits(namespace: "prod", max: 2), Self.limits(namespace: "dev", max: 50),
                                   C.deployment(replicas: 8), C.deployment(namespace: "dev", replicas: 8))
        #expect(found == [Self.prefix + "at most 2 (limits)"])
    }

    @Test func aSelectorEvaluatesTheObjectAgainstEveryParamsObject() throws {
        let binding = C.binding(spec: Self.paramRef("namespace: policy\nselector: {matchLabels: {kind: replica-limit}}"))
        let found = try C.messages(Self.policy, binding, C.deployment(replicas: 8),
                                   Self.limits("strict", max: 4, labels: "{kind: replica-limit}"),
                                   Self.limits("lenient", max: 9, labels: "{kind: replica-limit}"),
                                   Self.limits("unrelated", max: 1))
        #expect(found == [Self.prefix + "at most 4 (strict)"])
    }

    @Test func missingParamsFollowParameterNotFoundActionAndFailurePolicy() throws {
        let deny = C.binding(spec: Self.paramRef("name: limits\nnamespace: policy\nparameterNotFoundAction: Deny"))
        #expect(try C.messages(Self.policy, deny, C.deployment(replicas: 1)) == [
            Self.prefix + "params not found: no ConfigMap limits in namespace policy in the render, and parameterNotFoundAction is Deny",
        ])
        let found = try C.findings(Self.policy, deny, C.deployment(replicas: 1))
        // The related location is the binding's paramRef (document 2 starts on line 17).
        #expect(found.first?.related.map(\.location.line) == [25])

        let allow = C.binding(spec: Self.paramRef("name: limits\nnamespace: policy\nparameterNotFoundAction: Allow"))
        #expect(try C.messages(Self.policy, allow, C.deployment(replicas: 8)).isEmpty)

        let ignoring = C.policy(spec: "paramKind: {apiVersion: v1, kind: ConfigMap}\nfailurePolicy: Ignore",
                                validations: "- expression: \"object.spec.replicas <= int(params.data.maxReplicas)\"")
        #expect(try C.messages(ignoring, deny, C.deployment(replicas: 8)).isEmpty)
    }

    @Test func aBindingWithoutParamRefRunsWithNullParams() throws {
        let policy = C.policy(spec: "paramKind: {apiVersion: v1, kind: ConfigMap}", validations: """
            - expression: "params == null"
              message: "params were bound"
            """)
        #expect(try C.messages(policy, C.binding(), Self.limits(max: 1), C.deployment()).isEmpty)
    }

    @Test func paramRefConfigurationErrorsDenyUnderFail() throws {
        let clusterScoped = C.policy(spec: "paramKind: {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole}",
                                     validations: "- expression: \"params != null\"")
        let binding = C.binding(spec: Self.paramRef("name: limits\nnamespace: policy"))
        #expect(try C.messages(clusterScoped, binding, C.deployment()) == [
            Self.prefix + "paramRef.namespace must not be set for the cluster-scoped paramKind ClusterRole",
        ])
        let both = C.binding(spec: Self.paramRef("name: limits\nselector: {}"))
        #expect(try C.messages(Self.policy, both, C.deployment()) == [
            "ValidatingAdmissionPolicyBinding limits-binding is rejected by the API server: paramRef needs exactly one of name and selector",
        ])
    }
}
