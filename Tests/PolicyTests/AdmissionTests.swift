import Clusters
import Diagnostics
import Rendering
import Testing
@testable import Policy

/// Clusters made up in the test: one unit applying the YAML documents given.
enum AdmissionCluster {
    static func render(_ documents: String, file: String = "cluster.yaml") throws -> ClusterRender {
        var map = ResourceMap()
        for node in try Kustomization.parseDocuments(Array(documents.utf8), path: file) where node.isMapping {
            try map.append(Resource(node: node, source: node.origin ?? Origin(file: file, line: 1, column: 1)))
        }
        let unit = RenderedUnit(kind: .fluxKustomization, key: ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "apps"),
                                parent: nil, depth: 0, directory: "apps", origin: nil, resources: map)
        return ClusterRender(cluster: ClusterRoot(name: "test", path: "clusters/test"), units: [unit], diagnostics: [])
    }

    static func findings(_ documents: String...) throws -> [Diagnostic] {
        AdmissionPolicies.run([try render(documents.joined(separator: "\n---\n"))])
    }

    static func messages(_ documents: String...) throws -> [String] {
        AdmissionPolicies.run([try render(documents.joined(separator: "\n---\n"))]).map(\.message)
    }

    /// A policy on Deployments (any group `apps` version) with the given spec lines appended
    /// after `matchConstraints`; `validations` is the YAML of the list items.
    static func policy(_ name: String = "limits", spec: String = "", validations: String) -> String {
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: \(name)
        spec:
          matchConstraints:
            resourceRules:
              - apiGroups: ["apps"]
                apiVersions: ["v1"]
                operations: ["CREATE", "UPDATE"]
                resources: ["deployments"]
        \(indented(spec, by: 2))
          validations:
        \(indented(validations, by: 4))
        """
    }

    static func binding(_ name: String = "limits-binding", policy: String = "limits", actions: String = "[Deny]",
                        spec: String = "") -> String {
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: \(name)
        spec:
          policyName: \(policy)
          validationActions: \(actions)
        \(indented(spec, by: 2))
        """
    }

    static func deployment(_ name: String = "web", namespace: String = "prod", replicas: Int = 3, labels: String = "app: web") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
          namespace: \(namespace)
          labels:
        \(indented(labels, by: 4))
        spec:
          replicas: \(replicas)
        """
    }

    static func namespace(_ name: String, labels: String = "{}") -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: \(name)
          labels: \(labels)
        """
    }

    private static func indented(_ text: String, by width: Int) -> String {
        let padding = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : padding + $0 }.joined(separator: "\n")
    }
}

@Suite struct AdmissionEvaluationTests {
    typealias C = AdmissionCluster

    static let replicaLimit = C.policy(validations: """
        - expression: "object.spec.replicas <= 5"
          message: "at most 5 replicas"
        """)

    @Test func failingValidationDeniesAtTheObjectWithThePolicyExpressionRelated() throws {
        let found = try C.findings(Self.replicaLimit, C.binding(), C.deployment(replicas: 8), C.deployment("api", replicas: 2))
        try #require(found.count == 1)
        let finding = found[0]
        #expect(finding.rule == "admission-policy")
        #expect(finding.severity == .error)
        #expect(finding.message == "ValidatingAdmissionPolicy limits (binding limits-binding) denies Deployment prod/web: at most 5 replicas")
        #expect(finding.object == ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web"))
        #expect(finding.unit == UnitReference(kind: "Kustomization", namespace: "flux-system", name: "apps"))
        // The policy is document 1 (its expression on line 14), the binding 2, the failing Deployment 3 (line 26).
        #expect(finding.location.file == "cluster.yaml")
        #expect(finding.location.line == 26)
        #expect(finding.related.map(\.location.line) == [14])
    }

    @Test func messageExpressionThenMessageThenTheExpression() throws {
        let policy = C.policy(validations: """
            - expression: "object.spec.replicas <= 5"
              messageExpression: "'wants ' + string(object.spec.replicas)"
              message: "too many"
            - expression: "object.spec.replicas <= 6"
              messageExpression: "'   '"
              message: "  still too many  "
            - expression: "object.spec.replicas <= 7"
              messageExpression: "object.spec.replicas"
            - expression: "object.spec.replicas <= 7 "
              messageExpression: "'two\\\\nlines'"
            """)
        let prefix = "ValidatingAdmissionPolicy limits (binding limits-binding) denies Deployment prod/web: "
        #expect(try C.messages(policy, C.binding(), C.deployment(replicas: 8)) == [
            prefix + "wants 8", prefix + "still too many", prefix + "failed expression: object.spec.replicas <= 7",
            prefix + "failed expression: object.spec.replicas <= 7",
        ].sorted())
    }

    @Test func variablesAreEvaluatedInOrderAndReadByLaterOnes() throws {
        let policy = C.policy(spec: """
            variables:
              - name: limit
                expression: "4"
              - name: allowed
                expression: "object.spec.replicas <= variables.limit"
            """, validations: """
            - expression: "variables.allowed"
              messageExpression: "'limit is ' + string(variables.limit)"
            """)
        #expect(try C.messages(policy, C.binding(), C.deployment(replicas: 5)).map { $0.hasSuffix(": limit is 4") } == [true])
        #expect(try C.messages(policy, C.binding(), C.deployment(replicas: 4)).isEmpty)
    }

    @Test(arguments: [("[Deny]", Severity.error), ("[Warn]", .warning), ("[Audit]", .info), ("[Warn, Audit]", .warning),
                      ("[Deny, Audit]", .error)])
    func validationActionsSetTheSeverity(actions: String, severity: Severity) throws {
        let found = try C.findings(Self.replicaLimit, C.binding(actions: actions), C.deployment(replicas: 8))
        #expect(found.map(\.severity) == [severity])
    }

    @Test func bindingWithoutActionsOrWithDenyAndWarnIsRejected() throws {
        #expect(try C.messages(Self.replicaLimit, C.binding(actions: "[]"), C.deployment(replicas: 8)) == [
            "ValidatingAdmissionPolicyBinding limits-binding is rejected by the API server: validationActions is required",
        ])
        #expect(try C.messages(Self.replicaLimit, C.binding(actions: "[Deny, Warn]"), C.deployment(replicas: 8)) == [
            "ValidatingAdmissionPolicyBinding limits-binding is rejected by the API server: validationActions may not contain both Deny and Warn",
        ])
    }

    @Test func evaluationErrorsFollowTheFailurePolicy() throws {
        let validations = """
            - expression: "object.spec.paused == false"
            """
        let failing = C.policy(spec: "failurePolicy: Fail", validations: validations)
        #expect(try C.messages(failing, C.binding(), C.deployment()) == [
            "ValidatingAdmissionPolicy limits (binding limits-binding) denies Deployment prod/web: "
                + "expression 'object.spec.paused == false' resulted in error: no such key: 'paused'",
        ])
        let ignoring = C.policy(spec: "failurePolicy: Ignore", validations: validations)
        #expect(try C.findings(ignoring, C.binding(), C.deployment()).isEmpty)
        // Fail is the default.
        #expect(try C.findings(C.policy(validations: validations), C.binding(), C.deployment()).count == 1)
    }

    @Test func aRunawayExpressionEndsAtTheCostLimit() throws {
        let ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
        let loops = "\(ten).all(a, \(ten).all(b, \(ten).all(c, \(ten).all(d, \(ten).all(e, \(ten).all(f, \(ten).all(g, true)))))))"
        let policy = C.policy(validations: "- expression: \"\(loops)\"")
        let found = try C.messages(policy, C.binding(), C.deployment())
        #expect(found.count == 1)
        #expect(found.first?.contains("cost limit") == true)
    }

    @Test func matchConditionsGateThePolicy() throws {
        func policy(_ conditions: String, failurePolicy: String = "Fail") -> String {
            C.policy(spec: "failurePolicy: \(failurePolicy)\nmatchConditions:\n" + conditions, validations: """
                - expression: "object.spec.replicas <= 5"
                  message: "too many"
                """)
        }
        let skipsCanary = """
              - name: not-canary
                expression: "!object.metadata.name.endsWith('-canary')"
            """
        #expect(try C.messages(policy(skipsCanary), C.binding(), C.deployment("web-canary", replicas: 8)).isEmpty)
        #expect(try C.messages(policy(skipsCanary), C.binding(), C.deployment(replicas: 8)).count == 1)

        let broken = """
              - name: broken
                expression: "object.spec.missing == 1"
            """
        #expect(try C.messages(policy(broken), C.binding(), C.deployment(replicas: 1)) == [
            "ValidatingAdmissionPolicy limits (binding limits-binding) denies Deployment prod/web: "
                + "failed to evaluate match condition broken: no such key: 'missing'",
        ])
        #expect(try C.messages(policy(broken, failurePolicy: "Ignore"), C.binding(), C.deployment(replicas: 8)).isEmpty)
        // A false condition wins over an error: the policy does not apply.
        #expect(try C.messages(policy(skipsCanary + "\n" + broken), C.binding(), C.deployment("web-canary", replicas: 8)).isEmpty)
    }

    @Test func requestOldObjectAndNamespaceObjectAreBound() throws {
        let policy = C.policy(validations: """
            - expression: "request.operation == 'CREATE' && request.resource.resource == 'deployments' && request.kind.kind == 'Deployment'"
            - expression: "request.namespace == 'prod' && request.name == 'web' && request.userInfo == {} && oldObject == null"
            - expression: "namespaceObject.metadata.labels.env == 'prod'"
            - expression: "params == null"
            """)
        #expect(try C.findings(policy, C.binding(), C.deployment(), C.namespace("prod", labels: "{env: prod}")).isEmpty)
        let denied = try C.messages(policy, C.binding(), C.deployment(), C.namespace("prod", labels: "{env: dev}"))
        #expect(denied.map { $0.hasSuffix("failed expression: namespaceObject.metadata.labels.env == 'prod'") } == [true])
    }

    @Test func secretValuesAreNotVisible() throws {
        let policy = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: secrets
            spec:
              matchConstraints:
                resourceRules:
                  - apiGroups: [""]
                    apiVersions: ["v1"]
                    operations: ["CREATE"]
                    resources: ["secrets"]
              validations:
                - expression: "has(object.data)"
                  messageExpression: "'no data visible'"
            """
        let secret = """
            apiVersion: v1
            kind: Secret
            metadata: {name: token, namespace: prod}
            data: {password: aHVudGVyMg==}
            """
        #expect(try C.messages(policy, C.binding(policy: "secrets"), secret).map { $0.hasSuffix(": no data visible") } == [true])
    }

    @Test func policiesTheAPIServerWouldRefuseAreReportedOnce() throws {
        let heterogeneous = C.policy(validations: "- expression: \"object.spec.replicas in [1, 'two']\"")
        let found = try C.findings(heterogeneous, C.binding(), C.deployment(), C.deployment("api"))
        try #require(found.count == 1)
        #expect(found[0].message.hasPrefix("ValidatingAdmissionPolicy limits is rejected by the API server: validation 1 does not compile"))
        #expect(found[0].location.line == 14)

        let undeclared = C.policy(validations: "- expression: \"spec.replicas > 1\"")
        #expect(try C.messages(undeclared, C.binding()).first?.contains("validation 1 does not compile") == true)
        let notBool = C.policy(validations: "- expression: \"'yes'\"")
        #expect(try C.messages(notBool, C.binding()) == [
            "ValidatingAdmissionPolicy limits is rejected by the API server: validation 1 must evaluate to bool, not string",
        ])
        let badReason = C.policy(validations: "- expression: \"true\"\n  reason: Teapot")
        #expect(try C.messages(badReason, C.binding()) == [
            "ValidatingAdmissionPolicy limits is rejected by the API server: "
                + "reason of validation 1 must be one of Unauthorized, Forbidden, Invalid, RequestEntityTooLarge",
        ])
    }

    @Test func expressionsReadingTheAuthorizerAreLeftOutWithOneNotice() throws {
        let policy = C.policy(spec: """
            variables:
              - name: mayScale
                expression: "authorizer.group('apps').resource('deployments').subresource('scale').check('update').allowed()"
            """, validations: """
            - expression: "variables.mayScale || object.spec.replicas <= 5"
            - expression: "object.spec.replicas <= 10"
              message: "at most 10"
            """)
        let found = try C.findings(policy, C.binding(), C.binding("second"), C.deployment(replicas: 20), C.deployment("api", replicas: 20))
        let notices = found.filter { $0.severity == .info }
        #expect(notices.map(\.message) == [
            "ValidatingAdmissionPolicy limits: validation 1 read authorizer, which needs the live cluster; they are not evaluated offline",
        ])
        #expect(found.filter { $0.severity == .error }.map { $0.message.hasSuffix(": at most 10") } == [true, true, true, true])
    }

    @Test func bindingsToPoliciesOutsideTheRenderAndPoliciesWithoutBindingsDoNothing() throws {
        #expect(try C.findings(C.binding(policy: "elsewhere"), C.deployment(replicas: 8)).isEmpty)
        #expect(try C.findings(Self.replicaLimit, C.deployment(replicas: 8)).isEmpty)
    }
}
